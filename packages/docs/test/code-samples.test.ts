import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDocument, loadModel } from "@hss-kit/spec";
import { describe, expect, it } from "vitest";
import { sampleValue, withCodeSamples } from "../scripts/code-samples.mjs";

const bundled = loadDocument();

type Sample = { lang: string; label: string; source: string };
const samplesOf = (spec: any, path: string): Sample[] => spec.paths[path].get["x-codeSamples"];
const byLabel = (samples: Sample[], label: string) => samples.find((s) => s.label === label)!.source;

/** A minimal spec in the shape of the HSS one, with one operation to vary per test. */
function specWith(operation: Record<string, unknown>, path = "/v5/{project_id}/things") {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    servers: [{ url: "https://hss.{region}.example.test", variables: { region: { default: "xx-west-1" } } }],
    security: [{ IamToken: [] }, { AkSkSignature: [] }],
    components: {
      securitySchemes: {
        IamToken: { type: "apiKey", in: "header", name: "X-Auth-Token" },
        AkSkSignature: { type: "apiKey", in: "header", name: "Authorization" },
      },
      parameters: { ProjectId: { name: "project_id", in: "path", required: true, "x-hss-config": "projectId", schema: { type: "string" } } },
    },
    paths: { [path]: { get: { responses: { 200: { description: "ok" } }, ...operation } } },
  };
}

