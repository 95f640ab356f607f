// Every check of hss-contract, declared once. The runner plans only checks named here, the
// `--checks`/`--exclude-checks` selection and the mock profile read it, and the README's list of
// checks is rendered from it (a test holds the README to it).

import { FAMILIES } from "../result.js";

/** A family of checks, the part of a check's name before the dot. */
export type Family = (typeof FAMILIES)[number];

/** What the registry says of one check. */
export interface CheckDefinition {
  family: Family;
  /** What the check holds the target to, in one or two sentences (Markdown). */
  rule: string;
  /** What the check needs from the spec or the target to run, when that is more than a valid call. */
  needs?: string;
  /**
   * Why the `mock` profile leaves the check out: a stateless server answering every valid request
   * with the spec's example (Prism) cannot pass it. Absent when such a server can.
   */
  notInMock?: string;
  /** Whether the check runs only when an option turns it on. */
  optIn?: string;
}

const STATELESS = "a stateless mock returns the same example whatever the filter";
const STATIC_EXAMPLES = "a static example is the same on every page";

/** The checks, in report order within each family. */
export const CHECKS = {
  "robustness.transport": {
    family: "robustness",
    rule: "every request of the operation got a complete HTTP response within `--timeout` and the body cap; a hang, a reset or an endless body fails here, never as a hang or crash of the tool",
  },
  "robustness.latency": {
    family: "robustness",
    rule: "the 95th percentile of the operation's response times is within the budget; the report gives p50 and p95",
    optIn: "--max-latency MS",
  },
  "conformance.status": {
    family: "conformance",
    rule: "every status is one the spec documents for the operation (exact code, `4XX`-style range or `default`)",
  },
  "conformance.content-type": {
    family: "conformance",
    rule: "a status documented with a JSON body comes as `application/json`",
  },
  "conformance.request-id": {
    family: "conformance",
    rule: "the response headers the spec documents for the status (`X-Request-Id`) are present and non-empty",
  },
  "conformance.body": {
    family: "conformance",
    rule: "every 2xx body validates against the schema the spec documents for its status (JSON Schema 2020-12, strict, int32/int64 ranges checked)",
  },
  "conformance.error-body": {
    family: "conformance",
    rule: "every 4xx/5xx body validates against the schema of its status (the spec's `Error`)",
  },
  "conformance.time-unit": {
    family: "conformance",
    rule: "every time field the spec gives a unit (`x-hss-unit: epoch-milliseconds`) holds a plausible value of that unit, from 2000 to 2100, so seconds or microseconds fail",
    needs: "a field with x-hss-unit",
  },
  "inputs.accepted": {
    family: "inputs",
    rule: "the valid call, and every value at a bound the spec states and every enum and boolean value, are answered 2xx",
  },
  "inputs.below-min": { family: "inputs", rule: "one below the minimum (or the integer format's range) is refused" },
  "inputs.above-max": { family: "inputs", rule: "one above the maximum (or the integer format's range) is refused" },
  "inputs.wrong-type": { family: "inputs", rule: "`abc` for an integer and `yes` for a boolean are refused" },
  "inputs.bad-enum": { family: "inputs", rule: "a value outside the enum is refused" },
  "inputs.too-short": { family: "inputs", rule: "one character under minLength (when above 0) is refused" },
  "inputs.too-long": { family: "inputs", rule: "one character over maxLength is refused" },
  "inputs.missing-required": { family: "inputs", rule: "each required parameter left out is refused" },
  "inputs.generated": {
    family: "inputs",
    rule: "fast-check's valid combinations of the optional query parameters are each answered 2xx; a failure is shrunk and reported with its seed",
  },
  "auth.missing-token": { family: "auth", rule: "a call without credentials is refused with 401" },
  "auth.empty-token": { family: "auth", rule: "an empty `X-Auth-Token` is refused with 401", needs: "--token" },
  "auth.wrong-token": {
    family: "auth",
    rule: "the real token with a suffix is refused with 401",
    needs: "--token",
    notInMock: "Prism accepts any non-empty token",
  },
  "auth.wrong-signature": {
    family: "auth",
    rule: "a request signed with a wrong secret key is refused with 401",
    needs: "--access-key and --secret-key",
    notInMock: "Prism accepts any Authorization header",
  },
  "auth.stale-date": {
    family: "auth",
    rule: "a signature whose `X-Sdk-Date` is 20 minutes old (past the gateway's 15) is refused with 401",
    needs: "--access-key and --secret-key",
    notInMock: "Prism accepts any Authorization header",
  },
  "auth.tampered-query": {
    family: "auth",
    rule: "a request whose query was changed after signing is refused with 401",
    needs: "--access-key and --secret-key",
    notInMock: "Prism accepts any Authorization header",
  },
  "auth.missing-signed-header": {
    family: "auth",
    rule: "a request that leaves out a header its signature lists is refused with 401",
    needs: "--access-key and --secret-key",
    notInMock: "Prism accepts any Authorization header",
  },
  "pagination.limit": { family: "pagination", rule: "`data_list` is never longer than `limit`" },
  "pagination.limits": {
    family: "pagination",
    rule: "a page of `limit` L holds `min(L, total_num)` items for L at the minimum, the default, halfway and the maximum of the range the spec gives",
    notInMock: "a static example holds the same items whatever the limit",
  },
  "pagination.compose": {
    family: "pagination",
    rule: "`offset=1&limit=2L` equals `offset=1&limit=L` followed by `offset=1+L&limit=L`, item by item",
    notInMock: STATIC_EXAMPLES,
  },
  "pagination.walk": { family: "pagination", rule: "walking every page yields exactly `total_num` items, each page `min(L, total_num - offset)` of them" },
  "pagination.past-end": { family: "pagination", rule: "`offset=total_num` gives an empty `data_list`", notInMock: STATIC_EXAMPLES },
  "pagination.default-limit": { family: "pagination", rule: "an omitted `limit` gives `min(default, total_num)` items, the default being the spec's" },
  "pagination.total-stable": { family: "pagination", rule: "`total_num` is the same on every page the pagination checks fetched" },
  "pagination.idempotent": { family: "pagination", rule: "the baseline request sent again gets the same status, total and items" },
  "filters.match": {
    family: "filters",
    rule: "a filter given a value taken from an item returns that item, and only items whose field (the one `x-hss-filter` names) has that value (or an alias of it)",
    notInMock: STATELESS,
  },
  "filters.total": {
    family: "filters",
    rule: "the filtered `total_num` never exceeds the unfiltered one, and equals the number of items when they all fit on one page",
    notInMock: STATELESS,
  },
  "filters.exact": {
    family: "filters",
    rule: "a filter that matches exactly does not match part of a value: a value cut short returns only items that hold exactly the shorter value",
    needs: "a text filter with match: exact",
    notInMock: STATELESS,
  },
  "filters.case": {
    family: "filters",
    rule: "a case-sensitive filter given a value in other case returns only items that hold exactly that case",
    needs: "a text filter with case: sensitive and a value with letters",
    notInMock: STATELESS,
  },
  "filters.partial": {
    family: "filters",
    rule: "with the partial-match switch on (`part_match=true`), part of a value returns the item it came from, and only items that contain it",
    needs: "a filter with partial-with",
    notInMock: STATELESS,
  },
  "filters.boolean": {
    family: "filters",
    rule: "a boolean filter selects by both of its values: `true` only items with `true`, `false` only items with `false`",
    needs: "a boolean filter",
    notInMock: STATELESS,
  },
  "filters.non-ascii": {
    family: "filters",
    rule: "a value outside ASCII (such as a Chinese server name) taken from an item returns that item, sent as UTF-8",
    needs: "an item whose filtered field holds a non-ASCII value",
    notInMock: STATELESS,
  },
  "filters.alias": {
    family: "filters",
    rule: "a value with aliases (`status=unknown`) also returns the items that hold an alias (`unknow`)",
    needs: "a filter with aliases, and an item that holds an alias",
    notInMock: STATELESS,
  },
  "filters.match-all": {
    family: "filters",
    rule: "a value that selects everything (`all_granted_eps`) is accepted and returns at least what the call without it does",
    needs: "a filter with match-all values",
  },
  "filters.default": {
    family: "filters",
    rule: "a filter left out selects what its documented default does (`category` omitted is `category=host`)",
    needs: "a filter with a default",
    notInMock: STATELESS,
  },
} as const satisfies Record<string, CheckDefinition>;

