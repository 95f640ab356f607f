import { describe, expect, it } from "vitest";
import { loadBundledSpec, validatorFor } from "./load-spec.js";

interface ExampleCase {
  where: string;
  schema: unknown;
  example: unknown;
}

function resolve(spec: any, node: any): any {
  if (!node?.$ref) return node;
  return resolve(spec, node.$ref.replace("#/", "").split("/").reduce((at: any, key: string) => at[key], spec));
}

/** Every example the spec carries, with the schema it must satisfy. */
function collectExamples(spec: any): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const [path, item] of Object.entries<any>(spec.paths)) {
    const operation = item.get;
    for (const parameter of operation.parameters.map((p: any) => resolve(spec, p))) {
      if (parameter.example !== undefined) {
        cases.push({ where: `${path} parameter ${parameter.name}`, schema: parameter.schema, example: parameter.example });
      }
    }
    for (const [status, response] of Object.entries<any>(operation.responses)) {
      const media = resolve(spec, response).content["application/json"];
      cases.push({ where: `${operation.operationId} ${status}`, schema: media.schema, example: media.example });
    }
  }
  return cases;
}

describe("examples", () => {
  const spec = loadBundledSpec();
  const validate = validatorFor(spec);
  const cases = collectExamples(spec);

  it("covers a response example for every status of every operation", () => {
    expect(cases.filter((c) => / \d{3}$/.test(c.where))).toHaveLength(5 * 7);
    for (const c of cases) expect(c.example, c.where).toBeDefined();
  });

  it.each(cases.map((c) => [c.where, c] as const))("%s validates against its schema", (_where, c) => {
    expect(validate(c.schema, c.example)).toEqual([]);
  });

  it("catches an example that breaks its schema", () => {
    const ports = cases.find((c) => c.where === "listPorts 200")!;
    const broken = structuredClone(ports.example) as any;
    broken.data_list[0].port = 70000;
    delete broken.total_num;
    const errors = validate(ports.schema, broken);
    expect(errors.join("\n")).toMatch(/total_num/);
    expect(errors.join("\n")).toMatch(/port must be <= 65535/);
  });

  it("accepts the legacy port status that real servers send and refuses others", () => {
    const item = { ...(cases.find((c) => c.where === "listPorts 200")!.example as any).data_list[0] };
    const schema = { $ref: "#/components/schemas/PortResponseInfo" };
    expect(validate(schema, { ...item, status: "unknow" })).toEqual([]);
    expect(validate(schema, { ...item, status: "unkown" })).not.toEqual([]);
  });
});
