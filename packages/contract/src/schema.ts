import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Json, JsonObject, SpecModel, OperationModel } from "./spec.js";
import { documentedResponse } from "./spec.js";
import type { Violation } from "./result.js";
import { INTEGER_FORMATS } from "@hss-kit/spec";

/** `$id` under which the spec's component schemas are registered, as `$defs`. */
export const SPEC_SCHEMA_ID = "urn:hss-kit:openapi";

const COMPONENT_PREFIX = "#/components/schemas/";

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;


/** Rewrites every `#/components/schemas/X` into `urn:hss-kit:openapi#/$defs/X` so Ajv resolves it. */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_PREFIX)
        ? `${SPEC_SCHEMA_ID}#/$defs/${value.slice(COMPONENT_PREFIX.length)}`
        : rewriteRefs(value),
    ]),
  );
}

/** Every `x-` extension keyword used anywhere in the schemas, so strict mode knows them. */
function extensionKeywords(node: Json, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((value) => extensionKeywords(value, found));
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeywords(value, found);
    }
  }
  return found;
}

function valueAt(body: unknown, instancePath: string): unknown {
  let current = body;
  for (const raw of instancePath.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    current = typeof current === "object" && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** `/data_list/0/pid` → `body.data_list[0].pid`: how a reader would write the place. */
function readablePath(instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .reduce((path, raw) => (/^\d+$/.test(raw) ? `${path}[${raw}]` : `${path}.${raw.replace(/~1/g, "/").replace(/~0/g, "~")}`), "body");
}

/** Shortens a JSON rendering so one huge value can't flood a report. */
export function preview(value: unknown, max = 120): string {
  const text = value === undefined ? "(absent)" : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** "a string", "an integer": a noun with its article. */
const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;

/** What an Ajv error says the schema wants, in words that read after "expected". */
function wanted(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return String(params.type).split(",").map(withArticle).join(" or ");
    case "required":
      return `the required property ${String(params.missingProperty)}`;
    case "enum":
      return `one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "const":
      return JSON.stringify(params.allowedValue);
    case "maximum":
    case "minimum":
    case "exclusiveMaximum":
    case "exclusiveMinimum":
      return `a number ${String(params.comparison)} ${String(params.limit)}`;
    case "maxLength":
      return `at most ${String(params.limit)} characters`;
    case "minLength":
      return `at least ${String(params.limit)} characters`;
    case "maxItems":
      return `at most ${String(params.limit)} items`;
    case "minItems":
      return `at least ${String(params.limit)} items`;
    case "format":
      return `a value of the format ${String(params.format)}`;
    case "additionalProperties":
      return `no property ${String(params.additionalProperty)}: the schema allows no other`;
    default:
      return `a value that meets "${error.keyword}" (Ajv: ${error.message ?? "no message"})`;
  }
}

function toViolation(error: ErrorObject, body: unknown): Violation {
  const where = error.keyword === "required"
    ? `${readablePath(error.instancePath)}.${String(error.params.missingProperty)}`
    : readablePath(error.instancePath);
  const got = error.keyword === "required" ? "(absent)" : preview(valueAt(body, error.instancePath));
  const schema = error.schemaPath.replace(`${SPEC_SCHEMA_ID}#/$defs/`, "");
  return { where, expected: `${wanted(error)} (schema ${schema})`, got };
}

/**
 * Turns Ajv's errors into violations, one per distinct rule and place: the same breach in
 * every item of a page is one violation "(and N more items)", not a wall of repeats.
 */
function toViolations(errors: ErrorObject[], body: unknown): Violation[] {
  const groups = new Map<string, { first: ErrorObject; count: number }>();
  for (const error of errors) {
    const key = `${error.schemaPath} ${error.instancePath.replace(/\/\d+(?=\/|$)/g, "/*")} ${error.keyword === "required" ? String(error.params.missingProperty) : ""}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: error, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) => {
    const violation = toViolation(first, body);
    return count > 1 ? { ...violation, where: `${violation.where} (and ${count - 1} more like it)` } : violation;
  });
}

/** Validates response bodies against the spec's own schemas with JSON Schema 2020-12. */
export class ResponseValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: SpecModel) {
    // strict: true keeps typos in the spec loud; the OpenAPI-only annotation `example` and the
    // spec's `x-` extensions are declared as keywords instead of turning strict mode off.
    this.ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addKeyword({ keyword: "example", schemaType: ["string", "number", "boolean", "object", "array", "null"] });
    const components = (spec.document.components as JsonObject | undefined)?.schemas ?? {};
    for (const keyword of extensionKeywords(components)) this.ajv.addKeyword(keyword);
    // Range-checking formats: a body whose int32 field holds 2^31 must fail, not pass as "unknown format".
    for (const [name, range] of Object.entries(INTEGER_FORMATS)) {
      this.ajv.addFormat(name, {
        type: "number",
        validate: (n: number) => Number.isInteger(n) && BigInt(n) >= range.minimum && BigInt(n) <= range.maximum,
      });
    }
    this.ajv.addFormat("float", { type: "number", validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
    this.ajv.addSchema({ $id: SPEC_SCHEMA_ID, $defs: rewriteRefs(components) } as object);
  }

  private validatorFor(operation: OperationModel, status: number): ValidateFunction | undefined {
    const response = documentedResponse(operation, status);
    if (!response?.schema) return undefined;
    const key = `${operation.id} ${response.status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const schema = rewriteRefs(response.schema) as JsonObject;
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /**
   * The violations of a parsed body against the schema the spec documents for this operation
   * and status; `undefined` when the spec documents no JSON schema for that status.
   */
  validate(operation: OperationModel, status: number, body: unknown): Violation[] | undefined {
    const validate = this.validatorFor(operation, status);
    if (!validate) return undefined;
    return validate(body) ? [] : toViolations(validate.errors ?? [], body);
  }

  /** The violations of a body against one named component schema, such as `Error`. */
  validateComponent(name: string, body: unknown): Violation[] {
    const validate = this.ajv.getSchema(`${SPEC_SCHEMA_ID}#/$defs/${name}`);
    if (!validate) throw new Error(`The spec has no component schema ${name}.`);
    return validate(body) ? [] : toViolations(validate.errors ?? [], body);
  }
}
