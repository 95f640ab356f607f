// The client's options, read once: options, environment, credentials and endpoint become one
// checked config object, and every other module takes that object instead of the options. Every
// refusal names the option, the value and what is allowed (never a credential's value).

import type { Middleware } from "openapi-fetch";
import { createCredentialSource, type CredentialSource, type HssCredentialsProvider } from "./auth.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body.js";
import { processEnv, resolveProjectId, type HssCredentials } from "./credentials.js";
import { defaultFetch, type Fetch } from "./engine.js";
import { endpointFor, type HssRegion } from "./endpoint.js";
import { HssConfigurationError } from "./errors.js";
import type { HssClientEvent } from "./events.js";
import { createEventSink, logLevelOf, type HssLogger, type HssLogLevel } from "./log.js";
import { iamEndpointOf } from "./project.js";
import type { Redactor } from "./redact.js";
import { checkRateLimitOptions, createBudget, createRateLimiter, type Budget, type RateLimitOptions, type RateLimiter } from "./rate-limit.js";
import type { RetryPolicy } from "./retry.js";
import { checkConfigured } from "./validate.js";

/** Options of `createHssClient`. Every option may also be given as `undefined`, which means its default. */
export interface HssClientOptions {
  /**
   * Region of the HSS endpoint, such as `cn-north-4`; it gives the endpoint URL (unless
   * `baseUrl` is set) and the default of the `region` header that some operations require.
   * Defaults to `HUAWEICLOUD_SDK_REGION`.
   */
  region?: HssRegion | (string & {}) | undefined;
  /**
   * Overrides the endpoint that `region` gives: a proxy, a private gateway or a mock. Defaults to
   * `HUAWEICLOUD_SDK_ENDPOINT`.
   */
  baseUrl?: string | undefined;
  /**
   * The project every call addresses. Defaults to `HUAWEICLOUD_SDK_PROJECT_ID`; without either,
   * a client that signs with AK/SK finds it through IAM (see `iamEndpoint`) on its first call.
   */
  projectId?: string | undefined;
  /**
   * Where to find the project ID when none is given (AK/SK only): IAM's endpoint, by default
   * `HUAWEICLOUD_SDK_IAM_ENDPOINT` or else the region's `https://iam.{region}.myhuaweicloud.com`
   * (`.eu` for eu-west-101). For private clouds and tests.
   */
  iamEndpoint?: string | undefined;
  /**
   * An IAM token, an access key pair whose requests are signed, or an async function giving one
   * of them (with `expiresAt` for credentials that expire), asked again once they expire or a
   * call is answered 401. Defaults to `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and
   * `HUAWEICLOUD_SDK_SECURITY_TOKEN`.
   */
  credentials?: HssCredentials | HssCredentialsProvider | undefined;
  /**
   * Check every call's parameters against the spec (types, bounds, enums, lengths, required and
   * unknown names) before sending. Default true; false sends whatever the call passes, for
   * testing how a server handles invalid requests.
   */
  validate?: boolean | undefined;
  /**
   * Retries after a 500, 502, 503 or 504, or after a network error (and after a 429 when
   * `rateLimit` is false). Default 2; 0 turns retrying off. With a request budget, a 429 is not
   * retried this way: the call waits for the throttle's window to pass, as often as its
   * `totalTimeout` allows.
   */
  maxRetries?: number | undefined;
  /** Backoff between retries: full jitter from `initialMs`, doubling up to `maxMs` (defaults 500 and 10,000). */
  retryDelay?: { initialMs?: number | undefined; maxMs?: number | undefined } | undefined;
  /**
   * Milliseconds one attempt may take, from sending the request to the end of its body; running
   * out fails the call with `HssTimeoutError`. Waits between attempts (for the request budget,
   * after a 429, before a retry) do not count: `totalTimeout` bounds those. Default 30,000.
   */
  timeout?: number | undefined;
  /**
   * Milliseconds a whole call may take: every attempt and every wait (for a slot of the request
   * budget, for a 429's window to pass, before a retry). A call whose next slot would come later
   * fails at once with `HssTimeoutError` instead of waiting for nothing. Default 600,000 (ten
   * minutes: room for the budget's one-minute window several times over).
   */
  totalTimeout?: number | undefined;
  /**
   * The request budget. HSS's gateway lets one credential call each operation 5 times in any
   * minute (the spec's `x-hss-rate-limit`) and answers 429 beyond that. By default the client
   * keeps within it: each attempt takes a slot of a sliding window per credential and
   * operation, shared by the methods, `paginate`, `fanOut` and `raw`, and waits for one when
   * there is none. `{ requests, windowMs }` overrides the spec's figures for this client; a
   * {@link RateLimiter} from `createRateLimiter` shares one budget between clients; `false` turns
   * the budget off (a 429 is then retried like a 5xx, up to `maxRetries`).
   */
  rateLimit?: RateLimitOptions | RateLimiter | false | undefined;
  /**
   * Most bytes of one response body, counted after decompression; a larger body fails the call
   * with `HssResponseTooLargeError` as soon as the limit is passed, so memory stays bounded
   * whatever a server sends. Default 16 MiB, far above the largest page the spec allows.
   */
  maxResponseBytes?: number | undefined;
  /** openapi-fetch middleware, run once per call (not per attempt), in order, before authentication. */
  middleware?: readonly Middleware[] | undefined;
  /**
   * A fetch implementation, for tests or instrumentation, handed one Request per attempt.
   * Without one, Node sends with undici's fetch (HTTP_PROXY, HTTPS_PROXY and NO_PROXY honoured,
   * connections to one origin capped) and other runtimes with their own `fetch`.
   */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** The `User-Agent` sent; default `hss-kit-client/<version>` and the runtime, such as `node/20.19.0`. */
  userAgent?: string | undefined;
  /**
   * Where log lines go (default `console`): one line per attempt, response, wait and failure,
   * every one redacted. Nothing is logged below `logLevel`.
   */
  logger?: HssLogger | undefined;
  /** The least severe lines logged: `debug`, `info`, `warn`, `error` or `off`. Default `HSS_LOG`, or else `warn`. */
  logLevel?: HssLogLevel | undefined;
  /** Called with every attempt, response, wait and failure of every call, as it happens. */
  onEvent?: ((event: HssClientEvent) => void) | undefined;
}

