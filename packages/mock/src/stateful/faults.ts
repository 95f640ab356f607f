/** How much the `robustness.slow` fault delays every answer. */
export const SLOW_ANSWER_MS = 30;

/**
 * Faults the stateful mock can plant, each breaking one rule of the spec the way real
 * implementations do, with the contract check that must catch it (`alone`: and no other check
 * of hss-contract does). They exist so that a contract suite (hss-contract's own tests, or
 * yours) can show that each of its checks can fail.
 */
export const FAULTS = {
  "robustness.hang": { check: "robustness.transport", breaks: "never answers: the connection stays open and silent", alone: true },
  "robustness.reset": { check: "robustness.transport", breaks: "resets every connection instead of answering", alone: true },
  "robustness.huge-body": { check: "robustness.transport", breaks: "streams a 50 MB body", alone: true },
  "robustness.malformed-json": { check: "conformance.body", breaks: "2xx bodies are cut-off JSON" },
  "conformance.status": { check: "conformance.status", breaks: "answers 206 Partial Content when more pages follow", alone: true },
  "conformance.content-type": { check: "conformance.content-type", breaks: "sends JSON as text/plain", alone: true },
  "conformance.request-id": { check: "conformance.request-id", breaks: "sends no X-Request-Id header", alone: true },
  "conformance.body": { check: "conformance.body", breaks: "the first field of every item has a value of the wrong type" },
  "conformance.error-body": { check: "conformance.error-body", breaks: "error bodies are { code, message } instead of { error_code, error_msg }", alone: true },
  "inputs.rejects-boundary": { check: "inputs.accepted", breaks: "treats the maximum limit as exclusive: refuses limit at its maximum" },
  "inputs.no-minimum": { check: "inputs.below-min", breaks: "clamps values below a minimum instead of refusing them", alone: true },
  "inputs.no-maximum": { check: "inputs.above-max", breaks: "clamps values above a maximum instead of refusing them", alone: true },
  "inputs.lenient-types": { check: "inputs.wrong-type", breaks: "reads a non-number as the default and a non-boolean as false", alone: true },
  "inputs.enum-unchecked": { check: "inputs.bad-enum", breaks: "accepts values outside an enum", alone: true },
  "inputs.length-unchecked": { check: "inputs.too-long", breaks: "does not enforce maxLength", alone: true },
  "inputs.empty-accepted": { check: "inputs.too-short", breaks: "does not enforce minLength", alone: true },
  "inputs.required-unchecked": { check: "inputs.missing-required", breaks: "treats required query and header parameters as optional", alone: true },
  "inputs.combination-crash": { check: "inputs.generated", breaks: "fails with 500 when two optional filters are combined", alone: true },
  "auth.no-auth": { check: "auth.missing-token", breaks: "serves requests that carry no credentials", alone: true },
  "auth.empty-token": { check: "auth.empty-token", breaks: "serves requests whose X-Auth-Token is empty", alone: true },
  "auth.any-token": { check: "auth.wrong-token", breaks: "accepts any non-empty token", alone: true },
  "auth.any-signature": { check: "auth.wrong-signature", breaks: "accepts any Authorization header without verifying it" },
  "auth.no-date-window": { check: "auth.stale-date", breaks: "accepts an X-Sdk-Date of any age", alone: true },
  "auth.query-unsigned": { check: "auth.tampered-query", breaks: "verifies the signature over the declared query parameters only, so an added one goes unnoticed", alone: true },
  "auth.signed-header-400": { check: "auth.missing-signed-header", breaks: "answers a request that lacks a signed header with 400, not 401", alone: true },
  "pagination.limit-plus-one": { check: "pagination.limit", breaks: "returns limit + 1 items" },
  "pagination.total-changes": { check: "pagination.total-stable", breaks: "total_num counts only the items from offset on", alone: true },
  "pagination.unstable-order": { check: "pagination.compose", breaks: "orders items differently when limit is above 10", alone: true },
  "pagination.drops-last": { check: "pagination.walk", breaks: "never returns the last item, though total_num counts it" },
  "pagination.past-end-wraps": { check: "pagination.past-end", breaks: "an offset at or past the end returns the last page", alone: true },
  "pagination.default-limit": { check: "pagination.default-limit", breaks: "an omitted limit means twice its documented default", alone: true },
  "pagination.nondeterministic": { check: "pagination.idempotent", breaks: "a repeated request gets its items in reverse order" },
  "filters.ignored": { check: "filters.match", breaks: "ignores every optional filter" },
  "filters.total-unfiltered": { check: "filters.total", breaks: "total_num counts the records before the optional filters" },
  "filters.substring": { check: "filters.exact", breaks: "exact filters match any value that contains the given one", alone: true },
  "filters.case-insensitive": { check: "filters.case", breaks: "case-sensitive filters ignore case", alone: true },
  "filters.part-match-ignored": { check: "filters.partial", breaks: "part_match=true changes nothing: matching stays exact", alone: true },
  "filters.boolean-drops": { check: "filters.boolean", breaks: "a boolean filter returns every other matching record, total_num counting only those", alone: true },
  "filters.latin1": { check: "filters.non-ascii", breaks: "query values are read as Latin-1, so a value outside ASCII never matches" },
  "filters.alias-ignored": { check: "filters.alias", breaks: "a value with aliases (status=unknown) matches only itself, not unknow", alone: true },
  "filters.match-all-refused": { check: "filters.match-all", breaks: "refuses all_granted_eps with 400, as if it were an unknown enterprise project", alone: true },
  "filters.default-ignored": { check: "filters.default", breaks: "a filter left out selects everything, not its documented default (category=host)", alone: true },
  "pagination.limit-capped": { check: "pagination.limits", breaks: "a limit above 100 gives 100 items", alone: true },
  "conformance.seconds": { check: "conformance.time-unit", breaks: "time fields are in seconds, not milliseconds", alone: true },
  "robustness.slow": { check: "robustness.latency", breaks: `every answer takes ${SLOW_ANSWER_MS} ms more`, alone: true },
} as const;

/** A fault the stateful mock can plant. */
export type Fault = keyof typeof FAULTS;

/** Whether a text names a fault. */
export function isFault(name: string): name is Fault {
  return Object.hasOwn(FAULTS, name);
}
