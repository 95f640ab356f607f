/** A JSON value as it appears in the bundled spec. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object of the spec. */
export type JsonObject = { [key: string]: Json };

/** Whether a JSON value is an object (not an array, not null). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
