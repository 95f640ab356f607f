import { INTEGER_FORMATS } from "@hss-kit/spec";
import type { OperationModel, ParameterModel } from "./spec.js";

/** The names of the input checks, one per kind of boundary case. */
export type InputCheck =
  | "inputs.accepted"
  | "inputs.below-min"
  | "inputs.above-max"
  | "inputs.wrong-type"
  | "inputs.strict-parsing"
  | "inputs.bad-enum"
  | "inputs.too-short"
  | "inputs.too-long"
  | "inputs.missing-required";

/** One boundary case derived from a parameter's schema. */
export interface InputCase {
  check: InputCheck;
  parameter: ParameterModel;
  /** The raw value to send; `undefined` leaves the parameter out (for a path parameter: an empty segment). */
  value: string | undefined;
  /** `limit=201 (maximum 200 + 1)`: the case as a reader would name it. */
  label: string;
  /** Whether the server must accept (2xx) or refuse (a documented 4xx) the request. */
  expect: "accept" | "refuse";
}


function integerCases(parameter: ParameterModel): InputCase[] {
  const { name, rules: schema } = parameter;
  const range = schema.format ? INTEGER_FORMATS[schema.format] : undefined;
  const cases: InputCase[] = [];
  const canAccept = parameter.in !== "path";
  if (schema.minimum !== undefined) {
    if (canAccept) cases.push({ check: "inputs.accepted", parameter, value: String(schema.minimum), label: `${name}=${schema.minimum} (minimum)`, expect: "accept" });
    cases.push({ check: "inputs.below-min", parameter, value: String(schema.minimum - 1), label: `${name}=${schema.minimum - 1} (minimum ${schema.minimum} - 1)`, expect: "refuse" });
  } else if (range) {
    cases.push({ check: "inputs.below-min", parameter, value: String(range.minimum - 1n), label: `${name}=${range.minimum - 1n} (below the ${schema.format} range)`, expect: "refuse" });
  }
  if (schema.maximum !== undefined) {
    if (canAccept) cases.push({ check: "inputs.accepted", parameter, value: String(schema.maximum), label: `${name}=${schema.maximum} (maximum)`, expect: "accept" });
    cases.push({ check: "inputs.above-max", parameter, value: String(schema.maximum + 1), label: `${name}=${schema.maximum + 1} (maximum ${schema.maximum} + 1)`, expect: "refuse" });
  } else if (range) {
    cases.push({ check: "inputs.above-max", parameter, value: String(range.maximum + 1n), label: `${name}=${range.maximum + 1n} (above the ${schema.format} range)`, expect: "refuse" });
  }
  cases.push({ check: "inputs.wrong-type", parameter, value: "abc", label: `${name}=abc (not an integer)`, expect: "refuse" });
  return [...cases, ...lenientIntegers(parameter)];
}

/**
 * Forms of a valid integer that common parsers read as that integer (JavaScript's Number and
 * parseInt, Go's strconv with base 0, Python's float, Java's Double) but the spec's `integer`
 * does not allow: a fraction, an exponent, hexadecimal, and an empty value. The integer is a
 * multiple of ten inside the bounds, so the exponent form exists, and every lenient reading of
 * each form lands inside the bounds too.
 */
function lenientIntegers(parameter: ParameterModel): InputCase[] {
  const { name, rules } = parameter;
  const low = Math.max(rules.minimum ?? 0, 10);
  const value = Math.ceil(low / 10) * 10;
  if (rules.maximum !== undefined && value + 1 > rules.maximum) return [];
  const forms: [string, string][] = [
    [`${value}.5`, "a fraction"],
    [`${value / 10}e1`, "exponent notation"],
    [`0x${value.toString(16)}`, "hexadecimal"],
    ["", "an empty value"],
  ];
  return forms.map(([raw, what]) => ({ check: "inputs.strict-parsing", parameter, value: raw, label: `${name}=${raw} (${what}, not an integer)`, expect: "refuse" }));
}

