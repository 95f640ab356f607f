import { isObject, type Json, type JsonObject } from "./json.js";
import { dereference, resolveRef } from "./resolve.js";
import {
  readConfig,
  readFilter,
  readModifier,
  readPaging,
  readSource,
  readUnit,
  type ConfigRole,
  type FilterSemantics,
  type ModifierRole,
  type PagingRole,
  type Source,
  type TimeUnit,
} from "./semantics.js";
import type { ParameterRules } from "./rules.js";

/** The keywords {@link ParameterRules} carries; every consumer checks all of them. */
export const RULE_KEYWORDS = ["type", "format", "enum", "minimum", "maximum", "minLength", "maxLength", "default"] as const;

/**
 * Keywords that do not constrain a value. Any other keyword on a parameter schema stops the
 * model: a validator built from the rules would silently ignore it and let invalid requests by.
 */
const ANNOTATION_KEYWORDS = new Set(["title", "description", "example", "examples", "deprecated"]);

/** One parameter of an operation, resolved, with what it means. */
export interface ParameterModel {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description: string;
  example?: Json;
  rules: ParameterRules;
  source: Source;
  /** Present on a filter: how it selects records. */
  filter?: FilterSemantics;
  /** Present on `limit` and `offset`. */
  paging?: PagingRole;
  /** Present on a parameter that changes how filters match. */
  modifier?: ModifierRole;
  /** Present on a parameter the client fills in from its configuration. */
  config?: ConfigRole;
}

/** One property of a response item. */
export interface FieldModel {
  name: string;
  /** The property's schema with every `$ref` resolved. */
  schema: JsonObject;
  source: Source;
  /** The unit of a time field. */
  unit?: TimeUnit;
}

/** One documented response of an operation. */
export interface ResponseModel {
  /** The status key as written in the spec: `"200"`, `"4XX"` or `"default"`. */
  status: string;
  description: string;
  /** Media types of the documented body. */
  contentTypes: string[];
  /** The JSON schema of the `application/json` body, with `$ref`s left as written. */
  schema?: JsonObject;
  /** The same schema with every `$ref` resolved. */
  resolvedSchema?: JsonObject;
  /** The documented example of the `application/json` body. */
  example?: Json;
  /** Names of the documented response headers. */
  headers: string[];
}

/** One operation: where it lives, what it takes and what it answers. */
export interface OperationModel {
  id: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template, such as `/v5/{project_id}/asset/ports`. */
  path: string;
  summary: string;
  description: string;
  tags: string[];
  source: Source;
  /** The security requirements: any one of the lists of scheme names. */
  security: string[][];
  parameters: ParameterModel[];
  responses: ResponseModel[];
  /**
   * Whether the operation pages by offset and limit and answers `{ total_num, data_list[] }`,
   * the shape the client's paginator walks.
   */
  paginated: boolean;
  /** The properties of one `data_list` item of the 200 body, in spec order. */
  fields: FieldModel[];
}

/** A security scheme of the spec. */
export interface SecuritySchemeModel {
  name: string;
  type: string;
  /** For an `apiKey` scheme: where the credential goes and under what name. */
  in?: string;
  parameterName?: string;
  description: string;
}

/** A server of the spec. */
export interface ServerModel {
  url: string;
  description: string;
  /** The values each URL variable may take, and its default. */
  variables: Record<string, { enum: string[]; default?: string }>;
}

