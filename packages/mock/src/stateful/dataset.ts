// The records of one operation, generated from its item schema and its filters: deterministic for
// a seed, varied enough that every filter selects some records and leaves out others.
import { integerBounds, isObject, type FieldModel, type Json, type JsonObject, type OperationModel, type ParameterModel } from "@hss-kit/spec";
import { createRandom, hashText, type Random } from "./random.js";

/** One record: the item the API returns, and the attributes its hidden filters look at. */
export interface StoredRecord {
  item: Record<string, Json>;
  /** Values of the filters whose attribute the item does not carry, by parameter name. */
  hidden: Record<string, string | number | boolean>;
}

/** Distinct values per text field, few enough that a value taken from one record finds others. */
const POOL_SIZE = 6;

/** Epoch-millisecond times fall in 2024 and 2025: plausible, and far from seconds or microseconds. */
const TIME_RANGE = { low: Date.UTC(2024, 0, 1), high: Date.UTC(2026, 0, 1) - 1 };

/** The last value of every text pool is outside ASCII, as Chinese server names are. */
const NON_ASCII_SUFFIX = "-服务器";

function text(name: string, index: number, schema: JsonObject): string {
  const minimum = typeof schema.minLength === "number" ? schema.minLength : 1;
  const maximum = typeof schema.maxLength === "number" ? schema.maxLength : 64;
  let value = `${name.replace(/_/g, "-")}-${index + 1}${index === POOL_SIZE - 1 ? NON_ASCII_SUFFIX : ""}`;
  while (value.length < minimum) value += "x";
  return value.slice(0, Math.max(minimum, Math.min(maximum, value.length)));
}

/** A value for a schema: `name` and the record's `pick` of a pool keep text values repeating. */
function valueFor(schema: JsonObject, name: string, random: Random, unit?: string): Json {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return random.pick(schema.enum);
  switch (schema.type) {
    case "string":
      return text(name, random.integer(0, POOL_SIZE - 1), schema);
    case "integer": {
      if (unit === "epoch-milliseconds") return random.integer(TIME_RANGE.low, TIME_RANGE.high);
      const { minimum, maximum } = integerBounds(schema);
      const low = Math.max(minimum, 0) > maximum ? minimum : Math.max(minimum, 0);
      return random.integer(low, Math.min(maximum, low + 65_535));
    }
    case "number":
      return Math.round(random.next() * 10_000) / 100;
    case "boolean":
      return random.next() < 0.5;
    case "array": {
      const items = isObject(schema.items) ? schema.items : {};
      return Array.from({ length: random.integer(0, 2) }, () => valueFor(items, name, random));
    }
    case "object":
      return objectFor(schema, random);
    default:
      return null;
  }
}

function objectFor(schema: JsonObject, random: Random): JsonObject {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const object: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) if (isObject(property)) object[name] = valueFor(property, name, random);
  return object;
}

function itemFor(fields: readonly FieldModel[], random: Random): Record<string, Json> {
  const item: Record<string, Json> = {};
  for (const field of fields) item[field.name] = valueFor(field.schema, field.name, random, field.unit);
  return item;
}

/**
 * A hidden attribute: mostly the filter's default (so that a call without the filter, which
 * selects the default, still finds most records), otherwise a value of its rules.
 */
function hiddenFor(parameter: ParameterModel, random: Random): string | number | boolean {
  const { rules } = parameter;
  if (rules.default !== undefined && random.next() < 0.75) return rules.default;
  const value = valueFor(rules as JsonObject, parameter.name, random);
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : String(value);
}

/**
 * How many records each data set holds by default: several pages of the default size, and more than 100 (a
 * common cap) even once the defaults of two filters left out (`category=host`,
 * `enterprise_project_id=0`, each held by three records in four) have narrowed them.
 */
export const RECORDS_PER_DATASET = 240;

/**
 * The records of an operation for a seed and a scope: the values of the parameters that scope
 * the records (a scan task's ID, the server a required `host_id` names). `fixed` gives the item
 * fields that every record of the scope shares, such as `host_id`.
 */
export function generateRecords(
  operation: OperationModel,
  seed: number,
  scope: string,
  fixed: Readonly<Record<string, Json>> = {},
  count = RECORDS_PER_DATASET,
): StoredRecord[] {
  const random = createRandom(hashText(`${seed}:${operation.id}:${scope}`));
  const hiddenFilters = operation.parameters.filter((p) => p.filter && p.filter.field === undefined);
  return Array.from({ length: count }, () => ({
    item: { ...itemFor(operation.fields, random), ...fixed },
    hidden: Object.fromEntries(hiddenFilters.map((parameter) => [parameter.name, hiddenFor(parameter, random)])),
  }));
}

/**
 * The values of a path parameter that scopes records (a scan task's ID) for which the mock holds
 * data; any other value is answered 404, as HSS answers an unknown task.
 */
export function knownValues(parameter: ParameterModel): string[] {
  return [0, 1, 2].map((index) => text(parameter.name, index, parameter.rules as JsonObject));
}
