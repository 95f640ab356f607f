import { isObject, type Json, type JsonObject } from "./json.js";
import { dereference, resolveRef } from "./resolve.js";
import {
  readConfig,
  readFilter,
  readModifier,
  readPaging,
  readRateLimit,
  readSource,
  readUnit,
  type ConfigRole,
  type FilterSemantics,
  type ModifierRole,
  type PagingRole,
  type RateLimits,
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
  /** The unit of a time parameter (a bound of a time range). */
  unit?: TimeUnit;
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
  /**
   * Those of `headers` the spec marks `required: false`: they may be absent (a 429's
   * `Retry-After`). The others come with every response of the status.
   */
  optionalHeaders: string[];
}

/**
 * A link of an operation's 200 response (OpenAPI `links`, marked `x-hss-link: every-item`): the
 * `field` of every item it returns is a value of the `parameter` of the operation `to`. Into an
 * optional filter, the value finds at least one record there (a port's `host_id` is a server of
 * `listHostStatus`); into a required parameter, the operation accepts it (a task's `id` is a
 * `task_id` of `listVulScanTaskHost`).
 */
export interface LinkModel {
  /** The link's name in the spec. */
  name: string;
  /** The operation whose items carry the value. */
  from: string;
  /** The operation the value is a parameter of. */
  to: string;
  /** The field of the items the value comes from. */
  field: string;
  /** The parameter of `to` the value goes into. */
  parameter: string;
  /** Whether that parameter is required (the target takes the value) rather than an optional filter (it finds the record). */
  required: boolean;
  description: string;
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
  /** The gateway's throttle on this operation (`x-hss-rate-limit`), when the spec states one. */
  rateLimit?: RateLimits;
  /** The links of the 200 response: where the values of its items lead. */
  links: LinkModel[];
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
  /** The throttle the document states for every operation (`x-hss-rate-limit`), if any. */
  rateLimit?: RateLimits;
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

function readParameter(document: JsonObject, node: JsonObject, operationId: string, inherited: Source): ParameterModel {
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
  const unit = readUnit(where, parameter);
  return {
    name,
    in: location,
    required: parameter.required === true,
    description: text(parameter.description),
    ...(parameter.example !== undefined ? { example: parameter.example } : {}),
    rules: readRules(schema, where),
    source: readSource(where, parameter, inherited),
    ...(filter ? { filter } : {}),
    ...(paging ? { paging } : {}),
    ...(modifier ? { modifier } : {}),
    ...(config ? { config } : {}),
    ...(unit ? { unit } : {}),
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
      optionalHeaders: isObject(response.headers)
        ? Object.entries(response.headers).filter(([, header]) => isObject(header) && resolveRef(document, header).required === false).map(([name]) => name)
        : [],
    }];
  });
}

/** The expression a link reads its value with: a field of the items (the first one stands for each). */
const ITEM_FIELD = /^\$response\.body#\/data_list\/0\/([^/]+)$/;

function readLinks(raw: Json | undefined, from: string): LinkModel[] {
  const ok = isObject(raw) ? raw : {};
  const links = isObject(ok.links) ? ok.links : {};
  return Object.entries(links).map(([name, link]) => {
    const where = `Link ${name} of ${from}`;
    if (!isObject(link)) throw new Error(`${where} must be an object.`);
    if (link["x-hss-link"] !== "every-item") throw new Error(`${where}: x-hss-link must be every-item, saying that the link holds for every item, not only the first its expression names.`);
    if (typeof link.operationId !== "string") throw new Error(`${where} needs an operationId.`);
    const parameters = isObject(link.parameters) ? Object.entries(link.parameters) : [];
    const [entry] = parameters;
    const field = typeof entry?.[1] === "string" ? ITEM_FIELD.exec(entry[1])?.[1] : undefined;
    if (parameters.length !== 1 || entry === undefined || field === undefined) {
      throw new Error(`${where} needs one parameter, set to $response.body#/data_list/0/<field>.`);
    }
    // Whether the parameter is required is known once every operation is read (checkLinks).
    return { name, from, to: link.operationId, field, parameter: entry[0], required: false, description: text(link.description) };
  });
}