/** The spec, read once into the shape every package uses. */
export interface SpecModel {
  /** The whole bundled OpenAPI document. */
  document: JsonObject;
  title: string;
  version: string;
  servers: ServerModel[];
  securitySchemes: SecuritySchemeModel[];
  /** Operations in the order the spec lists them. */
  operations: OperationModel[];
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

function text(value: Json | undefined): string {
  return typeof value === "string" ? value : "";
}

function readRules(schema: JsonObject, where: string): ParameterRules {
  for (const keyword of Object.keys(schema)) {
    if (!(RULE_KEYWORDS as readonly string[]).includes(keyword) && !ANNOTATION_KEYWORDS.has(keyword) && !keyword.startsWith("x-")) {
      throw new Error(`${where} uses the schema keyword "${keyword}", which the validators built from the spec do not check.`);
    }
  }
  const rules: Record<string, Json> = {};
  for (const keyword of RULE_KEYWORDS) if (schema[keyword] !== undefined) rules[keyword] = schema[keyword] as Json;
  return rules as ParameterRules;
}

function readParameter(document: JsonObject, node: JsonObject, operationId: string): ParameterModel {
  const parameter = resolveRef(document, node);
  const name = text(parameter.name);
  const where = `Parameter ${name} of ${operationId}`;
  const location = parameter.in;
  if (location !== "path" && location !== "query" && location !== "header") {
    throw new Error(`${where} is in ${String(location)}; only path, query and header are supported.`);
  }
  const schema = isObject(parameter.schema) ? resolveRef(document, parameter.schema) : {};
  const filter = readFilter(where, parameter);
  const paging = readPaging(where, parameter);
  const modifier = readModifier(where, parameter);
  const config = readConfig(where, parameter);
  return {
    name,
    in: location,
    required: parameter.required === true,
    description: text(parameter.description),
    ...(parameter.example !== undefined ? { example: parameter.example } : {}),
    rules: readRules(schema, where),
    source: readSource(where, parameter),
    ...(filter ? { filter } : {}),
    ...(paging ? { paging } : {}),
    ...(modifier ? { modifier } : {}),
    ...(config ? { config } : {}),
  };
}

function readResponses(document: JsonObject, raw: Json | undefined): ResponseModel[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).flatMap(([status, node]) => {
    if (!isObject(node)) return [];
    const response = resolveRef(document, node);
    const content = isObject(response.content) ? response.content : {};
    const json = content["application/json"];
    const schema = isObject(json) && isObject(json.schema) ? json.schema : undefined;
    const resolved = schema ? dereference(document, schema) : undefined;
    return [{
      status,
      description: text(response.description),
      contentTypes: Object.keys(content),
      ...(schema ? { schema } : {}),
      ...(isObject(resolved) ? { resolvedSchema: resolved } : {}),
      ...(isObject(json) && json.example !== undefined ? { example: json.example } : {}),
      headers: isObject(response.headers) ? Object.keys(response.headers) : [],
    }];
  });
}

function readFields(body: JsonObject | undefined, operationId: string): FieldModel[] {
  const list = isObject(body?.properties) ? body.properties.data_list : undefined;
  const items = isObject(list) && isObject(list.items) ? list.items : undefined;
  if (!isObject(items?.properties)) return [];
  return Object.entries(items.properties).flatMap(([name, schema]) => {
    if (!isObject(schema)) return [];
    const where = `Field ${name} of ${operationId}`;
    const unit = readUnit(where, schema);
    return [{ name, schema, source: readSource(where, schema), ...(unit ? { unit } : {}) }];
  });
}

function isPaginated(parameters: ParameterModel[], body: JsonObject | undefined): boolean {
  const properties = isObject(body?.properties) ? body.properties : {};
  const total = properties.total_num;
  const list = properties.data_list;
  return (
    parameters.some((p) => p.in === "query" && p.paging === "offset") &&
    parameters.some((p) => p.in === "query" && p.paging === "limit") &&
    isObject(total) && total.type === "integer" &&
    isObject(list) && list.type === "array"
  );
}

/** Checks what one extension says against the rest of the operation. */
function checkSemantics(operation: OperationModel): void {
  const fields = new Set(operation.fields.map((field) => field.name));
  for (const parameter of operation.parameters) {
    const where = `Parameter ${parameter.name} of ${operation.id}`;
    const { filter } = parameter;
    if (filter?.field !== undefined && !fields.has(filter.field)) {
      throw new Error(`${where}: x-hss-filter.field names ${filter.field}, which is not a field of the operation's items.`);
    }
    if (filter?.partialWith !== undefined) {
      const switcher = operation.parameters.find((p) => p.name === filter.partialWith);
      if (switcher?.modifier !== "partial-match" || switcher.rules.type !== "boolean") {
        throw new Error(`${where}: x-hss-filter.partial-with names ${filter.partialWith}, which is not a boolean parameter with x-hss-modifier: partial-match.`);
      }
    }
    if (parameter.paging !== undefined && parameter.rules.type !== "integer") {
      throw new Error(`${where}: x-hss-paging needs an integer parameter.`);
    }
  }
}

