// The one answer to "does this value meet the parameter's rules", for every package: the client
// checks a call's parameters with it, the mocks a request's, the contract the values it sends.
// Pure and small (no Node built-ins, no model): the client bundles it in at build time through
// the `@hss-kit/spec/rules` entry, so it has no runtime dependency on this package.

import { INTEGER_FORMAT_RANGES } from "./integers.js";

/** The schema keywords that constrain a parameter value, as the spec writes them. */
export interface ParameterRules {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly default?: string | number | boolean;
}

/**
 * The smallest and largest value an integer schema allows: its own bounds within its format's,
 * within the safe integers (a number beyond them cannot be told from its neighbours).
 */
export function integerBounds(rules: { readonly format?: unknown; readonly minimum?: unknown; readonly maximum?: unknown }): {
  minimum: number;
  maximum: number;
} {
  const implied = (typeof rules.format === "string" ? INTEGER_FORMAT_RANGES[rules.format] : undefined) ?? {
    minimum: Number.MIN_SAFE_INTEGER,
    maximum: Number.MAX_SAFE_INTEGER,
  };
  return {
    minimum: typeof rules.minimum === "number" ? Math.max(rules.minimum, implied.minimum) : implied.minimum,
    maximum: typeof rules.maximum === "number" ? Math.min(rules.maximum, implied.maximum) : implied.maximum,
  };
}

const within = (value: number, low: number | undefined, high: number | undefined): boolean =>
  (low === undefined || value >= low) && (high === undefined || value <= high);

/**
 * Whether a string's length in characters (code points, as JSON Schema counts them, so an emoji
 * is one character, not two) is within bounds. Its UTF-16 length is at least that and at most
 * twice that, which settles most strings without counting (and allocating).
 */
function lengthWithin(text: string, low = 0, high = Infinity): boolean {
  return (text.length <= high && text.length >= 2 * low) || within([...text].length, low, high);
}

function typeCheck(rules: ParameterRules): (value: unknown) => boolean {
  switch (rules.type) {
    case "integer": {
      const { minimum, maximum } = integerBounds(rules);
      return (value) => Number.isInteger(value) && within(value as number, minimum, maximum);
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

/**
 * A parameter's rules turned into one check of a typed value (a number for an integer, a boolean
 * for a boolean), worked out once so that checking allocates nothing.
 */
export function compileRules(rules: ParameterRules): (value: unknown) => boolean {
  const check = typeCheck(rules);
  const allowed = rules.enum as readonly unknown[] | undefined;
  return allowed ? (value) => allowed.includes(value) && check(value) : check;
}

/** Whether a typed value meets a parameter's rules: type, format, bounds, length and enum. */
export function meetsRules(rules: ParameterRules, value: unknown): boolean {
  return compileRules(rules)(value);
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
      // A bound is named where the rules state one (or a format implies it), not the safe-integer limit.
      const { minimum, maximum } = integerBounds(rules);
      const low = rules.format !== undefined || rules.minimum !== undefined ? minimum : undefined;
      const high = rules.format !== undefined || rules.maximum !== undefined ? maximum : undefined;
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
