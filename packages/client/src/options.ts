// The client's options and per-call options, checked once so the rest of the client can trust
// them. Every refusal names the option, the value and what is allowed.

import type { Middleware } from "openapi-fetch";
import { HssConfigurationError } from "./errors.js";
import type { HssCredentials } from "./credentials.js";
import { endpointFor, type HssRegion } from "./endpoint.js";
import type { RetryPolicy } from "./retry.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body.js";
import type { HssEventListener } from "./events.js";
import { checkRateLimitOptions, createRateLimiter, type RateLimitOptions, type RateLimiter } from "./rate-limit.js";

/** Options of `createHssClient`. */
export interface HssClientOptions {
  /**
   * Region of the HSS endpoint, such as `cn-north-4`; it gives the endpoint URL (unless
   * `baseUrl` is set) and the default of the `region` header that some operations require.
   */
  region?: HssRegion | (string & {});
  /** Overrides the endpoint that `region` gives: a proxy, a private gateway or a mock. */
  baseUrl?: string;
  /**
   * The project every call addresses. Defaults to `HUAWEICLOUD_SDK_PROJECT_ID`; without either,
   * a client that signs with AK/SK finds it through IAM (see `iamEndpoint`) on its first call.
   */
  projectId?: string;
  /**
   * Where to find the project ID when none is given (AK/SK only): IAM's endpoint, by default the
   * region's `https://iam.{region}.myhuaweicloud.com` (`.eu` for eu-west-101). For private
   * clouds and tests.
   */
  iamEndpoint?: string;
  /**
   * An IAM token, or an access key pair whose requests are signed. Defaults to
   * `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and `HUAWEICLOUD_SDK_SECURITY_TOKEN`.
   */
  credentials?: HssCredentials;
  /**
   * Check every call's parameters against the spec (types, bounds, enums, lengths, required and
   * unknown names) before sending. Default true; false sends whatever the call passes, for
   * testing how a server handles invalid requests.
   */
  validate?: boolean;
  /**
   * Retries after a 500, 502, 503 or 504, or after a network error (and after a 429 when
   * `rateLimit` is false). Default 2; 0 turns retrying off. With a request budget, a 429 is not
   * retried this way: the call waits for the throttle's window to pass, as often as its
   * `totalTimeout` allows.
   */
  maxRetries?: number;
  /** Backoff between retries: full jitter from `initialMs`, doubling up to `maxMs` (defaults 500 and 10,000). */
  retryDelay?: { initialMs?: number; maxMs?: number };
  /**
   * Milliseconds one attempt may take, from sending the request to the end of its body; running
   * out fails the call with `HssTimeoutError`. Waits between attempts (for the request budget,
   * after a 429, before a retry) do not count: `totalTimeout` bounds those. Default 30,000.
   */
  timeout?: number;
  /**
   * Milliseconds a whole call may take: every attempt and every wait (for a slot of the request
   * budget, for a 429's window to pass, before a retry). A call whose next slot would come later
   * fails at once with `HssTimeoutError` instead of waiting for nothing. Default 600,000 (ten
   * minutes: room for the budget's one-minute window several times over).
   */
  totalTimeout?: number;
  /**
   * The request budget. HSS's gateway lets one credential call each operation 5 times in any
   * minute (the spec's `x-hss-rate-limit`) and answers 429 beyond that. By default the client
   * keeps within it: each attempt takes a slot of a sliding window per credential and
   * operation, shared by the methods, `paginate`, `fanOut` and `raw`, and waits for one when
   * there is none. `{ requests, windowMs }` overrides the spec's figures for this client; a
   * {@link RateLimiter} from `createRateLimiter` shares one budget between clients; `false` turns
   * the budget off (a 429 is then retried like a 5xx, up to `maxRetries`).
   */
  rateLimit?: RateLimitOptions | RateLimiter | false;
  /**
   * Told of every wait (for the budget, after a 429, before a retry) as it starts, as a `wait`
   * event: which operation, which attempt is waiting, how long and why. Called synchronously;
   * what it throws fails the call.
   */
  onEvent?: HssEventListener;
  /**
   * Most bytes of one response body, counted after decompression; a larger body fails the call
   * with `HssResponseTooLargeError` as soon as the limit is passed, so memory stays bounded
   * whatever a server sends. Default 16 MiB (16,777,216), far above the largest page the spec allows.
   */
  maxResponseBytes?: number;
  /**
   * openapi-fetch middleware, run on every call in order, before authentication. Middleware works
   * on a Request, so with any registered the methods have openapi-fetch build one per call.
   */
  middleware?: readonly Middleware[];
  /**
   * A fetch implementation, for tests or instrumentation, handed one Request per attempt.
   * Without one, Node sends through undici's dispatcher (or through `globalThis.fetch` once
   * something replaced it), and other runtimes call `globalThis.fetch(url, init)` without
   * building a Request.
   */
  fetch?: (request: Request) => Promise<Response>;
}