describe("generated code samples", () => {
  const docs = withCodeSamples(bundled);

  it("gives every operation of the bundled spec a TypeScript and a curl sample", () => {
    const operations = Object.values<any>(docs.paths).map((item) => item.get);
    expect(operations.map((op) => op.operationId).sort()).toEqual(loadModel().operations.map((op) => op.id).sort());
    for (const op of operations) {
      expect(op["x-codeSamples"].map((s: Sample) => [s.lang, s.label])).toEqual([["TypeScript", "TypeScript"], ["Shell", "curl"]]);
      const ts = byLabel(op["x-codeSamples"], "TypeScript");
      expect(ts).toContain('import { createHssClient } from "@hss-kit/client";');
      expect(ts).toContain(`await hss.${op.operationId}(`);
      expect(ts).toContain("credentials: { token: process.env.HSS_TOKEN! }");
      expect(ts).toContain("// or AK/SK signing: { accessKey: process.env.HUAWEICLOUD_SDK_AK!, secretKey: process.env.HUAWEICLOUD_SDK_SK! }");
      expect(byLabel(op["x-codeSamples"], "curl")).toContain('-H "X-Auth-Token: $HSS_TOKEN"');
    }
  });

  it("passes required parameters with their examples, in the client's flat params and in curl", () => {
    const ports = samplesOf(docs, "/v5/{project_id}/asset/ports");
    expect(byLabel(ports, "TypeScript")).toContain(
      'await hss.listPorts({\n  host_id: "dd91cd32-a238-4c0e-bc01-3b11653714ac",\n});',
    );
    expect(byLabel(ports, "curl")).toBe(
      'curl -sS "https://hss.cn-north-4.myhuaweicloud.com/v5/$HUAWEICLOUD_SDK_PROJECT_ID/asset/ports?host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac" \\\n' +
        '  -H "X-Auth-Token: $HSS_TOKEN"\n',
    );

    const scan = samplesOf(docs, "/v5/{project_id}/vulnerability/scan-task/{task_id}/hosts");
    expect(byLabel(scan, "TypeScript")).toContain('task_id: "2b31ed520xxxxxxebedb6e57xxxxxxxx",');
    expect(byLabel(scan, "curl")).toContain("/v5/$HUAWEICLOUD_SDK_PROJECT_ID/vulnerability/scan-task/2b31ed520xxxxxxebedb6e57xxxxxxxx/hosts\"");
  });

  it("sends a required header (region) in curl and leaves it to the client's region in TypeScript", () => {
    const images = samplesOf(docs, "/v5/{project_id}/image/local/hosts");
    expect(byLabel(images, "curl")).toContain('-H "region: cn-north-4"');
    const ts = byLabel(images, "TypeScript");
    expect(ts).toContain('region: "cn-north-4",');
    expect(ts).toContain("// The required region header comes from the client's region option.");
    expect(ts).toContain("await hss.listLocalImageHosts();");
  });

  it("leaves optional parameters out, even those with examples", () => {
    const processes = samplesOf(docs, "/v5/{project_id}/asset/processes/detail");
    expect(byLabel(processes, "TypeScript")).toContain("await hss.listProcessesHost();");
    expect(byLabel(processes, "curl")).not.toContain("/usr/bin/bash");
  });

  it("follows the spec: a new operation gets samples with no hand edits", () => {
    const spec = specWith({
      operationId: "listThings",
      parameters: [
        { $ref: "#/components/parameters/ProjectId" },
        { name: "kind", in: "query", required: true, schema: { type: "string", enum: ["a b", "c"] } },
        { name: "max", in: "query", required: true, schema: { type: "integer", default: 5 } },
        { name: "note", in: "query", required: true, example: 'say "$HOME"', schema: { type: "string" } },
        { name: "tag", in: "query", required: true, schema: { type: "string" } },
        { name: "x-trace", in: "header", required: true, example: 'id "$1"', schema: { type: "string" } },
      ],
    });
    const [ts, curl] = withCodeSamples(spec).paths["/v5/{project_id}/things"].get["x-codeSamples"];
    expect(ts.source).toContain('region: "xx-west-1",');
    expect(ts.source).toContain(
      'await hss.listThings({\n  kind: "a b",\n  max: 5,\n  note: "say \\"$HOME\\"",\n  tag: "<tag>",\n  "x-trace": "id \\"$1\\"",\n});',
    );
    // Query values are URL-encoded; a header value has `"` and `$` escaped, so the shell sends it verbatim.
    expect(curl.source).toContain(
      'curl -sS "https://hss.xx-west-1.example.test/v5/$HUAWEICLOUD_SDK_PROJECT_ID/things?kind=a%20b&max=5&note=say%20%22%24HOME%22&tag=%3Ctag%3E"',
    );
    expect(curl.source).toContain('-H "x-trace: id \\"\\$1\\""');
  });

  it("picks a parameter's example, then its schema's example, default or first enum value", () => {
    expect(sampleValue({ name: "a", example: 1, schema: { default: 2 } })).toBe(1);
    expect(sampleValue({ name: "a", examples: { one: { value: "x" } }, schema: {} })).toBe("x");
    expect(sampleValue({ name: "a", schema: { examples: ["y"], default: "z" } })).toBe("y");
    expect(sampleValue({ name: "a", schema: { default: false } })).toBe(false);
    expect(sampleValue({ name: "a", schema: { enum: ["host", "container"] } })).toBe("host");
    expect(sampleValue({ name: "a", schema: { type: "string" } })).toBe("<a>");
  });

  it("refuses what it cannot sample truthfully", () => {
    const unknownAuth = specWith({ operationId: "x", security: [{ OAuth: [] }] });
    expect(() => withCodeSamples(unknownAuth)).toThrow(/security scheme OAuth/);
    const noId = specWith({});
    expect(() => withCodeSamples(noId)).toThrow(/has no operationId/);
    const post = specWith({ operationId: "x" });
    (post.paths as any)["/v5/{project_id}/things"] = { post: (post.paths as any)["/v5/{project_id}/things"].get };
    expect(() => withCodeSamples(post)).toThrow(/Only GET samples/);
  });

  it("adds samples to a copy only: the spec passed in, and the one offered for download, stay pure", () => {
    const before = JSON.stringify(bundled);
    withCodeSamples(bundled);
    expect(JSON.stringify(bundled)).toBe(before);
    expect(before).not.toContain("x-codeSamples");
  });
});

describe("the environment the samples read", () => {
  // The client reads Huawei's own names (HUAWEICLOUD_SDK_AK, _SK, _SECURITY_TOKEN, _PROJECT_ID),
  // as its options' documentation says; only a token has none, and goes by HSS_TOKEN, as the hss
  // command line reads it. The contract guide's HSS_* are that tool's own flags, not the client's.
  const clientReads = new Set(readFileSync(join(import.meta.dirname, "..", "..", "client", "src", "config.ts"), "utf8").match(/HUAWEICLOUD_SDK_[A-Z_]+/g));
  const allowed = new Set([...clientReads, "HSS_TOKEN"]);

  it("names only variables the client reads, in every generated sample and in the client guide", () => {
    const docs = withCodeSamples(bundled) as any;
    const samples = Object.values(docs.paths).flatMap((item: any) => (item.get["x-codeSamples"] as Sample[]).map((sample) => sample.source));
    const guide = readFileSync(join(import.meta.dirname, "..", "site", "client.html"), "utf8");
    const named = [...samples, guide].join("\n").match(/(?<=process\.env\.|\$)[A-Z][A-Z0-9_]+/g) ?? [];
    expect(clientReads.size).toBeGreaterThan(3);
    expect([...new Set(named)].filter((name) => !allowed.has(name))).toEqual([]);
  });
});
