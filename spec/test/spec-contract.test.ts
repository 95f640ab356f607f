import { describe, expect, it } from "vitest";
import { loadBundledSpec } from "./load-spec.js";
import { referenceRegions, seedOperations } from "./seed-facts.js";

const spec = loadBundledSpec();
const resolve = (node: any): any =>
  node?.$ref ? resolve(node.$ref.replace("#/", "").split("/").reduce((at: any, k: string) => at[k], spec)) : node;
const operationsById = new Map<string, { path: string; operation: any }>(
  Object.entries<any>(spec.paths).map(([path, item]) => [item.get.operationId, { path, operation: item.get }]),
);
/** Rules taken from one seed page for another, listed in the spec's description of departures. */
const DEPARTURES = new Set([
  "listPorts.category", // its values come from the processes page
  "*.project_id", // its length comes from the ports page; the path parameter is shared
]);
const RULES = ["type", "format", "minimum", "maximum", "minLength", "maxLength", "enum", "default"] as const;

describe("the spec against the seed documents", () => {
  it("declares OpenAPI 3.1 with the 2020-12 dialect, so Prism enforces 2020-12 keywords", () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
    expect(spec.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("has exactly the five operations, each tagged, summarised and described", () => {
    expect([...operationsById.keys()].sort()).toEqual(Object.keys(seedOperations).sort());
    for (const [id, { path, operation }] of operationsById) {
      expect(path, id).toBe(seedOperations[id]!.path);
      expect(operation.tags, id).toHaveLength(1);
      expect(operation.summary, id).toBeTruthy();
      expect(operation.description?.length, id).toBeGreaterThan(40);
    }
  });

  describe.each(Object.entries(seedOperations))("%s", (id, seed) => {
    const { operation } = operationsById.get(id)!;
    const parameters = new Map<string, any>(operation.parameters.map((p: any) => [resolve(p).name, resolve(p)]));

    it.each(Object.entries(seed.parameters))("carries the seed's parameter %s with its rules", (name, fact) => {
      const parameter = parameters.get(name);
      expect(parameter, name).toBeDefined();
      expect(parameter.in).toBe(fact.in);
      expect(parameter.required === true).toBe(fact.required === true);
      expect(parameter.description?.length).toBeGreaterThan(3);
      for (const rule of RULES) if (fact[rule] !== undefined) expect(parameter.schema[rule], rule).toEqual(fact[rule]);
    });

    it("marks every parameter or rule the seed does not state with x-hss-source: sdk", () => {
      for (const [name, parameter] of parameters) {
        const fact = seed.parameters[name];
        const addsRules = RULES.some((rule) => parameter.schema[rule] !== undefined && fact?.[rule] === undefined);
        const documentedDeparture = DEPARTURES.has(`${id}.${name}`) || DEPARTURES.has(`*.${name}`);
        if (!fact || (addsRules && !documentedDeparture)) expect(parameter["x-hss-source"], name).toBe("sdk");
      }
    });

    it("answers 200 with a body that requires total_num and data_list of the seed's item", () => {
      const schema = resolve(resolve(operation.responses["200"]).content["application/json"].schema);
      expect(schema.required).toEqual(["total_num", "data_list"]);
      expect(schema.properties.total_num.format).toBe(seed.totalNumFormat);
      expect(schema.properties.data_list.items.$ref).toBe(`#/components/schemas/${seed.itemSchema}`);
    });

    it("carries every response field of the seed, and marks the others as SDK facts", () => {
      const item = resolve({ $ref: `#/components/schemas/${seed.itemSchema}` });
      for (const [field, fact] of Object.entries(seed.fields)) {
        expect(item.properties[field], field).toBeDefined();
        expect(item.properties[field].type).toBe(fact.type);
        if (fact.format) expect(item.properties[field].format, field).toBe(fact.format);
        if (fact.enum) expect(item.properties[field].enum, field).toEqual(fact.enum);
      }
      for (const [field, schema] of Object.entries<any>(item.properties)) {
        if (!seed.fields[field]) expect(schema["x-hss-source"], field).toBe("sdk");
      }
    });

    it("documents 400, 401, 403, 404, 429 and 500 with the shared error body and X-Request-Id", () => {
      const statuses = Object.keys(operation.responses).sort();
      expect(statuses).toEqual(["200", "400", "401", "403", "404", "429", "500"]);
      for (const status of statuses) {
        const response = resolve(operation.responses[status]);
        expect(response.headers["X-Request-Id"], status).toBeDefined();
        if (status !== "200") {
          expect(response.content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
          expect(response.content["application/json"].example.error_code).toMatch(/^(HSS|APIGW)\.\d{4}$/);
        }
      }
    });

    it("is secured by the IAM token, with AK/SK signing as the alternative", () => {
      expect(operation.security).toEqual([{ IamToken: [] }, { AkSkSignature: [] }]);
    });
  });

  it("defines the token as an apiKey in X-Auth-Token and documents AK/SK signing", () => {
    expect(spec.components.securitySchemes.IamToken).toMatchObject({ type: "apiKey", in: "header", name: "X-Auth-Token" });
    expect(spec.components.securitySchemes.AkSkSignature.description).toMatch(/SDK-HMAC-SHA256/);
  });

  it("shares one error schema with error_code and error_msg required", () => {
    expect(spec.components.schemas.Error.required).toEqual(["error_code", "error_msg"]);
    expect(Object.keys(spec.components.schemas.Error.properties)).toEqual(["error_code", "error_msg", "request_id"]);
  });

  it("lists every reference region as a server, eu-west-101 on its own domain", () => {
    const [regional, eu] = spec.servers;
    expect(regional.url).toBe("https://hss.{region}.myhuaweicloud.com");
    expect(regional.variables.region.enum).toEqual(referenceRegions.filter((r) => r !== "eu-west-101"));
    expect(eu.url).toBe("https://hss.eu-west-101.myhuaweicloud.eu");
  });
});
