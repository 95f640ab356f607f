// Readers of the spec's `x-hss-*` extensions (documented in spec/README.md). Each reader refuses
// a malformed extension, so a typo in the spec stops the build instead of changing what a filter
// means.
import { isObject, type Json, type JsonObject } from "./json.js";

/** How a filter parameter selects records. */
export interface FilterSemantics {
  /**
   * The field of a response item that the filter compares with. Absent when the items do not
   * carry the attribute (the ports of a server do not repeat its name): the filter still narrows
   * the records, but a client cannot see on what.
   */
  field?: string;
  /** `exact`: the whole value must equal; `partial`: the value must occur within the field. */
  match: "exact" | "partial";
  /** Whether upper and lower case differ. */
  caseSensitive: boolean;
  /** A boolean parameter that, when `true`, turns an exact match partial (`part_match`). */
  partialWith?: string;
  /** For a request value, the other response values it matches (`unknown` matches `unknow`). */
  aliases: Readonly<Record<string, readonly string[]>>;
  /** Values that select every record rather than filter (`all_granted_eps`). */
  matchAll: readonly string[];
}

/** Which end of offset/limit paging a parameter is. */
export type PagingRole = "limit" | "offset";

/** A parameter that changes how the other filters match, rather than filtering itself. */
export type ModifierRole = "partial-match";

/** A parameter the client fills in from its own configuration, named by the option it comes from. */
export type ConfigRole = "projectId" | "region";

/** Whether a part of the spec is stated by the seed documents or added from the official SDKs. */
export type Source = "seed" | "sdk";

/** The unit of a time field. */
export type TimeUnit = "epoch-milliseconds";

function fail(where: string, extension: string, problem: string): never {
  throw new Error(`${where}: ${extension} ${problem}. See spec/README.md for the extension's form.`);
}

function oneOf<T extends string>(where: string, extension: string, value: Json | undefined, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(where, extension, `must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`);
}

function strings(where: string, extension: string, value: Json | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((entry) => typeof entry === "string")) return value as string[];
  return fail(where, extension, `must be a list of strings; got ${JSON.stringify(value)}`);
}

const FILTER_KEYS = new Set<string>(["field", "match", "case", "partial-with", "aliases", "match-all"]);

/** Reads `x-hss-filter`, or undefined when the node has none. */
export function readFilter(where: string, node: JsonObject): FilterSemantics | undefined {
  const raw = node["x-hss-filter"];
  if (raw === undefined) return undefined;
  if (!isObject(raw)) return fail(where, "x-hss-filter", "must be an object");
  for (const key of Object.keys(raw)) if (!FILTER_KEYS.has(key)) fail(where, "x-hss-filter", `has an unknown key "${key}"`);
  if (raw.field !== undefined && typeof raw.field !== "string") fail(where, "x-hss-filter.field", "must be a string");
  if (raw["partial-with"] !== undefined && typeof raw["partial-with"] !== "string") fail(where, "x-hss-filter.partial-with", "must be a string");
  const aliases: Record<string, string[]> = {};
  if (raw.aliases !== undefined) {
    if (!isObject(raw.aliases)) fail(where, "x-hss-filter.aliases", "must map a value to the list of values it also matches");
    for (const [value, also] of Object.entries(raw.aliases)) aliases[value] = strings(where, `x-hss-filter.aliases.${value}`, also);
  }
  return {
    ...(typeof raw.field === "string" ? { field: raw.field } : {}),
    match: raw.match === undefined ? "exact" : oneOf(where, "x-hss-filter.match", raw.match, ["exact", "partial"] as const),
    caseSensitive: raw.case === undefined || oneOf(where, "x-hss-filter.case", raw.case, ["sensitive", "insensitive"] as const) === "sensitive",
    ...(typeof raw["partial-with"] === "string" ? { partialWith: raw["partial-with"] } : {}),
    aliases,
    matchAll: strings(where, "x-hss-filter.match-all", raw["match-all"]),
  };
}

/** Reads `x-hss-paging`. */
export function readPaging(where: string, node: JsonObject): PagingRole | undefined {
  const raw = node["x-hss-paging"];
  return raw === undefined ? undefined : oneOf(where, "x-hss-paging", raw, ["limit", "offset"] as const);
}

/** Reads `x-hss-modifier`. */
export function readModifier(where: string, node: JsonObject): ModifierRole | undefined {
  const raw = node["x-hss-modifier"];
  return raw === undefined ? undefined : oneOf(where, "x-hss-modifier", raw, ["partial-match"] as const);
}

