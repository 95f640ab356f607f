// Reads a request's parameters as the spec's rules say, the way a server must: from raw text,
// refusing what the rules do not allow with a message that names the parameter.
import { INTEGER_FORMATS, type OperationModel, type ParameterModel } from "@hss-kit/spec";

/** A parameter value once read: text, an integer or a boolean. */
export type Value = string | number | boolean;

/** Why a request was refused with 400. */
export class ParameterProblem extends Error {}

/** Where a request's raw values come from. */
export interface RawRequest {
  path: ReadonlyMap<string, string>;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

function rawValue(parameter: ParameterModel, request: RawRequest): string | undefined {
  switch (parameter.in) {
    case "path":
      return request.path.get(parameter.name);
    case "query": {
      const all = request.query.getAll(parameter.name);
      if (all.length > 1) throw new ParameterProblem(`${parameter.name} is given ${all.length} times; give it once.`);
      return all[0];
    }
    case "header": {
      const value = request.headers[parameter.name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : value;
    }
  }
}

/** Reads one present value as the parameter's rules say, or throws {@link ParameterProblem}. */
export function readValue(parameter: ParameterModel, raw: string): Value {
  const { name, rules } = parameter;
  const refuse = (): never => {
    throw new ParameterProblem(`${name} must be ${describeRules(rules)}; got ${JSON.stringify(raw)}.`);
  };
  switch (rules.type) {
    case "integer": {
      if (!/^-?\d+$/.test(raw)) return refuse("an integer");
      const exact = BigInt(raw);
      const format = rules.format === undefined ? undefined : INTEGER_FORMATS[rules.format];
      if (format && (exact < format.minimum || exact > format.maximum)) refuse(`an integer of the ${rules.format} range`);
      const value = Number(exact);
      if (rules.minimum !== undefined && value < rules.minimum) refuse(`at least ${rules.minimum}`);
      if (rules.maximum !== undefined && value > rules.maximum) refuse(`at most ${rules.maximum}`);
      return value;
    }
    case "boolean":
      return raw === "true" || raw === "false" ? raw === "true" : refuse("true or false");
    default: {
      if (rules.enum && !rules.enum.includes(raw)) refuse(`one of ${rules.enum.join(", ")}`);
      const length = [...raw].length;
      if (rules.minLength !== undefined && length < rules.minLength) refuse(`at least ${rules.minLength} characters long`);
      if (rules.maxLength !== undefined && length > rules.maxLength) refuse(`at most ${rules.maxLength} characters long`);
      return raw;
    }
  }
  const unenforced = fault === undefined ? undefined : UNENFORCED[fault];
  if (!meetsRules(unenforced === undefined ? rules : { ...rules, [unenforced]: undefined }, value)) refuse();
  // A server that does not enforce a bound clamps the value to it (a no-op for a value within bounds).
  if (typeof value === "number") value = Math.min(Math.max(value, rules.minimum ?? value), rules.maximum ?? value);
  if (fault === "inputs.rejects-boundary" && parameter.paging === "limit" && value === rules.maximum) refuse();
  return value;
}

/**
 * Reads every parameter of an operation with `read` (the behaviour's seam), or throws
 * {@link ParameterProblem}. An empty path segment is an absent path parameter.
 */
export function readParameters(
  operation: OperationModel,
  request: RawRequest,
  read: (parameter: ParameterModel, raw: string | undefined) => Value | undefined,
): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const parameter of operation.parameters) {
    const raw = rawValue(parameter, request);
    const value = read(parameter, parameter.in === "path" && raw === "" ? undefined : raw);
    if (value !== undefined) values.set(parameter.name, value);
  }
  return values;
}