function booleanCases(parameter: ParameterModel): InputCase[] {
  const { name } = parameter;
  return [
    { check: "inputs.accepted", parameter, value: "true", label: `${name}=true`, expect: "accept" },
    { check: "inputs.accepted", parameter, value: "false", label: `${name}=false`, expect: "accept" },
    { check: "inputs.wrong-type", parameter, value: "yes", label: `${name}=yes (not a boolean)`, expect: "refuse" },
    // What lenient boolean parsers take for true (Go's strconv.ParseBool, Java's Boolean.parseBoolean, Python's truthiness).
    ...["1", "TRUE", "t"].map((raw): InputCase => ({ check: "inputs.strict-parsing", parameter, value: raw, label: `${name}=${raw} (not true or false)`, expect: "refuse" })),
  ];
}

function stringCases(parameter: ParameterModel): InputCase[] {
  const { name, rules: schema } = parameter;
  const cases: InputCase[] = [];
  const canAccept = parameter.in !== "path";
  if (schema.enum) {
    const values = schema.enum.map(String);
    if (canAccept) {
      for (const value of values) cases.push({ check: "inputs.accepted", parameter, value, label: `${name}=${value} (enum value)`, expect: "accept" });
    }
    const bad = `${values[0] ?? "x"}-invalid`;
    cases.push({ check: "inputs.bad-enum", parameter, value: bad, label: `${name}=${bad} (not one of ${values.join(", ")})`, expect: "refuse" });
    // An enum value in another case, which a case-insensitive lookup takes for the value.
    const recased = values.map((value) => (value === value.toLowerCase() ? value.toUpperCase() : value.toLowerCase())).find((value) => !values.includes(value));
    if (recased !== undefined) {
      cases.push({ check: "inputs.strict-parsing", parameter, value: recased, label: `${name}=${recased} (an enum value in another case; the enum is ${values.join(", ")})`, expect: "refuse" });
    }
    return cases;
  }
  const { minLength, maxLength } = schema;
  if (minLength !== undefined) {
    if (canAccept) cases.push({ check: "inputs.accepted", parameter, value: "a".repeat(minLength), label: `${name} of ${minLength} characters (minLength)`, expect: "accept" });
    // An empty path segment is the same request as a missing path parameter: leave it to that case.
    const duplicatesMissing = parameter.in === "path" && parameter.required && minLength === 1;
    if (minLength > 0 && !duplicatesMissing) {
      cases.push({ check: "inputs.too-short", parameter, value: "a".repeat(minLength - 1), label: `${name} of ${minLength - 1} characters (minLength ${minLength} - 1)`, expect: "refuse" });
    }
  }
  if (maxLength !== undefined) {
    if (canAccept) cases.push({ check: "inputs.accepted", parameter, value: "a".repeat(maxLength), label: `${name} of ${maxLength} characters (maxLength)`, expect: "accept" });
    cases.push({ check: "inputs.too-long", parameter, value: "a".repeat(maxLength + 1), label: `${name} of ${maxLength + 1} characters (maxLength ${maxLength} + 1)`, expect: "refuse" });
  }
  return cases;
}

/**
 * The boundary cases of one operation, derived from its parameters' schemas: values at the
 * stated bounds and enum values must be accepted; one step past a bound (or past the integer
 * format's range where the spec states no bound), a wrong type, a value outside the enum, a
 * string one character too short or too long, and a missing required parameter must be refused.
 * Path parameters only get refusal cases: a made-up project or task ID names no resource, so
 * its acceptance says nothing.
 */
export function deriveInputCases(operation: OperationModel): InputCase[] {
  return operation.parameters.flatMap((parameter) => {
    const missing: InputCase[] = parameter.required
      ? [{
          check: "inputs.missing-required",
          parameter,
          value: undefined,
          label: parameter.in === "path" ? `${parameter.name} empty (path segment left out)` : `${parameter.name} omitted`,
          expect: "refuse",
        }]
      : [];
    const type = parameter.rules.type;
    const typed = type === "integer" ? integerCases(parameter)
      : type === "boolean" ? booleanCases(parameter)
      : type === "string" ? stringCases(parameter)
      : [];
    return [...missing, ...typed];
  });
}

/**
 * Whether a case sends an empty query value. Prism 5.14 treats `?name=` as if the parameter
 * were absent, so the mock profile leaves these cases out.
 */
export function sendsEmptyQueryValue(inputCase: InputCase): boolean {
  return inputCase.parameter.in !== "path" && inputCase.value === "";
}
