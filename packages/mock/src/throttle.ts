// The API gateway's throttle, as a layer a mock puts in front of its operations: each credential
// may call each operation `perCredential.requests` times in any window of `perCredential.windowMs`
// (a sliding window, as the gateway counts), and all credentials together `perApi.requests`.
// The limits come from the spec (`x-hss-rate-limit`, read into `operation.rateLimit`); a test or a
// demo scales them down (`5/2s`) so that a walk meets the limit in seconds, not minutes.

import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { checkRateLimit, describeWindow, type RateLimit, type RateLimits } from "@hss-kit/spec";

export { parseRateLimit } from "@hss-kit/spec";

/** How a mock throttles: the spec's limits by default, each replaceable. */
export interface RateLimitOptions {
  /** What one credential may send to one operation; the spec's `per-credential` by default. */
  perCredential?: RateLimit;
  /** What all credentials together may send to one operation; the spec's `per-api` by default. */
  perApi?: RateLimit;
  /**
   * Whether a 429 carries `Retry-After` (whole seconds until the window has room). Off by default:
   * Huawei does not document that the gateway sends it, so a client must cope without it.
   */
  retryAfter?: boolean;
  /** The clock, in milliseconds; `performance.now` by default. Tests pass a fake one. */
  now?: () => number;
}

/** A refused request: which limit it went over and how long until that limit has room. */
export interface Throttled {
  /** `user` for the per-credential limit, `api` for the limit of all credentials together. */
  policy: "user" | "api";
  limit: RateLimit;
  /** Milliseconds until the oldest request counted falls out of the window. */
  retryAfterMs: number;
}

/** Windows kept at once: one per credential and operation, so a flood of made-up tokens cannot grow memory without bound. */
const MAX_WINDOWS = 10_000;

/** The gateway's message for a throttled request, as seen in the field. */
export function throttleMessage(throttled: Throttled): string {
  return `The throttling threshold has been reached: policy ${throttled.policy} over ratelimit,limit:${throttled.limit.requests},time:${describeWindow(throttled.limit.windowMs)}`;
}

/**
 * Who is calling, as the gateway counts: the access key of an AK/SK signature, else the token
 * (hashed, so a long header costs a fixed size), else the address the request came from.
 */
export function callerOf(headers: IncomingHttpHeaders, address: string | undefined): string {
  const authorization = headers.authorization;
  const access = typeof authorization === "string" ? /Access=([^,\s]+)/.exec(authorization)?.[1] : undefined;
  if (access !== undefined) return `ak:${access.slice(0, 128)}`;
  const token = headers["x-auth-token"];
  if (typeof token === "string" && token !== "") return `token:${createHash("sha256").update(token).digest("hex")}`;
  return `ip:${address ?? "unknown"}`;
}

/** The times of the requests admitted within the window of a limit, oldest first; never more than the limit. */
interface Window {
  windowMs: number;
  times: number[];
}

/**
 * The throttle: `admit` counts a request of one caller to one operation and says whether the
 * limits allow it. Only admitted requests count, so a caller that keeps knocking while throttled
 * gets in as soon as the window has room.
 */
export class Throttle {
  readonly #limitsOf: (operationId: string) => { perCredential: RateLimit; perApi: RateLimit };
  readonly #now: () => number;
  /** One window per caller and operation, bounded by MAX_WINDOWS. */
  readonly #callers = new Map<string, Window>();
  /** One window per operation: as many as the spec has operations. */
  readonly #apis = new Map<string, Window>();

  /** `specLimits` gives each operation's limits from the spec; `options` replace them. */
  constructor(specLimits: (operationId: string) => RateLimits | undefined, options: RateLimitOptions = {}) {
    const perCredential = options.perCredential && checkRateLimit("rateLimit.perCredential", options.perCredential);
    const perApi = options.perApi && checkRateLimit("rateLimit.perApi", options.perApi);
    this.#now = options.now ?? (() => performance.now());
    this.#limitsOf = (operationId) => {
      const spec = specLimits(operationId);
      const credential = perCredential ?? spec?.perCredential;
      const api = perApi ?? spec?.perApi;
      if (!credential || !api) {
        throw new Error(`rateLimit: the spec states no x-hss-rate-limit for ${operationId}; give perCredential and perApi.`);
      }
      return { perCredential: credential, perApi: api };
    };
  }

  /**
   * The limits of these operations in words, such as `5 requests per 2 second per credential, 600
   * per 1 minute in all, for each of listUsers, listPorts`; throws if an operation has none, so a
   * mock refuses to start rather than fail on a request.
   */
  describe(operationIds: readonly string[]): string {
    const groups = new Map<string, string[]>();
    for (const id of operationIds) {
      const { perCredential, perApi } = this.#limitsOf(id);
      const text = `${perCredential.requests} requests per ${describeWindow(perCredential.windowMs)} per credential, ${perApi.requests} per ${describeWindow(perApi.windowMs)} in all`;
      groups.set(text, [...(groups.get(text) ?? []), id]);
    }
    // One limit for every operation (the spec's usual case) is said once, without the list.
    if (groups.size === 1) return `${[...groups.keys()][0]}, for each operation`;
    return [...groups].map(([text, ids]) => `${text}, for each of ${ids.join(", ")}`).join("; ");
  }

  /** Counts the request if both limits allow it (undefined), else says which limit it went over. */
  admit(operationId: string, caller: string): Throttled | undefined {
    const now = this.#now();
    const limits = this.#limitsOf(operationId);
    const own = this.#window(this.#callers, `${operationId}\n${caller}`, limits.perCredential, now);
    const all = this.#window(this.#apis, operationId, limits.perApi, now);
    for (const [policy, window, limit] of [["user", own, limits.perCredential], ["api", all, limits.perApi]] as const) {
      if (window.times.length >= limit.requests) return { policy, limit, retryAfterMs: window.times[0]! + limit.windowMs - now };
    }
    own.times.push(now);
    all.times.push(now);
    return undefined;
  }

  /** The window of a key with the requests that aged out of it dropped. */
  #window(windows: Map<string, Window>, key: string, limit: RateLimit, now: number): Window {
    let window = windows.get(key);
    if (window) {
      // Last used goes last, so a flood of new callers pushes out the idle ones first.
      windows.delete(key);
    } else {
      if (windows.size >= MAX_WINDOWS) evict(windows, now);
      window = { windowMs: limit.windowMs, times: [] };
    }
    windows.set(key, window);
    const { times } = window;
    let expired = 0;
    while (expired < times.length && times[expired]! <= now - window.windowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    return window;
  }
}

/** Makes room: windows whose requests have all aged out go first, then the one used longest ago. */
function evict(windows: Map<string, Window>, now: number): void {
  for (const [key, { windowMs, times }] of windows) {
    if (times.length === 0 || times[times.length - 1]! <= now - windowMs) windows.delete(key);
  }
  if (windows.size >= MAX_WINDOWS) windows.delete(windows.keys().next().value!);
}