/** Options of one call. */
export interface CallOptions {
  /** Cancels the call: the request in flight and any wait (for the budget, after a 429, before a retry). */
  signal?: AbortSignal;
  /** Milliseconds each attempt of this call may take; overrides the client's `timeout`. */
  timeout?: number;
  /** Milliseconds this whole call may take, every attempt and wait included; overrides the client's `totalTimeout`. */
  totalTimeout?: number;
  /** Retries for this call; overrides the client's `maxRetries`. */
  maxRetries?: number;
}

/** The names of the client's options; typed as a record so a new option cannot be left out. */
const CLIENT_OPTION_NAMES: Record<keyof HssClientOptions, true> = {
  region: true,
  baseUrl: true,
  projectId: true,
  iamEndpoint: true,
  credentials: true,
  validate: true,
  maxRetries: true,
  retryDelay: true,
  timeout: true,
  totalTimeout: true,
  rateLimit: true,
  onEvent: true,
  maxResponseBytes: true,
  middleware: true,
  fetch: true,
};

/** The names of a call's options. */
export const CALL_OPTION_NAMES: Record<keyof CallOptions, true> = { signal: true, timeout: true, totalTimeout: true, maxRetries: true };

/**
 * Refuses option names that `known` lacks, since a misspelt option would otherwise be silently
 * ignored. The value is not shown: a misplaced option may be a credential.
 */
export function checkOptionNames(owner: string, given: unknown, known: Readonly<Record<string, true>>): void {
  if (given === undefined) return;
  if (typeof given !== "object" || given === null) {
    throw new HssConfigurationError(`${owner} takes an options object; got ${typeof given}.`);
  }
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(known, name)) {
      throw new HssConfigurationError(`${owner} has no option ${name}; the options are ${Object.keys(known).join(", ")}.`);
    }
  }
}

/** setTimeout's largest delay; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const DEFAULTS = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10_000, timeoutMs: 30_000, totalTimeoutMs: 600_000 } as const;

function refuse(option: string, value: unknown, allowed: string): never {
  throw new HssConfigurationError(`${option} must be ${allowed}; got ${JSON.stringify(value) ?? String(value)}.`);
}

function integerOption(option: string, value: unknown, low: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < low || (value as number) > MAX_TIMER_MS) {
    refuse(option, value, `an integer from ${low} to ${MAX_TIMER_MS}`);
  }
  return value as number;
}

/** The `timeout` option, checked. */
export function checkTimeout(option: string, value: unknown, fallback: number = DEFAULTS.timeoutMs): number {
  return integerOption(option, value, 1, fallback);
}

/** The `totalTimeout` option, checked. */
export function checkTotalTimeout(option: string, value: unknown, fallback: number = DEFAULTS.totalTimeoutMs): number {
  return integerOption(option, value, 1, fallback);
}

/** The `maxRetries` option, checked. */
export function checkMaxRetries(option: string, value: unknown, fallback: number = DEFAULTS.maxRetries): number {
  return integerOption(option, value, 0, fallback);
}

/** The `iamEndpoint` option, checked; the region's IAM endpoint when absent. */
export function iamEndpointOption(options: HssClientOptions, fallback: string | undefined): string | undefined {
  if (options.iamEndpoint === undefined) return fallback;
  const url = absoluteUrl(options.iamEndpoint);
  if (url === undefined || url.username || url.password || url.search || url.hash) {
    refuse("iamEndpoint", options.iamEndpoint, "an absolute URL without user:password, query or fragment, such as https://iam.cn-north-4.myhuaweicloud.com");
  }
  return options.iamEndpoint;
}

