import { describe, expect, it } from "vitest";
import { loadModel, readModel, ResponseValidator, type JsonObject, type OperationModel } from "../../src/index.js";

const spec = loadModel();
const validator = new ResponseValidator(spec);
const operation = (id: string) => spec.operations.find((o) => o.id === id) as OperationModel;
const example = (op: OperationModel) => {
  const paths = spec.document.paths as Record<string, Record<string, JsonObject>>;
  const get = paths[op.path]?.get as { responses: { "200": { content: { "application/json": { example: unknown } } } } };
  return get.responses["200"].content["application/json"].example;
};

describe("ResponseValidator (Ajv2020 over the bundled spec)", () => {
  it.each(spec.operations.map((o) => [o.id, o] as const))("accepts the spec's own 200 example of %s", (_, op) => {
    expect(validator.validate(op, 200, example(op))).toEqual([]);
  });

  it("checks the int32 range, not just the type", () => {
    const body = { total_num: 1, data_list: [{ process_pid: 2 ** 31 }] };
    expect(validator.validate(operation("listProcessesHost"), 200, body)).toEqual([
      { where: "body.data_list[0].process_pid", expected: expect.stringMatching(/^a value of the format int32 \(schema /) as unknown, got: "2147483648" },
    ]);
    expect(validator.validate(operation("listProcessesHost"), 200, { total_num: 1, data_list: [{ process_pid: 2 ** 31 - 1 }] })).toEqual([]);
  });

  it("says what the schema wants in words that read after \"expected\": a type with its article, the enum's values", () => {
    const [wrongType] = validator.validate(operation("listUsers"), 200, { total_num: 1, data_list: [{ user_name: 5 }] }) ?? [];
    expect(wrongType?.expected).toMatch(/^a string \(schema /);
    const [outsideEnum] = validator.validate(operation("listPorts"), 200, { total_num: 1, data_list: [{ status: "fine" }] }) ?? [];
    expect(outsideEnum?.expected).toMatch(/^one of "normal", "danger", "unknown"/);
  });

  it("accepts int64 millisecond times and the legacy port status unknow, refuses other enum values", () => {
    expect(validator.validate(operation("listUsers"), 200, { total_num: 1, data_list: [{ recent_scan_time: 1_700_000_000_000 }] })).toEqual([]);
    const ports = operation("listPorts");
    expect(validator.validate(ports, 200, { total_num: 1, data_list: [{ status: "unknow" }] })).toEqual([]);
    expect(validator.validate(ports, 200, { total_num: 1, data_list: [{ status: "fine" }] })).toHaveLength(1);
  });

  it("holds error statuses to the Error schema and reports a missing field as absent", () => {
    expect(validator.validate(operation("listUsers"), 400, { error_code: "HSS.0001", error_msg: "x" })).toEqual([]);
    expect(validator.validate(operation("listUsers"), 401, { code: "x" })).toEqual([
      { where: "body.error_code", expected: expect.stringMatching(/^the required property error_code \(schema /) as unknown, got: "(absent)" },
      { where: "body.error_msg", expected: expect.stringMatching(/^the required property error_msg \(schema /) as unknown, got: "(absent)" },
    ]);
    expect(validator.validateComponent("Error", { error_code: "APIGW.0301", error_msg: "x", request_id: "r" })).toEqual([]);
  });

  it("says nothing for a status the spec does not document", () => {
    expect(validator.validate(operation("listUsers"), 418, {})).toBeUndefined();
  });

  it("folds the same breach in every item into one violation", () => {
    const body = { total_num: 3, data_list: [{ port: -1 }, { port: -2 }, { port: -3 }] };
    const violations = validator.validate(operation("listPorts"), 200, body) ?? [];
    expect(violations.map((v) => v.where)).toEqual(["body.data_list[0].port (and 2 more like it)"]);
  });

  it("stays strict: an unknown format in a spec fails loudly instead of passing everything", () => {
    const document = {
      openapi: "3.1.0",
      paths: { "/x": { get: { operationId: "x", responses: { "200": { description: "", content: { "application/json": { schema: { $ref: "#/components/schemas/X" } } } } } } } },
      components: { schemas: { X: { type: "string", format: "no-such-format" } } },
    };
    const custom = readModel(document as unknown as JsonObject);
    expect(() => new ResponseValidator(custom).validate(custom.operations[0] as OperationModel, 200, "a")).toThrow(/unknown format "no-such-format"/);
  });
});
