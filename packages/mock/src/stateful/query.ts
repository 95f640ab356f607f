// Reads a request's parameters as the spec's rules say, the way a server must: from raw text,
// refusing what the rules do not allow with a message that names the parameter.
import { describeRules, meetsRules, type OperationModel, type ParameterModel } from "@hss-kit/spec";

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

/** Reads one present value as the parameter's rules say (the spec's one rules module), or throws {@link ParameterProblem}. */
export function readValue(parameter: ParameterModel, raw: string): Value {
  const { name, rules } = parameter;
  const refuse = (): never => {
    throw new ParameterProblem(`${name} must be ${describeRules(rules)}; got ${JSON.stringify(raw)}.`);
  };
  let value: Value = raw;
  if (rules.type === "integer") {
    if (!/^-?\d+$/.test(raw)) return refuse();
    value = Number(raw);
  } else if (rules.type === "boolean") {
    if (raw !== "true" && raw !== "false") return refuse();
    value = raw === "true";
  }
  if (!meetsRules(rules, value)) refuse();
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