/** The client's options, checked for unknown names (their values are checked one by one). */
export function checkClientOptionNames(options: unknown): void {
  checkOptionNames("createHssClient", options, CLIENT_OPTION_NAMES);
  checkOptionNames("retryDelay", (options as HssClientOptions | undefined)?.retryDelay, { initialMs: true, maxMs: true });
}

/** The `maxResponseBytes` option, checked. */
export function maxResponseBytesOf(options: HssClientOptions): number {
  const value = options.maxResponseBytes;
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(value) || value < 1) refuse("maxResponseBytes", value, "a positive integer number of bytes");
  return value;
}

/** The retry policy of the options, checked. */
export function retryPolicyOf(options: HssClientOptions): RetryPolicy {
  const initialDelayMs = integerOption("retryDelay.initialMs", options.retryDelay?.initialMs, 0, DEFAULTS.initialDelayMs);
  const maxDelayMs = integerOption("retryDelay.maxMs", options.retryDelay?.maxMs, 0, DEFAULTS.maxDelayMs);
  if (maxDelayMs < initialDelayMs) refuse("retryDelay.maxMs", maxDelayMs, `at least retryDelay.initialMs (${initialDelayMs})`);
  return { maxRetries: checkMaxRetries("maxRetries", options.maxRetries), initialDelayMs, maxDelayMs };
}

/** The `region` option, checked for shape; whether it is a known region matters only for the endpoint. */
export function regionOf(options: HssClientOptions): string | undefined {
  if (options.region !== undefined && (typeof options.region !== "string" || options.region === "")) {
    refuse("region", options.region, "a region name such as cn-north-4");
  }
  return options.region;
}

/**
 * The `rateLimit` option as a limiter, or undefined for none: a limiter given is used as it is,
 * overrides get a limiter of the client's own.
 */
export function rateLimiterOf(value: unknown): RateLimiter | undefined {
  if (value === false) return undefined;
  if (value === undefined) return createRateLimiter();
  const given = value as Partial<RateLimiter>;
  if (typeof value === "object" && value !== null && typeof given.acquire === "function" && typeof given.throttled === "function" && typeof given.delayOf === "function") {
    return value as RateLimiter;
  }
  if (typeof value !== "object" || value === null) refuse("rateLimit", value, "{ requests?, windowMs? }, a limiter from createRateLimiter, or false");
  checkOptionNames("rateLimit", value, { requests: true, windowMs: true });
  checkRateLimitOptions("rateLimit", value as RateLimitOptions, refuse);
  return createRateLimiter(value as RateLimitOptions);
}

/** The `onEvent` option, checked. */
export function onEventOf(value: unknown): HssEventListener | undefined {
  if (value !== undefined && typeof value !== "function") refuse("onEvent", value, "a function");
  return value as HssEventListener | undefined;
}

/** The `validate` option, checked. */
export function validateOption(value: unknown): boolean {
  if (value !== undefined && typeof value !== "boolean") refuse("validate", value, "true or false");
  return value !== false;
}

function absoluteUrl(value: unknown): URL | undefined {
  try {
    const url = new URL(value as string);
    return typeof value === "string" && url.protocol.startsWith("http") ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The endpoint the options give: `baseUrl` if set, else the region's. */
export function baseUrlOf(options: HssClientOptions): string {
  if (options.baseUrl !== undefined) {
    const url = absoluteUrl(options.baseUrl);
    if (url === undefined) {
      refuse("baseUrl", options.baseUrl, "an absolute URL such as https://hss.cn-north-4.myhuaweicloud.com");
    }
    // Not echoed: a URL with user info holds a password, and fetch refuses such URLs anyway.
    if (url.username || url.password || url.search || url.hash) {
      throw new HssConfigurationError(
        "baseUrl must not carry user:password, a query or a fragment; pass credentials in the credentials option.",
      );
    }
    return options.baseUrl;
  }
  if (options.region === undefined) {
    throw new HssConfigurationError("No endpoint: pass region (such as cn-north-4) or baseUrl.");
  }
  return endpointFor(options.region);
}
