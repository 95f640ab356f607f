import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A JSON value as it appears in the bundled spec. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object of the spec. */
export type JsonObject = { [key: string]: Json };

/** The schema keywords of a parameter that the checks derive cases from. */
export interface ParameterSchema {
  type?: string;
  format?: string;
  enum?: readonly (string | number | boolean)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: string | number | boolean;
}

/** One parameter of an operation, with its `$ref` resolved. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: ParameterSchema;
}

/** One documented response of an operation, with its `$ref` resolved. */
export interface SpecResponse {
  /** The status key as written in the spec: `"200"`, `"4XX"` or `"default"`. */
  status: string;
  /** Media types of the documented body. */
  contentTypes: string[];
  /** The JSON schema of the `application/json` body, when there is one, with `$ref`s left as written. */
  schema?: JsonObject;
  /** Names of the documented response headers. */
  headers: string[];
}

/** One operation of the spec: where it lives, what it takes and what it answers. */
export interface SpecOperation {
  id: string;
  method: string;
  /** Path template, such as `/v5/{project_id}/asset/ports`. */
  path: string;
  parameters: SpecParameter[];
  responses: SpecResponse[];
  /** Properties of one `data_list` item of the 200 body, by name, with their schemas. */
  itemProperties: Record<string, JsonObject>;
}

/** The parts of the bundled spec the checks use. */
export interface Spec {
  /** The whole bundled OpenAPI document. */
  document: JsonObject;
  /** Operations in the order the spec lists them. */
  operations: SpecOperation[];
}

/** Path of the bundled spec that `@hss-kit/spec` ships. */
export function bundledSpecPath(): string {
  return createRequire(import.meta.url).resolve("@hss-kit/spec/openapi.json");
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` such as `#/components/responses/BadRequest` to the object it names. */
export function resolveRef(document: JsonObject, node: JsonObject): JsonObject {
  let current = node;
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported; got ${ref}.`);
    let target: Json | undefined = document;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : undefined;
    }
    if (!isObject(target)) throw new Error(`Unresolvable $ref ${ref}.`);
    current = target;
  }
  return current;
}

function toParameterSchema(schema: JsonObject): ParameterSchema {
  const picked: ParameterSchema = {};
  const text = (key: string) => (typeof schema[key] === "string" ? (schema[key] as string) : undefined);
  const number = (key: string) => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);
  if (text("type") !== undefined) picked.type = text("type");
  if (text("format") !== undefined) picked.format = text("format");
  if (Array.isArray(schema.enum)) picked.enum = schema.enum as (string | number | boolean)[];
  for (const key of ["minimum", "maximum", "minLength", "maxLength"] as const) {
    const value = number(key);
    if (value !== undefined) picked[key] = value;
  }
  const fallback = schema.default;
  if (typeof fallback === "string" || typeof fallback === "number" || typeof fallback === "boolean") {
    picked.default = fallback;
  }
  return picked;
}

function readParameters(document: JsonObject, raw: Json | undefined): SpecParameter[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((node) => {
    const parameter = resolveRef(document, node);
    const where = parameter.in;
    if (where !== "path" && where !== "query" && where !== "header") {
      throw new Error(`Parameter ${String(parameter.name)} is in ${String(where)}; only path, query and header are supported.`);
    }
    const schema = isObject(parameter.schema) ? resolveRef(document, parameter.schema) : {};
    return {
      name: String(parameter.name),
      in: where,
      required: parameter.required === true,
      schema: toParameterSchema(schema),
    };
  });
}

function readResponses(document: JsonObject, raw: Json | undefined): SpecResponse[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).flatMap(([status, node]) => {
    if (!isObject(node)) return [];
    const response = resolveRef(document, node);
    const content = isObject(response.content) ? response.content : {};
    const json = content["application/json"];
    const schema = isObject(json) && isObject(json.schema) ? json.schema : undefined;
    return [{
      status,
      contentTypes: Object.keys(content),
      ...(schema ? { schema } : {}),
      headers: isObject(response.headers) ? Object.keys(response.headers) : [],
    }];
  });
}

function readItemProperties(document: JsonObject, responses: SpecResponse[]): Record<string, JsonObject> {
  const ok = responses.find((response) => response.status === "200")?.schema;
  if (!ok) return {};
  const body = resolveRef(document, ok);
  const list = isObject(body.properties) ? body.properties.data_list : undefined;
  if (!isObject(list)) return {};
  const items = isObject(resolveRef(document, list).items) ? resolveRef(document, list).items : undefined;
  if (!isObject(items)) return {};
  const properties = resolveRef(document, items).properties;
  if (!isObject(properties)) return {};
  return Object.fromEntries(
    Object.entries(properties).flatMap(([name, schema]) => (isObject(schema) ? [[name, resolveRef(document, schema)]] : [])),
  );
}

/** Reads an OpenAPI document (bundled, local `$ref`s only) into the model the checks use. */
export function parseSpec(document: JsonObject): Spec {
  const paths = isObject(document.paths) ? document.paths : {};
  const operations: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    if (!isObject(rawItem)) continue;
    const item = resolveRef(document, rawItem);
    const shared = readParameters(document, item.parameters);
    for (const method of ["get", "put", "post", "delete", "patch", "head", "options"]) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = readParameters(document, operation.parameters);
      const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
      const responses = readResponses(document, operation.responses);
      operations.push({
        id: String(operation.operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        parameters,
        responses,
        itemProperties: readItemProperties(document, responses),
      });
    }
  }
  return { document, operations };
}

/** Loads and parses the bundled spec of `@hss-kit/spec`, or the OpenAPI JSON file at `path`. */
export function loadSpec(path: string = bundledSpecPath()): Spec {
  return parseSpec(JSON.parse(readFileSync(path, "utf8")) as JsonObject);
}

/** The documented response for a status: the exact code first, then `4XX`-style ranges, then `default`. */
export function documentedResponse(operation: SpecOperation, status: number): SpecResponse | undefined {
  const exact = operation.responses.find((r) => r.status === String(status));
  const range = operation.responses.find((r) => r.status.toUpperCase() === `${Math.floor(status / 100)}XX`);
  return exact ?? range ?? operation.responses.find((r) => r.status === "default");
}

/** The 4xx statuses an operation documents, as numbers, in spec order. */
export function documented4xx(operation: SpecOperation): number[] {
  return operation.responses.map((r) => Number(r.status)).filter((s) => s >= 400 && s < 500);
}
