// Checks a call's parameters against the rules generated from the spec (src/generated/operations.ts)
// before any request is sent, so a mistake costs no round trip and the error names the parameter,
// the value and what is allowed instead of HSS's generic "HSS.0001 Invalid request parameter".

import { HssValidationError, REDACTED } from "./errors.js";
import { integerFormatRanges } from "./generated/operations.js";
import type { OperationDescriptor, ParameterDescriptor, ParameterRules } from "./operation-descriptor.js";

/**
 * The parameters a caller may pass to an operation, in spec order. A path parameter filled in
 * from the client's configuration (`project_id`) is part of every URL the client builds, so a
 * call never passes it; a header filled in that way (`region`) is a default a call may override.
 */
export function callerParameters(descriptor: OperationDescriptor): ParameterDescriptor[] {
  return descriptor.parameters.filter((parameter) => parameter.in !== "cookie" && !(parameter.in === "path" && parameter.config));
}

function range(low: number | undefined, high: number | undefined, unit: string): string {
  if (low !== undefined && high !== undefined) return `from ${low} to ${high}${unit}`;
  if (low !== undefined) return `of at least ${low}${unit}`;
  return `of at most ${high}${unit}`;
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

function integerBounds(rules: ParameterRules): [number | undefined, number | undefined] {
  const implied = rules.format === undefined ? undefined : integerFormatRanges[rules.format];
  return [rules.minimum ?? implied?.minimum, rules.maximum ?? implied?.maximum];
}

function within(value: number, low: number | undefined, high: number | undefined): boolean {
  return (low === undefined || value >= low) && (high === undefined || value <= high);
}

/**
 * Whether a string's length in characters (code points, as JSON Schema counts them, so an emoji
 * is one character, not two) is within bounds. Its UTF-16 length is at least that and at most
 * twice that, which settles most strings without counting (and allocating).
 */
function lengthWithin(text: string, low = 0, high = Infinity): boolean {
  return (text.length <= high && text.length >= 2 * low) || within([...text].length, low, high);
}

/** A parameter's rules turned into one check, worked out once so a call allocates nothing for it. */
export function compileRules(rules: ParameterRules): (value: unknown) => boolean {
  const check = typeCheck(rules);
  const allowed = rules.enum;
  return allowed ? (value) => allowed.includes(value) && check(value) : check;
}

function typeCheck(rules: ParameterRules): (value: unknown) => boolean {
  switch (rules.type) {
    case "integer": {
      const [low, high] = integerBounds(rules);
      return (value) => Number.isInteger(value) && within(value as number, low, high);
    }
    case "number":
      return (value) => typeof value === "number" && Number.isFinite(value) && within(value, rules.minimum, rules.maximum);
    case "boolean":
      return (value) => typeof value === "boolean";
    case "string":
      return (value) => typeof value === "string" && lengthWithin(value, rules.minLength, rules.maxLength);
    default:
      return (value) => value !== null && typeof value !== "object" && typeof value !== "function";
  }
}

/** Whether a value meets a parameter's rules. */
export function meetsRules(rules: ParameterRules, value: unknown): boolean {
  return compileRules(rules)(value);
}

/** Says whether a value may be quoted in an error; see `Redactor.mayShow`. */
export type MayShow = (value: unknown) => boolean;

/** The value an error may hold: the value itself, or {@link REDACTED} when it holds a credential. */
export function shownValue(value: unknown, mayShow: MayShow): unknown {
  return value === undefined || mayShow(value) ? value : REDACTED;
}

/**
 * Checks that a call's parameters are one plain object (or absent). Not a rule of the spec but
 * of the client's calling convention, so it holds even with `validate: false`.
 */
export function assertParamsObject(
  operationId: string,
  params: unknown,
  mayShow: MayShow,
): asserts params is Record<string, unknown> | undefined {
  if (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params))) {
    throw new HssValidationError({
      operationId,
      parameter: "params",
      value: shownValue(params, mayShow),
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
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (value !== undefined && !names.includes(name)) {
      const allowed = (names.length > 0 ? names.join(", ") : "none") + hint;
      throw new HssValidationError({ operationId, parameter: name, value, allowed, problem: "unknown" });
    }
  }
}

/** Checks one call's parameters; see {@link compileValidator}. */
export type Validator = (given: Readonly<Record<string, unknown>>) => void;

/**
 * Compiles an operation's rules into a {@link Validator}, once per operation, which throws
 * {@link HssValidationError} for the first parameter that is unknown, missing while required,
 * or breaks its rules.
 */
export function compileValidator(operationId: string, descriptor: OperationDescriptor, mayShow: MayShow): Validator {
  const parameters = callerParameters(descriptor);
  const names = parameters.map((parameter) => parameter.name);
  const checks = parameters.map((parameter) => ({ ...parameter, meets: compileRules(parameter.schema) }));
  return (given) => {
    refuseUnknown(operationId, given, names);
    for (const parameter of checks) {
      const value = given[parameter.name];
      if (value === undefined && !parameter.required) continue;
      if (value === undefined || !parameter.meets(value)) {
        throw new HssValidationError({
          operationId,
          parameter: parameter.name,
          value: shownValue(value, mayShow),
          allowed: describeRules(parameter.schema),
          problem: value === undefined ? "missing" : "invalid",
        });
      }
    }
  };
}

/** Path segments that URL normalisation removes, with the one before for `..`: the request would go elsewhere. */
const DOT_SEGMENTS = new Set([".", ".."]);

/** An unpaired UTF-16 surrogate, which encodeURIComponent and TextEncoder cannot encode faithfully. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Characters no header value may hold: they would end the header or the request. */
const HEADER_BREAK = /[\0\r\n]/;

/** What a value must be to be sent safely as a parameter in `location`, or `undefined` when it can be sent as it is. */
export function unsendable(value: unknown, location: string | undefined): string | undefined {
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (typeof item !== "string") continue;
    if (LONE_SURROGATE.test(item)) return "a well-formed Unicode string (this one has an unpaired surrogate, which no URL or header can carry)";
    if (location === "path" && DOT_SEGMENTS.has(item)) {
      return 'a path segment other than "." and ".." (URL normalisation would send the request to another endpoint)';
    }
    if (location === "header" && HEADER_BREAK.test(item)) return "a header value without CR, LF or NUL characters";
  }
  return undefined;
}

/**
 * Compiles the checks that hold even with `validate: false`: values that cannot be sent as they
 * are (an unpaired surrogate, CR or LF in a header) or that would reach another endpoint (a path
 * parameter of `.` or `..`). `validate: false` sends what the spec forbids, never what HTTP does.
 */
export function compileSendableCheck(operationId: string, descriptor: OperationDescriptor, mayShow: MayShow): Validator {
  const location = new Map(callerParameters(descriptor).map((parameter) => [parameter.name, parameter.in]));
  return (given) => {
    for (const name of Object.keys(given)) {
      const allowed = unsendable(given[name], location.get(name));
      if (allowed !== undefined) {
        throw new HssValidationError({ operationId, parameter: name, value: shownValue(given[name], mayShow), allowed, problem: "invalid" });
      }
    }
  };
}
