// The generator renders what the spec model says: a change to the spec shows in the files.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModel, operationById, readModel, type JsonObject, type SpecModel } from "@hss-kit/spec";
import { describeItemNames, describeOperations, describeRegions, render } from "../scripts/generate.mjs";

const OPERATIONS_FILE = join("src", "generated", "operations.ts");

/** The bundled document with an edit applied, read back into a model. */
function edited(edit: (document: any) => void): SpecModel {
  const document = structuredClone(loadModel().document) as JsonObject;
  edit(document);
  return readModel(document);
}

const portsGet = (document: any) => document.paths["/v5/{project_id}/asset/ports"].get;

describe("generated files", () => {
  let model: SpecModel;
  let rendered: Map<string, string>;
  beforeAll(async () => {
    model = loadModel();
    rendered = await render(model);
  });

  it("say on their first line that they are generated", () => {
    for (const content of rendered.values()) expect(content.split("\n")[0]).toMatch(/^\/\/ GENERATED FILE: do not edit\./);
  });

  it("render the same twice (deterministic)", async () => {
    expect(await render(loadModel())).toEqual(rendered);
  });

  it("follow a parameter bound the spec changes", async () => {
    const drifted = await render(edited((document) => {
      portsGet(document).parameters.find((p: any) => p.name === "limit").schema.maximum = 500;
    }));
    expect(drifted.get(OPERATIONS_FILE)).not.toBe(rendered.get(OPERATIONS_FILE));
    expect(drifted.get(OPERATIONS_FILE)).toContain('"maximum": 500');
  });

  it("follow a parameter the spec adds, in the types too", async () => {
    const drifted = await render(edited((document) => {
      portsGet(document).parameters.push({ name: "new_filter", in: "query", schema: { type: "string" }, "x-hss-filter": {} });
    }));
    expect(drifted.get(join("src", "generated", "schema.ts"))).toContain("new_filter");
    expect(drifted.get(OPERATIONS_FILE)).toContain('"new_filter"');
  });

  it("name each operation's item type after the spec's item schema, and follow a rename", async () => {
    const ITEMS_FILE = join("src", "generated", "items.ts");
    expect(rendered.get(ITEMS_FILE)).toContain('export type Port = OperationItem<"listPorts">;');
    const drifted = await render(edited((document) => {
      const schemas = document.components.schemas;
      schemas.ListeningPortInfo = schemas.PortResponseInfo;
      delete schemas.PortResponseInfo;
      schemas.ListPortsResponse.properties.data_list.items.$ref = "#/components/schemas/ListeningPortInfo";
    }));
    expect(drifted.get(ITEMS_FILE)).toContain('export type ListeningPort = OperationItem<"listPorts">;');
    expect(drifted.get(ITEMS_FILE)).not.toContain("export type Port ");
  });

  it("refuse two item types of one name", () => {
    const clashing = edited((document) => {
      const schemas = document.components.schemas;
      schemas.PortInfo = schemas.UserResponseInfo;
      delete schemas.UserResponseInfo;
      schemas.ListUsersResponse.properties.data_list.items.$ref = "#/components/schemas/PortInfo";
    });
    expect(() => describeItemNames(clashing)).toThrow("The items of listUsers and listPorts would both be named Port");
  });

  it("mark the parameters the client fills in from its configuration", () => {
    const images = describeOperations(model).listLocalImageHosts;
    const configured = images.parameters.filter((p: { config?: string }) => p.config).map((p: { name: string; config: string }) => [p.name, p.config]);
    expect(configured).toEqual(
      operationById(model, "listLocalImageHosts").parameters.filter((p) => p.config).map((p) => [p.name, p.config]),
    );
    expect(configured.length).toBeGreaterThan(0);
  });
});

describe("regions from the spec's servers", () => {
  it("give the regional template with its regions, and eu-west-101 on its own domain", () => {
    const regions = describeRegions(loadModel());
    expect(regions.template).toBe("https://hss.{region}.myhuaweicloud.com");
    expect(regions.templated).toHaveLength(31);
    expect(regions.fixed).toEqual({ "eu-west-101": "https://hss.eu-west-101.myhuaweicloud.eu" });
  });

  it("follow a region added to the spec", () => {
    const model = edited((document) => document.servers[0].variables.region.enum.push("xx-test-1"));
    expect(describeRegions(model).templated).toContain("xx-test-1");
  });

  it("refuse a server whose host names no region", () => {
    const model = edited((document) => document.servers.push({ url: "https://example.invalid" }));
    expect(() => describeRegions(model)).toThrow("Server https://example.invalid names no region");
  });
});