/** Reads `x-hss-config`. */
export function readConfig(where: string, node: JsonObject): ConfigRole | undefined {
  const raw = node["x-hss-config"];
  return raw === undefined ? undefined : oneOf(where, "x-hss-config", raw, ["projectId", "region"] as const);
}

/** Reads `x-hss-source`; what does not say `sdk` comes from the seed documents. */
export function readSource(where: string, node: JsonObject): Source {
  const raw = node["x-hss-source"];
  return raw === undefined ? "seed" : oneOf(where, "x-hss-source", raw, ["seed", "sdk"] as const);
}

/** Reads `x-hss-unit`. */
export function readUnit(where: string, node: JsonObject): TimeUnit | undefined {
  const raw = node["x-hss-unit"];
  return raw === undefined ? undefined : oneOf(where, "x-hss-unit", raw, ["epoch-milliseconds"] as const);
}

/** A number of requests allowed in a window of time. */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

/** The gateway's throttle for one operation, from `x-hss-rate-limit`. */
export interface RateLimits {
  /** What one user or IP address (one credential) may send to the operation. */
  perCredential: RateLimit;
  /** What all users together may send to the operation. */
  perApi: RateLimit;
  /** Where the figures come from. */
  source: string;
}

const RATE_LIMIT_KEYS = new Set<string>(["per-credential", "per-api", "source"]);
const LIMIT_KEYS = new Set<string>(["requests", "window-seconds"]);

function readLimit(where: string, extension: string, raw: Json | undefined, inherited: RateLimit | undefined): RateLimit {
  if (raw === undefined) return inherited ?? fail(where, extension, "is missing");
  if (!isObject(raw)) return fail(where, extension, "must be an object with requests and window-seconds");
  for (const key of Object.keys(raw)) if (!LIMIT_KEYS.has(key)) fail(where, extension, `has an unknown key "${key}"`);
  const { requests, "window-seconds": seconds } = raw;
  if (requests !== undefined && !(Number.isSafeInteger(requests) && (requests as number) >= 1)) {
    fail(where, `${extension}.requests`, `must be a whole number of at least 1; got ${JSON.stringify(requests)}`);
  }
  if (seconds !== undefined && !(typeof seconds === "number" && seconds > 0 && Number.isFinite(seconds))) {
    fail(where, `${extension}.window-seconds`, `must be a number of seconds above 0; got ${JSON.stringify(seconds)}`);
  }
  return {
    requests: typeof requests === "number" ? requests : inherited?.requests ?? fail(where, `${extension}.requests`, "is missing"),
    windowMs: typeof seconds === "number" ? seconds * 1000 : inherited?.windowMs ?? fail(where, `${extension}.window-seconds`, "is missing"),
  };
}

/**
 * Reads `x-hss-rate-limit` from the document (no `inherited`) or from an operation, whose keys
 * override the document's one by one. Undefined when neither states a limit.
 */
export function readRateLimit(where: string, node: JsonObject, inherited?: RateLimits): RateLimits | undefined {
  const raw = node["x-hss-rate-limit"];
  if (raw === undefined) return inherited;
  if (!isObject(raw)) return fail(where, "x-hss-rate-limit", "must be an object");
  for (const key of Object.keys(raw)) if (!RATE_LIMIT_KEYS.has(key)) fail(where, "x-hss-rate-limit", `has an unknown key "${key}"`);
  if (raw.source !== undefined && (typeof raw.source !== "string" || raw.source.trim() === "")) {
    fail(where, "x-hss-rate-limit.source", "must be a non-empty string that says where the figures come from");
  }
  const limits: RateLimits = {
    perCredential: readLimit(where, "x-hss-rate-limit.per-credential", raw["per-credential"], inherited?.perCredential),
    perApi: readLimit(where, "x-hss-rate-limit.per-api", raw["per-api"], inherited?.perApi),
    source: typeof raw.source === "string" ? raw.source : inherited?.source ?? fail(where, "x-hss-rate-limit.source", "is missing"),
  };
  const rate = (limit: RateLimit) => limit.requests / limit.windowMs;
  if (rate(limits.perCredential) > rate(limits.perApi)) {
    fail(where, "x-hss-rate-limit", "allows one credential more than all users together (per-credential is above per-api)");
  }
  return limits;
}