function readOperation(document: JsonObject, path: string, method: string, item: JsonObject, operation: JsonObject): OperationModel {
  const id = text(operation.operationId) || `${method} ${path}`;
  const readAll = (raw: Json | undefined) => (Array.isArray(raw) ? raw.filter(isObject).map((node) => readParameter(document, node, id)) : []);
  const shared = readAll(item.parameters);
  const own = readAll(operation.parameters);
  const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
  const responses = readResponses(document, operation.responses);
  const body = responses.find((response) => response.status === "200")?.resolvedSchema;
  const security = Array.isArray(operation.security ?? document.security)
    ? ((operation.security ?? document.security) as Json[]).filter(isObject).map((requirement) => Object.keys(requirement))
    : [];
  const model: OperationModel = {
    id,
    method: method.toUpperCase(),
    path,
    summary: text(operation.summary),
    description: text(operation.description),
    tags: Array.isArray(operation.tags) ? operation.tags.map(String) : [],
    source: readSource(`Operation ${id}`, operation),
    security,
    parameters,
    responses,
    paginated: isPaginated(parameters, body),
    fields: readFields(body, id),
  };
  checkSemantics(model);
  return model;
}

function readServers(document: JsonObject): ServerModel[] {
  if (!Array.isArray(document.servers)) return [];
  return document.servers.filter(isObject).map((server) => ({
    url: text(server.url),
    description: text(server.description),
    variables: Object.fromEntries(
      Object.entries(isObject(server.variables) ? server.variables : {}).flatMap(([name, variable]) =>
        isObject(variable)
          ? [[name, {
              enum: Array.isArray(variable.enum) ? variable.enum.map(String) : [],
              ...(typeof variable.default === "string" ? { default: variable.default } : {}),
            }]]
          : [],
      ),
    ),
  }));
}

function readSecuritySchemes(document: JsonObject): SecuritySchemeModel[] {
  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  return Object.entries(schemes).flatMap(([name, node]) => {
    if (!isObject(node)) return [];
    const scheme = resolveRef(document, node);
    return [{
      name,
      type: text(scheme.type),
      ...(typeof scheme.in === "string" ? { in: scheme.in } : {}),
      ...(typeof scheme.name === "string" ? { parameterName: scheme.name } : {}),
      description: text(scheme.description),
    }];
  });
}

/** Reads a bundled OpenAPI document (local `$ref`s only) into the model. */
export function readModel(document: JsonObject): SpecModel {
  const operations: OperationModel[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (!isObject(rawItem)) continue;
    const item = resolveRef(document, rawItem);
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation)) operations.push(readOperation(document, path, method, item, operation));
    }
  }
  const info = isObject(document.info) ? document.info : {};
  return {
    document,
    title: text(info.title),
    version: text(info.version),
    servers: readServers(document),
    securitySchemes: readSecuritySchemes(document),
    operations,
  };
}

/** The operation with that ID; throws, naming the known ones, when there is none. */
export function operationById(model: SpecModel, id: string): OperationModel {
  const found = model.operations.find((operation) => operation.id === id);
  if (!found) throw new Error(`The spec has no operation ${id}; it has ${model.operations.map((o) => o.id).join(", ")}.`);
  return found;
}

/** The documented response for a status: the exact code first, then `4XX`-style ranges, then `default`. */
export function documentedResponse(operation: OperationModel, status: number): ResponseModel | undefined {
  const exact = operation.responses.find((r) => r.status === String(status));
  const range = operation.responses.find((r) => r.status.toUpperCase() === `${Math.floor(status / 100)}XX`);
  return exact ?? range ?? operation.responses.find((r) => r.status === "default");
}
