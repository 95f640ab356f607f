// The x-hss-* extensions: every query parameter says what it does, and the model refuses an
// extension that is malformed or names something the operation does not have.
import { describe, expect, it } from "vitest";
import { readModel, type JsonObject } from "../src/index.js";
import { model } from "./load-spec.js";

const queryParameters = model.operations.flatMap((operation) =>
  operation.parameters.filter((p) => p.in === "query").map((parameter) => [`${operation.id}.${parameter.name}`, parameter] as const),
);

describe("the semantics of the spec", () => {
  it.each(queryParameters)("%s has exactly one role: filter, paging or modifier", (_name, parameter) => {
    expect([parameter.filter, parameter.paging, parameter.modifier].filter((role) => role !== undefined)).toHaveLength(1);
  });

  it("gives every time field of every item its unit", () => {
    for (const operation of model.operations) {
      for (const field of operation.fields) {
        if (field.schema.type === "integer" && /_time$/.test(field.name)) expect(field.unit, `${operation.id}.${field.name}`).toBe("epoch-milliseconds");
      }
    }
  });

  it("declares aliases that the matched field's enum allows", () => {
    for (const operation of model.operations) {
      for (const parameter of operation.parameters) {
        const field = operation.fields.find((f) => f.name === parameter.filter?.field);
        for (const [value, also] of Object.entries(parameter.filter?.aliases ?? {})) {
          const allowed = field?.schema.enum;
          expect(Array.isArray(allowed) && [value, ...also].every((v) => allowed.includes(v)), `${operation.id}.${parameter.name}`).toBe(true);
        }
      }
    }
  });

  it("fills project_id and the region header from the client's configuration", () => {
    const configured = model.operations.flatMap((o) => o.parameters.filter((p) => p.config).map((p) => `${p.in}:${p.name}=${p.config}`));
    expect(new Set(configured)).toEqual(new Set(["path:project_id=projectId", "header:region=region"]));
  });
});

/** The bundled document with one edit to the users operation's parameter of that name. */
function withUsersParameter(name: string, edit: (parameter: JsonObject) => void): JsonObject {
  const document = structuredClone(model.document);
  const users = Object.values(document.paths as Record<string, { get: { operationId: string; parameters: JsonObject[] } }>).find(
    (item) => item.get.operationId === "listUsers",
  )!;
  edit(users.get.parameters.find((p) => p.name === name)!);
  return document;
}

describe("the model refuses a malformed extension", () => {
  it.each([
    ["an unknown key", (p: JsonObject) => { p["x-hss-filter"] = { field: "user_name", exactly: true }; }, /unknown key "exactly"/],
    ["an unknown match", (p: JsonObject) => { p["x-hss-filter"] = { field: "user_name", match: "fuzzy" }; }, /match must be one of exact, partial; got "fuzzy"/],
    ["a field the items lack", (p: JsonObject) => { p["x-hss-filter"] = { field: "username" }; }, /names username, which is not a field/],
    ["a switch that is not a modifier", (p: JsonObject) => { p["x-hss-filter"] = { field: "user_name", "partial-with": "category" }; }, /partial-with names category/],
    ["paging on a string", (p: JsonObject) => { p["x-hss-paging"] = "limit"; }, /x-hss-paging needs an integer/],
    ["an unknown role value", (p: JsonObject) => { p["x-hss-modifier"] = "case-folding"; }, /x-hss-modifier must be one of partial-match/],
  ])("%s", (_what, edit, message) => {
    expect(() => readModel(withUsersParameter("user_name", edit))).toThrow(message);
  });

  it("and a schema keyword no validator checks", () => {
    const document = withUsersParameter("user_name", (p) => { (p.schema as JsonObject).pattern = "^[a-z]+$"; });
    expect(() => readModel(document)).toThrow('Parameter user_name of listUsers uses the schema keyword "pattern"');
  });

  it("but reads the bundled spec as it is", () => {
    expect(() => readModel(structuredClone(model.document))).not.toThrow();
  });
});

describe("x-hss-rate-limit", () => {
  /** The bundled document with one edit to its own extension, or to the users operation's. */
  function edited(edit: (document: JsonObject, users: JsonObject) => void): JsonObject {
    const document = structuredClone(model.document);
    const users = Object.values(document.paths as Record<string, { get: JsonObject }>).find((item) => item.get.operationId === "listUsers")!.get;
    edit(document, users);
    return document;
  }

  it("applies the document's limit to every operation", () => {
    expect(model.rateLimit).toBeDefined();
    for (const operation of model.operations) expect(operation.rateLimit, operation.id).toEqual(model.rateLimit);
  });

  it("states the reference's figures with their source", () => {
    const stated = model.document["x-hss-rate-limit"] as JsonObject;
    expect(model.rateLimit?.source).toMatch(/hss_02_0005/);
    expect(model.rateLimit?.perCredential).toEqual({
      requests: (stated["per-credential"] as JsonObject).requests,
      windowMs: ((stated["per-credential"] as JsonObject)["window-seconds"] as number) * 1000,
    });
  });

  it("lets an operation override one key and inherit the rest", () => {
    const document = edited((_d, users) => { users["x-hss-rate-limit"] = { "per-credential": { requests: 2 } }; });
    const read = readModel(document);
    const users = read.operations.find((o) => o.id === "listUsers")!;
    expect(users.rateLimit?.perCredential).toEqual({ requests: 2, windowMs: read.rateLimit!.perCredential.windowMs });
    expect(users.rateLimit?.perApi).toEqual(read.rateLimit!.perApi);
    expect(read.operations.find((o) => o.id !== "listUsers")!.rateLimit).toEqual(read.rateLimit);
  });

  it.each([
    ["an unknown key", (d: JsonObject) => { (d["x-hss-rate-limit"] as JsonObject).burst = 3; }, /unknown key "burst"/],
    ["a fractional count", (d: JsonObject) => { ((d["x-hss-rate-limit"] as JsonObject)["per-credential"] as JsonObject).requests = 2.5; }, /requests must be a whole number/],
    ["a window of 0", (d: JsonObject) => { ((d["x-hss-rate-limit"] as JsonObject)["per-api"] as JsonObject)["window-seconds"] = 0; }, /window-seconds must be a number of seconds above 0/],
    ["no source", (d: JsonObject) => { delete (d["x-hss-rate-limit"] as JsonObject).source; }, /source is missing/],
    ["one credential above all users", (d: JsonObject) => { ((d["x-hss-rate-limit"] as JsonObject)["per-credential"] as JsonObject).requests = 601; }, /per-credential is above per-api/],
  ])("refuses %s", (_what, edit, message) => {
    expect(() => readModel(edited((document) => edit(document)))).toThrow(message);
  });
});
