import { describe, expect, it } from "vitest";
import { isObject, RULE_KEYWORDS, type OperationModel } from "../src/index.js";
import { model } from "./load-spec.js";
import { referenceRegions, sdkRegions, seedOperations } from "./seed-facts.js";

const { document } = model;
const components = document.components as any;
/** Rules taken from one seed page for another, listed in the spec's description of departures. */
const DEPARTURES = new Set([
  "listPorts.category", // its values come from the processes page
  "*.project_id", // its length comes from the ports page; the path parameter is shared
]);
const seeded = model.operations.filter((operation) => operation.id in seedOperations);
const additions = model.operations.filter((operation) => !(operation.id in seedOperations));

describe("the spec against the seed documents", () => {
  it("declares OpenAPI 3.1 with the 2020-12 dialect, so Prism enforces 2020-12 keywords", () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("has every seed operation at the seed's path", () => {
    expect(seeded.map((operation) => operation.id).sort()).toEqual(Object.keys(seedOperations).sort());
    for (const operation of seeded) expect(operation.path, operation.id).toBe(seedOperations[operation.id]!.path);
  });

  it("marks every operation that no seed documents as an addition from the SDKs", () => {
    for (const operation of additions) expect(operation.source, operation.id).toBe("sdk");
    for (const operation of seeded) expect(operation.source, operation.id).toBe("seed");
  });

  describe.each(seeded.map((operation) => [operation.id, operation] as const))("%s", (id, operation) => {
    const seed = seedOperations[id]!;
    const parameters = new Map(operation.parameters.map((p) => [p.name, p]));

    it.each(Object.entries(seed.parameters))("carries the seed's parameter %s with its rules", (name, fact) => {
      const parameter = parameters.get(name);
      expect(parameter, name).toBeDefined();
      expect(parameter!.in).toBe(fact.in);
      expect(parameter!.required).toBe(fact.required === true);
      expect(parameter!.description.length).toBeGreaterThan(3);
      for (const rule of RULE_KEYWORDS) if (fact[rule] !== undefined) expect(parameter!.rules[rule], rule).toEqual(fact[rule]);
    });

    it("marks every parameter or rule the seed does not state with x-hss-source: sdk", () => {
      for (const [name, parameter] of parameters) {
        const fact = seed.parameters[name];
        const addsRules = RULE_KEYWORDS.some((rule) => parameter.rules[rule] !== undefined && fact?.[rule] === undefined);
        const documentedDeparture = DEPARTURES.has(`${id}.${name}`) || DEPARTURES.has(`*.${name}`);
        if (!fact || (addsRules && !documentedDeparture)) expect(parameter.source, name).toBe("sdk");
      }
    });

    it("answers 200 with a body that requires total_num and data_list of the seed's item", () => {
      const ok = operation.responses.find((r) => r.status === "200")!;
      const schema = ok.resolvedSchema as any;
      expect(schema.required).toEqual(["total_num", "data_list"]);
      expect(schema.properties.total_num.format).toBe(seed.totalNumFormat);
      const written = components.schemas[(ok.schema!.$ref as string).split("/").pop()!];
      expect(written.properties.data_list.items.$ref).toBe(`#/components/schemas/${seed.itemSchema}`);
    });

    it("carries every response field of the seed, and marks the others as SDK facts", () => {
      const fields = new Map(operation.fields.map((field) => [field.name, field]));
      for (const [name, fact] of Object.entries(seed.fields)) {
        const field = fields.get(name);
        expect(field, name).toBeDefined();
        expect(field!.schema.type).toBe(fact.type);
        if (fact.format) expect(field!.schema.format, name).toBe(fact.format);
        if (fact.enum) expect(field!.schema.enum, name).toEqual(fact.enum);
      }
      for (const field of operation.fields) if (!seed.fields[field.name]) expect(field.source, field.name).toBe("sdk");
    });
  });

  describe.each(model.operations.map((operation) => [operation.id, operation] as const))("%s, seeded or added,", (_id, operation: OperationModel) => {
    it("is tagged, summarised and described", () => {
      expect(operation.tags).toHaveLength(1);
      expect(operation.summary).toBeTruthy();
      expect(operation.description.length).toBeGreaterThan(40);
    });

    it("documents 400, 401, 403, 404, 429 and 500 with the shared error body and X-Request-Id", () => {
      const statuses = operation.responses.map((r) => r.status).sort();
      expect(statuses).toEqual(["200", "400", "401", "403", "404", "429", "500"]);
      for (const response of operation.responses) {
        expect(response.headers, response.status).toContain("X-Request-Id");
        if (response.status !== "200") {
          expect(response.schema?.$ref).toBe("#/components/schemas/Error");
          expect(isObject(response.example) && response.example.error_code).toMatch(/^(HSS|APIGW)\.\d{4}$/);
        }
      }
    });

    it("is secured by the IAM token, with AK/SK signing as the alternative", () => {
      expect(operation.security).toEqual([["IamToken"], ["AkSkSignature"]]);
    });

    it("pages by offset and limit and answers { total_num, data_list }", () => {
      expect(operation.paginated).toBe(true);
    });

    it("defaults enterprise_project_id to the default enterprise project, 0, as the official SDKs document for all five", () => {
      expect(operation.parameters.find((p) => p.name === "enterprise_project_id")?.rules.default).toBe("0");
    });
  });

  it("defines the token as an apiKey in X-Auth-Token and documents AK/SK signing", () => {
    const schemes = new Map(model.securitySchemes.map((scheme) => [scheme.name, scheme]));
    expect(schemes.get("IamToken")).toMatchObject({ type: "apiKey", in: "header", parameterName: "X-Auth-Token" });
    expect(schemes.get("AkSkSignature")?.description).toMatch(/SDK-HMAC-SHA256/);
  });

  it("shares one error schema with error_code and error_msg required", () => {
    expect(components.schemas.Error.required).toEqual(["error_code", "error_msg"]);
    expect(Object.keys(components.schemas.Error.properties)).toEqual(["error_code", "error_msg", "request_id"]);
  });

  it("marks the regions the official SDKs do not list for HSS", () => {
    const servers = (document.servers as Array<{ variables?: { region?: { enum: string[]; "x-hss-not-in-sdks"?: string[] } } }>);
    const region = servers[0]!.variables!.region!;
    const all = [...region.enum, ...model.servers.slice(1).map((server) => /hss\.([^.]+)\./.exec(server.url)![1]!)];
    expect([...region["x-hss-not-in-sdks"]!].sort()).toEqual(all.filter((r) => !sdkRegions.includes(r)).sort());
  });

  it("lists every reference region as a server, eu-west-101 on its own domain", () => {
    const [regional, eu] = model.servers;
    expect(regional!.url).toBe("https://hss.{region}.myhuaweicloud.com");
    expect(regional!.variables.region!.enum).toEqual(referenceRegions.filter((r) => r !== "eu-west-101"));
    expect(eu!.url).toBe("https://hss.eu-west-101.myhuaweicloud.eu");
  });
});