/** Options of one call. */
export interface CallOptions {
  /** Cancels the call: the request in flight and any wait (for the budget, after a 429, before a retry). */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt of this call may take; overrides the client's `timeout`. */
  timeout?: number | undefined;
  /** Milliseconds this whole call may take, every attempt and wait included; overrides the client's `totalTimeout`. */
  totalTimeout?: number | undefined;
  /** Retries for this call; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
}

/** The client's options, resolved once: what every other module of the client reads. */
export interface HssConfig {
  readonly baseUrl: string;
  readonly region: string | undefined;
  /** The project given or found in the environment; undefined when it is to be found through IAM. */
  readonly projectId: string | undefined;
  /** Where IAM lists the projects, when the project is to be found there. */
  readonly iamEndpoint: string | undefined;
  readonly credentials: CredentialSource;
  /** Knows every credential the client has used; everything the client reports goes through it. */
  readonly redactor: Redactor;
  readonly validate: boolean;
  readonly retry: RetryPolicy;
  /** One attempt's timeout. */
  readonly timeoutMs: number;
  /** One call's timeout, every attempt and wait included. */
  readonly totalTimeoutMs: number;
  /** The request budget of the client's credentials. */
  readonly budget: Budget;
  readonly maxResponseBytes: number;
  readonly middleware: readonly Middleware[];
  /** How each attempt is sent. */
  readonly fetch: Fetch;
  readonly userAgent: string | undefined;
  /** Reports an event to `onEvent` and the logger. */
  readonly emit: (event: HssClientEvent) => void;
  /** Whether anyone reads the request and response events of each attempt (onEvent, or a logger at debug). */
  readonly observesAttempts: boolean;
}

/** What a logger must have. */
const LOG_METHODS = ["debug", "info", "warn", "error"] as const;

/** The environment variables read, beyond the credentials' (see credentials.ts). */
export const ENDPOINT_ENV = {
  region: "HUAWEICLOUD_SDK_REGION",
  baseUrl: "HUAWEICLOUD_SDK_ENDPOINT",
  iamEndpoint: "HUAWEICLOUD_SDK_IAM_ENDPOINT",
} as const;

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
  maxResponseBytes: true,
  middleware: true,
  fetch: true,
  userAgent: true,
  logger: true,
  logLevel: true,
  onEvent: true,
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

function absoluteUrl(value: unknown): URL | undefined {
  try {
    const url = new URL(value as string);
    return typeof value === "string" && url.protocol.startsWith("http") ? url : undefined;
  } catch {
    return undefined;
  }
}

function iamEndpointOption(given: string | undefined, source: string, region: string | undefined): string | undefined {
  if (given === undefined) return region === undefined ? undefined : iamEndpointOf(endpointFor(region));
  const url = absoluteUrl(given);
  if (url === undefined || url.username || url.password || url.search || url.hash) {
    refuse(source, given, "an absolute URL without user:password, query or fragment, such as https://iam.cn-north-4.myhuaweicloud.com");
  }
  return given;
}

function maxResponseBytesOf(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(value) || (value as number) < 1) refuse("maxResponseBytes", value, "a positive integer number of bytes");
  return value as number;
}

