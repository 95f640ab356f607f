import fc from "fast-check";
import type { ParamValues } from "./request.js";
import type { OperationModel, ParameterModel } from "./spec.js";

/** Upper bound of generated integers where the spec states none: past it, values stop meaning anything. */
export const UNBOUNDED_INTEGER_SPAN = 1000;

/** Longest generated string where the spec allows longer: keeps URLs readable in reports. */
export const GENERATED_STRING_CAP = 64;

function arbitraryFor(parameter: ParameterModel): fc.Arbitrary<string | number | boolean> | undefined {
  const { rules: schema } = parameter;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "boolean":
      return fc.boolean();
    case "integer": {
      const min = schema.minimum ?? 0;
      return fc.integer({ min, max: schema.maximum ?? min + UNBOUNDED_INTEGER_SPAN });
    }
    case "string": {
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? GENERATED_STRING_CAP, GENERATED_STRING_CAP));
      return fc.string({ minLength, maxLength });
    }
    default:
      return undefined;
  }
}

/**
 * Valid combinations of an operation's optional query parameters: each present or not, each
 * value inside its schema (enum, bounds, lengths). Required parameters come from the run's base
 * values, so every generated call is one the spec says must be accepted.
 */
export function validParams(operation: OperationModel): fc.Arbitrary<ParamValues> {
  const model: Record<string, fc.Arbitrary<string | number | boolean>> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in !== "query" || parameter.required) continue;
    const arbitrary = arbitraryFor(parameter);
    if (arbitrary) model[parameter.name] = arbitrary;
  }
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<ParamValues>;
}
