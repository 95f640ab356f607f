// Reads a request's parameters as the spec's rules say, the way a server must: from raw text,
// refusing what the rules do not allow with a message that names the parameter.
import { describeRules, meetsRules, type OperationModel, type ParameterModel, type ParameterRules } from "@hss-kit/spec";
import type { Fault } from "./faults.js";

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

/** The rule each input fault stops the server from enforcing. */
const UNENFORCED: Partial<Record<Fault, keyof ParameterRules>> = {
  "inputs.no-minimum": "minimum",
  "inputs.no-maximum": "maximum",
  "inputs.enum-unchecked": "enum",
  "inputs.length-unchecked": "maxLength",
  "inputs.empty-accepted": "minLength",
};

/** Reads one present value; returns undefined when a fault makes the server read it as absent. */
function readValue(parameter: ParameterModel, raw: string, fault: Fault | undefined): Value | undefined {
  const { name, rules } = parameter;
  const refuse = (): never => {
    throw new ParameterProblem(`${name} must be ${describeRules(rules)}; got ${JSON.stringify(raw)}.`);
  };
  let value: Value = raw;
  if (rules.type === "integer") {
    if (!/^-?\d+$/.test(raw)) return fault === "inputs.lenient-types" ? undefined : refuse();
    value = Number(raw);
  } else if (rules.type === "boolean") {
    if (raw !== "true" && raw !== "false") return fault === "inputs.lenient-types" ? false : refuse();
    value = raw === "true";
  }
  const unenforced = fault === undefined ? undefined : UNENFORCED[fault];
  if (!meetsRules(unenforced === undefined ? rules : { ...rules, [unenforced]: undefined }, value)) refuse();
  // A server that does not enforce a bound clamps the value to it (a no-op for a value within bounds).
  if (typeof value === "number") value = Math.min(Math.max(value, rules.minimum ?? value), rules.maximum ?? value);
  if (fault === "inputs.rejects-boundary" && parameter.paging === "limit" && value === rules.maximum) refuse();
  return value;
}

/** A text read back as its UTF-8 bytes taken one by one as Latin-1 characters: mojibake, as a server that decodes wrongly sees it. */
function latin1(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

/** Reads every parameter of an operation, or throws {@link ParameterProblem}. */
export function readParameters(operation: OperationModel, request: RawRequest, fault: Fault | undefined): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const parameter of operation.parameters) {
    const raw = rawValue(parameter, request);
    const absent = raw === undefined || (parameter.in === "path" && raw === "");
    if (absent) {
      const required = parameter.required && !(fault === "inputs.required-unchecked" && parameter.in !== "path");
      if (required) throw new ParameterProblem(`${parameter.name} is required.`);
      continue;
    }
    if (fault === "filters.match-all-refused" && parameter.filter?.matchAll.includes(raw)) {
      throw new ParameterProblem(`${parameter.name} ${JSON.stringify(raw)} is not a known value.`);
    }
    const value = readValue(parameter, fault === "filters.latin1" && parameter.in === "query" ? latin1(raw) : raw, fault);
    if (value !== undefined) values.set(parameter.name, value);
  }
  return values;
}
