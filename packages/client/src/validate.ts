// Checks a call's parameters against the rules generated from the spec (src/generated/operations.ts),
// with the one rules module of @hss-kit/spec (bundled in at build time), before any request is sent, so a mistake costs no round trip and the error names the parameter,
// the value and what is allowed instead of HSS's generic "HSS.0001 Invalid request parameter".

import { compileRules, describeRules } from "@hss-kit/spec/rules";
import { HssConfigurationError, HssValidationError, NOT_SHOWN, REDACTED_VALUE, show } from "./errors.js";
import { operations } from "./generated/operations.js";
import type { OperationDescriptor, ParameterDescriptor } from "./operation-descriptor.js";

/**
 * The parameters a caller may pass to an operation, in spec order. A path parameter filled in
 * from the client's configuration (`project_id`) is part of every URL the client builds, so a
 * call never passes it; a header filled in that way (`region`) is a default a call may override.
 */
export function callerParameters(descriptor: OperationDescriptor): ParameterDescriptor[] {
  return descriptor.parameters.filter((parameter) => parameter.in !== "cookie" && !(parameter.in === "path" && parameter.config));
}

/** Says whether a value may be quoted in an error; see `Redactor.mayShow`. */
export type MayShow = (value: unknown) => boolean;

/** The value an error may hold: the value itself, or {@link REDACTED_VALUE} when it holds a credential. */
export function shownValue(value: unknown, mayShow: MayShow): unknown {
  return value === undefined || mayShow(value) ? value : REDACTED_VALUE;
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

/**
 * A header value the client sends: printable ASCII and tabs. CR, LF and NUL would end the header
 * or the request; beyond ASCII, HTTP carries bytes with no agreed encoding (Headers refuses
 * anything past Latin-1 with a TypeError, and a signature over such a value would not match).
 */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

const isScalar = (value: unknown): boolean =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint";

/**
 * Whether openapi-fetch can put a value into a URL or a header: a scalar, or an array or object
 * of scalars (one level: it throws on deeper ones, and a symbol cannot become text at all).
 */
function serializable(value: unknown): boolean {
  if (isScalar(value) || value === null) return true;
  if (Array.isArray(value)) return value.every(isScalar);
  return typeof value === "object" && Object.values(value).every(isScalar);
}

/** What a value must be to be sent safely as a parameter in `location`, or `undefined` when it can be sent as it is. */
export function unsendable(value: unknown, location: string | undefined): string | undefined {
  if (!serializable(value)) return "a string, number or boolean, or an array or object of them";
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (typeof item !== "string") continue;
    if (LONE_SURROGATE.test(item)) return "a well-formed Unicode string (this one has an unpaired surrogate, which no URL or header can carry)";
    if (location === "path" && DOT_SEGMENTS.has(item)) {
      return 'a path segment other than "." and ".." (URL normalisation would send the request to another endpoint)';
    }
    if (location === "header" && !HEADER_VALUE.test(item)) return "a header value of printable ASCII (no line break, control character or character beyond ASCII)";
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

/** The parameters a configuration option fills in, from every operation that has one. */
function configuredParameters(option: "projectId" | "region"): ParameterDescriptor[] {
  return Object.values(operations).flatMap((descriptor: OperationDescriptor) => descriptor.parameters.filter((parameter) => parameter.config === option));
}

/**
 * Checks a value the client's configuration fills a parameter with (the `projectId` in every
 * path, the `region` header) against that parameter's rules and what HTTP can carry, as a call's
 * own parameters are checked, and throws {@link HssConfigurationError} naming `source` (the
 * option or environment variable it came from) otherwise.
 */
export function checkConfigured(source: string, option: "projectId" | "region", value: unknown, mayShow: MayShow): void {
  for (const parameter of configuredParameters(option)) {
    const sendable = unsendable(value, parameter.in);
    const allowed = compileRules(parameter.schema)(value)
      ? sendable
      : `${describeRules(parameter.schema)} (the spec's ${parameter.name})`;
    if (allowed === undefined) continue;
    const got = mayShow(value) ? show(value) : NOT_SHOWN;
    throw new HssConfigurationError(`${source} must be ${allowed}; got ${got}.`);
  }
}