function retryPolicyOf(options: HssClientOptions): RetryPolicy {
  checkOptionNames("retryDelay", options.retryDelay, { initialMs: true, maxMs: true });
  const initialDelayMs = integerOption("retryDelay.initialMs", options.retryDelay?.initialMs, 0, DEFAULTS.initialDelayMs);
  const maxDelayMs = integerOption("retryDelay.maxMs", options.retryDelay?.maxMs, 0, DEFAULTS.maxDelayMs);
  if (maxDelayMs < initialDelayMs) refuse("retryDelay.maxMs", maxDelayMs, `at least retryDelay.initialMs (${initialDelayMs})`);
  return { maxRetries: checkMaxRetries("maxRetries", options.maxRetries), initialDelayMs, maxDelayMs };
}

function regionOf(given: unknown, source: string): string | undefined {
  if (given !== undefined && (typeof given !== "string" || given === "")) refuse(source, given, "a region name such as cn-north-4");
  return given;
}

/**
 * The `rateLimit` option as a limiter, or undefined for none: a limiter given is used as it is,
 * overrides get a limiter of the client's own.
 */
function rateLimiterOf(value: unknown): RateLimiter | undefined {
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

function validateOf(value: unknown): boolean {
  if (value !== undefined && typeof value !== "boolean") refuse("validate", value, "true or false");
  return value !== false;
}

/** The endpoint: `baseUrl` if set, else the region's. */
function baseUrlOf(given: string | undefined, source: string, region: string | undefined): string {
  if (given !== undefined) {
    const url = absoluteUrl(given);
    if (url === undefined) refuse(source, given, "an absolute URL such as https://hss.cn-north-4.myhuaweicloud.com");
    // Not echoed: a URL with user info holds a password, and fetch refuses such URLs anyway.
    if (url.username || url.password || url.search || url.hash) {
      throw new HssConfigurationError(
        `${source} must not carry user:password, a query or a fragment; pass credentials in the credentials option.`,
      );
    }
    return given;
  }
  if (region === undefined) {
    throw new HssConfigurationError(`No endpoint: pass region (such as cn-north-4) or baseUrl, or set ${ENDPOINT_ENV.region} or ${ENDPOINT_ENV.baseUrl}.`);
  }
  return endpointFor(region);
}

function userAgentOf(value: unknown): string | undefined {
  if (value === undefined) return defaultUserAgent();
  if (typeof value !== "string" || value === "" || /[^\x20-\x7e]/.test(value)) {
    refuse("userAgent", value, "a non-empty string of printable ASCII characters");
  }
  return value;
}

declare const __HSS_VERSION__: string;

/**
 * `hss-kit-client/<version>` and the runtime, or undefined in a browser, which sends its own
 * (and where the header would make every request need a CORS preflight that allows it).
 */
function defaultUserAgent(): string | undefined {
  const product = `hss-kit-client/${__HSS_VERSION__}`;
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  const deno = (globalThis as { Deno?: { version?: { deno?: string } } }).Deno?.version?.deno;
  if (deno) return `${product} deno/${deno}`;
  if (versions?.bun) return `${product} bun/${versions.bun}`;
  if (versions?.node) return `${product} node/${versions.node}`;
  return "document" in globalThis ? undefined : product;
}

/** An option, or else its environment variable, with the name to use in a refusal. */
function optionOrEnv(given: string | undefined, option: string, env: Readonly<Record<string, string | undefined>>, variable: string): [string | undefined, string] {
  if (given !== undefined) return [given, option];
  return [env[variable] === "" ? undefined : env[variable], variable];
}

/** Reads the options (and the environment, for what they leave out) into one checked config. */
export function resolveConfig(options: HssClientOptions = {}): HssConfig {
  checkOptionNames("createHssClient", options, CLIENT_OPTION_NAMES);
  const env = processEnv();
  const credentials = createCredentialSource(options.credentials, env);
  const mayShow = (value: unknown) => credentials.redactor.mayShow(value);
  const [regionGiven, regionSource] = optionOrEnv(options.region, "region", env, ENDPOINT_ENV.region);
  const region = regionOf(regionGiven, regionSource);
  // The region fills in a header parameter, so it is held to that parameter's rules.
  if (region !== undefined) checkConfigured(regionSource, "region", region, mayShow);
  const baseUrl = baseUrlOf(...optionOrEnv(options.baseUrl, "baseUrl", env, ENDPOINT_ENV.baseUrl), region);
  // Without a project ID, one is found through IAM: it takes a signature and the region's name.
  const iamEndpoint = iamEndpointOption(...optionOrEnv(options.iamEndpoint, "iamEndpoint", env, ENDPOINT_ENV.iamEndpoint), region);
  const canDiscover = credentials.maySign && region !== undefined && iamEndpoint !== undefined;
  const projectId = resolveProjectId(options.projectId, env, canDiscover, mayShow);
  if (options.fetch !== undefined && typeof options.fetch !== "function") refuse("fetch", typeof options.fetch, "a function");
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") refuse("onEvent", options.onEvent, "a function");
  const { logger } = options;
  if (logger !== undefined && (typeof logger !== "object" || logger === null || !LOG_METHODS.every((name) => typeof logger[name] === "function"))) {
    throw new HssConfigurationError(`logger must be an object with the methods ${LOG_METHODS.join(", ")} (console, pino, winston, ...).`);
  }
  const userFetch = options.fetch;
  const redactor = credentials.redactor;
  const logLevel = logLevelOf(options.logLevel, env);
  const emit = createEventSink(options.onEvent, logger, logLevel, redactor);
  return {
    baseUrl,
    region,
    projectId,
    iamEndpoint,
    credentials,
    redactor,
    validate: validateOf(options.validate),
    retry: retryPolicyOf(options),
    timeoutMs: checkTimeout("timeout", options.timeout),
    totalTimeoutMs: checkTotalTimeout("totalTimeout", options.totalTimeout),
    budget: createBudget({ limiter: rateLimiterOf(options.rateLimit), identity: () => credentials.identity(), onEvent: emit }),
    maxResponseBytes: maxResponseBytesOf(options.maxResponseBytes),
    middleware: options.middleware ?? [],
    fetch: userFetch ? (url, init) => userFetch(new Request(url, init)) : defaultFetch(env),
    userAgent: userAgentOf(options.userAgent),
    emit,
    observesAttempts: options.onEvent !== undefined || logLevel === "debug",
  };
}
