/**
 * Faults the stateful mock can plant, each breaking one rule of the spec the way real
 * implementations do, with the contract check that must catch it. They exist so that a contract
 * suite (hss-contract's own tests, or yours) can show that each of its checks can fail.
 */
export const FAULTS = {
  "robustness.hang": { check: "robustness.transport", breaks: "never answers: the connection stays open and silent" },
  "robustness.reset": { check: "robustness.transport", breaks: "resets every connection instead of answering" },
  "robustness.huge-body": { check: "robustness.transport", breaks: "streams a 50 MB body" },
  "robustness.malformed-json": { check: "conformance.body", breaks: "2xx bodies are cut-off JSON" },
  "conformance.status": { check: "conformance.status", breaks: "answers 206 Partial Content when more pages follow" },
  "conformance.content-type": { check: "conformance.content-type", breaks: "sends JSON as text/plain" },
  "conformance.request-id": { check: "conformance.request-id", breaks: "sends no X-Request-Id header" },
  "conformance.body": { check: "conformance.body", breaks: "the first field of every item has a value of the wrong type" },
  "conformance.error-body": { check: "conformance.error-body", breaks: "error bodies are { code, message } instead of { error_code, error_msg }" },
  "inputs.rejects-boundary": { check: "inputs.accepted", breaks: "treats the maximum limit as exclusive: refuses limit at its maximum" },
  "inputs.no-minimum": { check: "inputs.below-min", breaks: "clamps values below a minimum instead of refusing them" },
  "inputs.no-maximum": { check: "inputs.above-max", breaks: "clamps values above a maximum instead of refusing them" },
  "inputs.lenient-types": { check: "inputs.wrong-type", breaks: "reads a non-number as the default and a non-boolean as false" },
  "inputs.enum-unchecked": { check: "inputs.bad-enum", breaks: "accepts values outside an enum" },
  "inputs.length-unchecked": { check: "inputs.too-long", breaks: "does not enforce maxLength" },
  "inputs.empty-accepted": { check: "inputs.too-short", breaks: "does not enforce minLength" },
  "inputs.required-unchecked": { check: "inputs.missing-required", breaks: "treats required query and header parameters as optional" },
  "inputs.combination-crash": { check: "inputs.generated", breaks: "fails with 500 when two optional filters are combined" },
  "auth.no-auth": { check: "auth.missing-token", breaks: "serves requests that carry no credentials" },
  "auth.empty-token": { check: "auth.empty-token", breaks: "serves requests whose X-Auth-Token is empty" },
  "auth.any-token": { check: "auth.wrong-token", breaks: "accepts any non-empty token" },
  "pagination.limit-plus-one": { check: "pagination.limit", breaks: "returns limit + 1 items" },
  "pagination.total-changes": { check: "pagination.total-stable", breaks: "total_num counts only the items from offset on" },
  "pagination.unstable-order": { check: "pagination.compose", breaks: "orders items differently when limit is above 10" },
  "pagination.drops-last": { check: "pagination.walk", breaks: "never returns the last item, though total_num counts it" },
  "pagination.past-end-wraps": { check: "pagination.past-end", breaks: "an offset at or past the end returns the last page" },
  "pagination.default-limit": { check: "pagination.default-limit", breaks: "an omitted limit means twice its documented default" },
  "pagination.nondeterministic": { check: "pagination.idempotent", breaks: "a repeated request gets its items in reverse order" },
  "filters.ignored": { check: "filters.match", breaks: "ignores every optional filter" },
  "filters.total-unfiltered": { check: "filters.total", breaks: "total_num counts the records before the optional filters" },
} as const;

/** A fault the stateful mock can plant. */
export type Fault = keyof typeof FAULTS;

/** Whether a text names a fault. */
export function isFault(name: string): name is Fault {
  return Object.hasOwn(FAULTS, name);
}
