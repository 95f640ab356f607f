// Checks a call's parameters against the rules generated from the spec (src/generated/operations.ts)
// before any request is sent, so a mistake costs no round trip and the error names the parameter,
// the value and what is allowed instead of HSS's generic "HSS.0001 Invalid request parameter".

import { HssValidationError } from "./errors.js";
import type { OperationDescriptor, ParameterDescriptor, ParameterRules } from "./operation-descriptor.js";

/** Parameters the client fills in itself, which callers never pass. */
const CLIENT_SUPPLIED = new Set(["project_id"]);

/** Integer ranges the formats imply when the spec gives no explicit bounds. */
const FORMAT_RANGE: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** The parameters a caller may pass to an operation, in spec order. */
export function callerParameters(descriptor: OperationDescriptor): ParameterDescriptor[] {
  return descriptor.parameters.filter((parameter) => parameter.in !== "cookie" && !CLIENT_SUPPLIED.has(parameter.name));
}

function range(low: number | undefined, high: number | undefined, unit: string): string {
  if (low !== undefined && high !== undefined) return `from ${low} to ${high}${unit}`;
  if (low !== undefined) return `of at least ${low}${unit}`;
  return `of at most ${high}${unit}`;
}

function integerBounds(rules: ParameterRules): [number | undefined, number | undefined] {
  const [formatLow, formatHigh] = FORMAT_RANGE[rules.format ?? ""] ?? [];
  return [rules.minimum ?? formatLow, rules.maximum ?? formatHigh];
}

/** Says in words what a parameter accepts, such as `an integer from 10 to 200`. */
export function describeRules(rules: ParameterRules): string {
  if (rules.enum) return `one of ${rules.enum.map((value) => JSON.stringify(value)).join(", ")}`;
  switch (rules.type) {
    case "integer": {
      const [low, high] = integerBounds(rules);
      return low === undefined && high === undefined ? "an integer" : `an integer ${range(low, high, "")}`;
    }
    case "number":
      return rules.minimum === undefined && rules.maximum === undefined
        ? "a number"
        : `a number ${range(rules.minimum, rules.maximum, "")}`;
    case "boolean":
      return "true or false";
    case "string": {
      const low = rules.minLength ? rules.minLength : undefined;
      return low === undefined && rules.maxLength === undefined
        ? "a string"
        : `a string ${range(low, rules.maxLength, " characters")}`;
    }
    default:
      return "a value";
  }
}

function within(value: number, low: number | undefined, high: number | undefined): boolean {
  return (low === undefined || value >= low) && (high === undefined || value <= high);
}

/** Whether a value meets a parameter's rules. */
export function meetsRules(rules: ParameterRules, value: unknown): boolean {
  if (rules.enum && !rules.enum.includes(value)) return false;
  switch (rules.type) {
    case "integer":
      return Number.isInteger(value) && within(value as number, ...integerBounds(rules));
    case "number":
      return typeof value === "number" && Number.isFinite(value) && within(value, rules.minimum, rules.maximum);
    case "boolean":
      return typeof value === "boolean";
    case "string":
      // JSON Schema counts characters as code points, so an emoji is one character, not two.
      return typeof value === "string" && within([...value].length, rules.minLength, rules.maxLength);
    default:
      return value !== null && typeof value !== "object" && typeof value !== "function";
  }
}

/**
 * Checks that a call's parameters are one plain object (or absent). Not a rule of the spec but
 * of the client's calling convention, so it holds even with `validate: false`.
 */
export function assertParamsObject(operationId: string, params: unknown): asserts params is Record<string, unknown> | undefined {
  if (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params))) {
    throw new HssValidationError({
      operationId,
      parameter: "params",
      value: params,
      allowed: "an object of parameters",
      problem: "invalid",
    });
  }
}

/**
 * Throws {@link HssValidationError} for a parameter the spec does not know. `names` are the
 * parameters that may be passed; `hint` is added to the list, to say why one is missing from it.
 */
export function refuseUnknown(
  operationId: string,
  given: Readonly<Record<string, unknown>>,
  names: readonly string[],
  hint = "",
): void {
  for (const [name, value] of Object.entries(given)) {
    if (!names.includes(name) && value !== undefined) {
      const allowed = (names.length > 0 ? names.join(", ") : "none") + hint;
      throw new HssValidationError({ operationId, parameter: name, value, allowed, problem: "unknown" });
    }
  }
}

/**
 * Throws {@link HssValidationError} for the first parameter that is unknown, missing while
 * required, or breaks its rules.
 */
export function validateParams(
  operationId: string,
  descriptor: OperationDescriptor,
  given: Readonly<Record<string, unknown>>,
): void {
  const parameters = callerParameters(descriptor);
  refuseUnknown(operationId, given, parameters.map((parameter) => parameter.name));
  for (const parameter of parameters) {
    const value = given[parameter.name];
    if (value === undefined && !parameter.required) continue;
    if (value === undefined || !meetsRules(parameter.schema, value)) {
      throw new HssValidationError({
        operationId,
        parameter: parameter.name,
        value,
        allowed: describeRules(parameter.schema),
        problem: value === undefined ? "missing" : "invalid",
      });
    }
  }
}
