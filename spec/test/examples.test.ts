import { describe, expect, it } from "vitest";
import { model, validatorFor } from "./load-spec.js";

interface ExampleCase {
  where: string;
  schema: unknown;
  example: unknown;
}

/** Every example the spec carries, with the schema it must satisfy. */
const cases: ExampleCase[] = model.operations.flatMap((operation) => [
  ...operation.parameters.flatMap((parameter) =>
    parameter.example === undefined ? [] : [{ where: `${operation.path} parameter ${parameter.name}`, schema: parameter.rules, example: parameter.example }],
  ),
  ...operation.responses.map((response) => ({ where: `${operation.id} ${response.status}`, schema: response.schema, example: response.example })),
]);

describe("examples", () => {
  const validate = validatorFor(model.document);

  it("covers a response example for every status of every operation", () => {
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