function readFields(body: JsonObject | undefined, operationId: string, inherited: Source): FieldModel[] {
  const list = isObject(body?.properties) ? body.properties.data_list : undefined;
  const items = isObject(list) && isObject(list.items) ? list.items : undefined;
  if (!isObject(items?.properties)) return [];
  return Object.entries(items.properties).flatMap(([name, schema]) => {
    if (!isObject(schema)) return [];
    const where = `Field ${name} of ${operationId}`;
    const unit = readUnit(where, schema);
    return [{ name, schema, source: readSource(where, schema, inherited), ...(unit ? { unit } : {}) }];
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
    const field = operation.fields.find((f) => f.name === filter?.field);
    if ((filter?.match === "at-least" || filter?.match === "at-most") && (parameter.rules.type !== "integer" || field?.schema.type !== "integer")) {
      throw new Error(`${where}: x-hss-filter.match ${filter.match} compares numbers, so it needs an integer parameter and an integer field.`);
    }
    if (parameter.unit !== undefined && parameter.unit !== field?.unit) {
      throw new Error(`${where}: x-hss-unit ${parameter.unit} differs from the unit of the field it filters (${field?.unit ?? "none"}).`);
    }
    if (parameter.paging !== undefined && parameter.rules.type !== "integer") {
      throw new Error(`${where}: x-hss-paging needs an integer parameter.`);
    }
  }
}

function readOperation(
  document: JsonObject,
  path: string,
  method: string,
  item: JsonObject,
  operation: JsonObject,
  documentLimit: RateLimits | undefined,
): OperationModel {
  const id = text(operation.operationId) || `${method} ${path}`;
  const rateLimit = readRateLimit(`Operation ${id}`, operation, documentLimit);
  const source = readSource(`Operation ${id}`, operation);
  const readAll = (raw: Json | undefined) => (Array.isArray(raw) ? raw.filter(isObject).map((node) => readParameter(document, node, id, source)) : []);
  const shared = readAll(item.parameters);
  const own = readAll(operation.parameters);
  const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
  const responses = readResponses(document, operation.responses);
  const body = responses.find((response) => response.status === "200")?.resolvedSchema;
  const rawResponses = isObject(operation.responses) ? operation.responses : {};
  const ok = isObject(rawResponses["200"]) ? resolveRef(document, rawResponses["200"]) : undefined;
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
    source,
    security,
    parameters,
    responses,
    paginated: isPaginated(parameters, body),
    fields: readFields(body, id, source),
    links: readLinks(ok, id),
    ...(rateLimit ? { rateLimit } : {}),
  };
  checkSemantics(model);
  return model;
}

/** Checks that each link names an operation, a parameter of it and a field of the items it reads. */
function checkLinks(operation: OperationModel, operations: readonly OperationModel[]): void {
  for (const link of operation.links) {
    const where = `Link ${link.name} of ${operation.id}`;
    const target = operations.find((o) => o.id === link.to);
    if (!target) throw new Error(`${where} leads to ${link.to}, which is not an operation of the spec.`);
    const parameter = target.parameters.find((p) => p.name === link.parameter);
    if (!parameter || parameter.config !== undefined) throw new Error(`${where} sets ${link.parameter}, which is not a parameter of ${link.to} a caller gives.`);
    const field = operation.fields.find((f) => f.name === link.field);
    if (!field) throw new Error(`${where} reads ${link.field}, which is not a field of the operation's items.`);
    if (field.schema.type !== parameter.rules.type) throw new Error(`${where} reads ${link.field} (${String(field.schema.type)}) into ${link.parameter} (${String(parameter.rules.type)}).`);
    link.required = parameter.required;
    if (!parameter.required && parameter.filter?.field === undefined) {
      throw new Error(`${where} sets ${link.parameter}, an optional parameter that names no field, so no answer could show the linked record.`);
    }
  }
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
  const rateLimit = readRateLimit("The document", document);
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (!isObject(rawItem)) continue;
    const item = resolveRef(document, rawItem);
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation)) operations.push(readOperation(document, path, method, item, operation, rateLimit));
    }
  }
  for (const operation of operations) checkLinks(operation, operations);
  const info = isObject(document.info) ? document.info : {};
  return {
    document,
    title: text(info.title),
    version: text(info.version),
    servers: readServers(document),
    securitySchemes: readSecuritySchemes(document),
    operations,
    ...(rateLimit ? { rateLimit } : {}),
  };
}

/** The links that lead into a parameter of an operation, from any operation of the spec. */
export function linksInto(model: SpecModel, operationId: string, parameter?: string): LinkModel[] {
  return model.operations.flatMap((o) => o.links).filter((link) => link.to === operationId && (parameter === undefined || link.parameter === parameter));
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
