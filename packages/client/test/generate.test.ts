// The committed generated files must be exactly what the spec gives, and the check must catch a
// spec change that the files do not reflect.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRegions, loadBundledSpec, render, type Spec } from "../scripts/generate.mjs";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = promisify(execFile);

function limitOfListPorts(spec: Spec): { maximum: number } {
  const parameters = spec.paths["/v5/{project_id}/asset/ports"].get.parameters as Array<Record<string, any>>;
  const limit = parameters
    .map((parameter) => (parameter.$ref ? resolve(spec, parameter.$ref) : parameter))
    .find((parameter) => parameter.name === "limit" && parameter.in === "query");
  return limit.schema;
}

function resolve(spec: Spec, ref: string): any {
  return ref.slice(2).split("/").reduce((at, key) => at[key], spec);
}

describe("generated files", () => {
  let spec: Spec;
  let rendered: Map<string, string>;
  beforeAll(async () => {
    spec = await loadBundledSpec();
    rendered = await render(spec);
  });

  it("match what the bundled spec renders, byte for byte", async () => {
    expect([...rendered.keys()].sort()).toEqual(
      ["operations.ts", "regions.ts", "schema.ts"].map((file) => join("src", "generated", file)),
    );
    for (const [file, content] of rendered) {
      expect(await readFile(join(packageRoot, file), "utf8"), file).toBe(content);
    }
  });

  it("say on their first line that they are generated", () => {
    for (const content of rendered.values()) expect(content.split("\n")[0]).toMatch(/^\/\/ GENERATED FILE: do not edit\./);
  });

  it("render the same twice (deterministic)", async () => {
    expect(await render(structuredClone(spec))).toEqual(rendered);
  });

  it("differ once the spec changes a parameter bound, so drift is caught", async () => {
    const mutated = structuredClone(spec);
    limitOfListPorts(mutated).maximum = 500;
    const drifted = await render(mutated);
    const file = join("src", "generated", "operations.ts");
    expect(drifted.get(file)).not.toBe(rendered.get(file));
    expect(drifted.get(file)).toContain('"maximum": 500');
  });

  it("differ once the spec adds a parameter, in the types too", async () => {
    const mutated = structuredClone(spec);
    mutated.paths["/v5/{project_id}/asset/ports"].get.parameters.push({
      name: "new_filter",
      in: "query",
      schema: { type: "string" },
    });
    const drifted = await render(mutated);
    expect(drifted.get(join("src", "generated", "schema.ts"))).toContain("new_filter");
    expect(drifted.get(join("src", "generated", "operations.ts"))).toContain('"new_filter"');
  });

  it("refuse a parameter keyword the validator would ignore", async () => {
    const mutated = structuredClone(spec);
    mutated.paths["/v5/{project_id}/asset/ports"].get.parameters.push({
      name: "pattern_filter",
      in: "query",
      schema: { type: "string", pattern: "^[a-z]+$" },
    });
    await expect(render(mutated)).rejects.toThrow(
      'Parameter pattern_filter of listPorts uses the schema keyword "pattern", which the client\'s validator does not check.',
    );
  });
});

describe("regions from the spec's servers", () => {
  it("give the regional template with its regions, and eu-west-101 on its own domain", async () => {
    const regions = describeRegions(await loadBundledSpec());
    expect(regions.template).toBe("https://hss.{region}.myhuaweicloud.com");
    expect(regions.templated).toHaveLength(31);
    expect(regions.fixed).toEqual({ "eu-west-101": "https://hss.eu-west-101.myhuaweicloud.eu" });
  });

  it("follow a region added to the spec", async () => {
    const spec = structuredClone(await loadBundledSpec());
    spec.servers[0].variables.region.enum.push("xx-test-1");
    expect(describeRegions(spec).templated).toContain("xx-test-1");
  });

  it("refuse a server whose host names no region", async () => {
    const spec = structuredClone(await loadBundledSpec());
    spec.servers.push({ url: "https://example.invalid" });
    expect(() => describeRegions(spec)).toThrow("Server https://example.invalid names no region");
  });
});

describe("generate --check", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hss-generate-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("passes on the bundled spec", async () => {
    const { stdout } = await run(process.execPath, ["scripts/generate.mjs", "--check"], { cwd: packageRoot });
    expect(stdout).toContain("Generated files match the spec.");
  });

  it("fails, naming the file, on a spec whose bounds changed", async () => {
    const mutated = await loadBundledSpec();
    limitOfListPorts(mutated).maximum = 500;
    const specPath = join(dir, "openapi.json");
    await writeFile(specPath, JSON.stringify(mutated));
    const failure = await run(process.execPath, ["scripts/generate.mjs", "--check", "--spec", specPath], {
      cwd: packageRoot,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`Generated files drifted from the spec: ${join("src", "generated", "operations.ts")}.`);
  });
});