/** The name of a check, such as `pagination.compose`. */
export type CheckName = keyof typeof CHECKS;

/** Every check name, in registry order. */
export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];

/** The definition of a check. */
export function definitionOf(check: CheckName): CheckDefinition {
  return CHECKS[check];
}

/**
 * The checks a `--checks`/`--exclude-checks` selection keeps: each entry is a check name or a
 * family. Throws, naming what is allowed, for an entry that is neither.
 */
export function selectChecks(include: readonly string[] | undefined, exclude: readonly string[] | undefined): Set<CheckName> {
  const expand = (entries: readonly string[], flag: string): CheckName[] =>
    entries.flatMap((entry) => {
      if ((FAMILIES as readonly string[]).includes(entry)) return CHECK_NAMES.filter((name) => CHECKS[name].family === entry);
      if (Object.hasOwn(CHECKS, entry)) return [entry as CheckName];
      throw new SelectionError(`${flag} takes check names and families (${FAMILIES.join(", ")}); ${JSON.stringify(entry)} is neither. The checks: ${CHECK_NAMES.join(", ")}.`);
    });
  const kept = new Set(include && include.length > 0 ? expand(include, "--checks") : CHECK_NAMES);
  for (const name of expand(exclude ?? [], "--exclude-checks")) kept.delete(name);
  return kept;
}

/** A selection that names no check or family. */
export class SelectionError extends Error {
  override readonly name = "SelectionError";
}

/** The README's list of checks, rendered from the registry. */
export function checksMarkdown(): string {
  return FAMILIES.map((family) => {
    const lines = CHECK_NAMES.filter((name) => CHECKS[name].family === family).map((name) => {
      const definition: CheckDefinition = CHECKS[name];
      const notes = [
        definition.needs ? `needs ${definition.needs}` : undefined,
        definition.notInMock ? `not in the mock profile: ${definition.notInMock}` : undefined,
        definition.optIn ? `off unless ${definition.optIn}` : undefined,
      ].filter(Boolean);
      return `- **${name}**: ${definition.rule}.${notes.length ? ` (${notes.join("; ")}.)` : ""}`;
    });
    return `#### ${family}\n\n${lines.join("\n")}`;
  }).join("\n\n");
}
