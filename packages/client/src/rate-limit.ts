// The request budget. HSS's gateway lets one credential call each API a few times in any window
// (the spec's x-hss-rate-limit: 5 a minute) and answers 429 beyond that. Rather than draw those
// 429s, every attempt of every call (the methods, `paginate`, `hss.raw`) first takes a slot of a
// sliding window kept per credential and operation, waiting in line when there is none. A request
// counts in the window from when its attempt ended, not when it was sent: the gateway saw it at
// some time in between, so a window counted from the end can never be shorter than the gateway's.
// A 429 that comes anyway (another process shares the credential, or the real limit is lower)
// closes the window: for the `Retry-After` the gateway sent, else for a whole window from now.
//
// The seam into the request path is small: `beforeAttempt` (wait for a slot; it gives the
// function that ends the attempt's hold on it) and `throttled` (learn from a 429, and say whether
// waiting for the next slot fits the deadline).

import type { CallScope } from "./abort.js";
import { HssConfigurationError } from "./errors.js";
import type { HssEventListener } from "./events.js";
import type { RateLimit } from "./operation-descriptor.js";

/** Overrides of the spec's per-credential limit; what is left out comes from the spec. */
export interface RateLimitOptions {
  /** Requests one credential may send to one operation in any window. Default: the spec's (5). */
  requests?: number;
  /** The window, in milliseconds. Default: the spec's (60,000). */
  windowMs?: number;
}

/** What a limiter is told about a wait for a slot. */
export interface SlotWait {
  /** Gives up the wait (and the place in line) with the signal's reason. */
  signal: AbortSignal;
  /** `Date.now()` time by which the slot must come. */
  deadline: number;
  /** Told how long the wait will be, before it starts; not called when a slot is free at once. */
  onWait(waitMs: number): void;
  /** The error to fail with, at once, when the slot would come at or after the deadline. */
  tooLate(waitMs: number): unknown;
}

/**
 * A request budget: a sliding window of requests per key (a credential and an operation), with a
 * line of calls waiting for their slots in the order they asked. Create one with
 * {@link createRateLimiter} and pass it as the `rateLimit` option of several clients to make them
 * share one budget; the clients call its methods.
 */
export interface RateLimiter {
  /** Overrides of the spec's limit that this limiter applies to every operation. */
  readonly options: Readonly<RateLimitOptions>;
  /**
   * Waits for a slot of `key` under `limit`, and takes it; resolves to the function to call when
   * the request is over, from when the slot counts in the window (once; later calls do nothing).
   */
  acquire(key: string, limit: RateLimit, wait: SlotWait): Promise<() => void>;
  /** Closes `key` for `ms` after a 429; returns how long a call that asks now will wait for its slot. */
  throttled(key: string, limit: RateLimit, ms: number): number;
  /** Milliseconds from now until the slot of the `count`-th request of `key` asked for now (0 when free). */
  delayOf(key: string, limit: RateLimit, count: number): number;
}

/** A 429 asks for at least this long, whatever its `Retry-After` says, so a gateway answering "0" is not hammered. */
const MIN_THROTTLE_MS = 1_000;

/** Buckets kept before idle ones are swept (keys of raw calls to paths the spec lacks can be many). */
const SWEEP_ABOVE = 256;

interface Waiter {
  resolve(release: () => void): void;
}

interface Bucket {
  limit: RateLimit;
  /** When the last `limit.requests` requests that are over ended, ascending. */
  done: number[];
  /** Requests that hold a slot and are not over yet. */
  inFlight: number;
  /** No slot before this time: the window a 429 closed. */
  closedUntil: number;
  /** Calls waiting for a slot, first come first served. */
  line: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * When the request at `position` in line (0 for the first) gets its slot: each request goes once
 * the window holds fewer than `requests` others, and not before the window a 429 closed. Requests
 * in flight end at `inFlightEnd`: Infinity to decide (their slots are not free until they end),
 * now to estimate.
 */
function slotAt(bucket: Bucket, now: number, position: number, inFlightEnd: number): number {
  const { requests, windowMs } = bucket.limit;
  const times = bucket.done.slice(-requests);
  for (let index = 0; index < bucket.inFlight; index++) times.push(inFlightEnd);
  let at = Math.max(now, bucket.closedUntil);
  for (let index = 0; index <= position; index++) {
    if (times.length >= requests) at = Math.max(at, times[times.length - requests]! + windowMs);
    times.push(at);
  }
  return at;
}

/** Checks a limit given as an option: whole positive numbers, windows that setTimeout can wait. */
export function checkRateLimitOptions(option: string, value: RateLimitOptions, refuse: (option: string, value: unknown, allowed: string) => never): void {
  for (const [name, most] of [["requests", Number.MAX_SAFE_INTEGER], ["windowMs", 2 ** 31 - 1]] as const) {
    const given = value[name];
    if (given !== undefined && !(Number.isSafeInteger(given) && given >= 1 && given <= most)) {
      refuse(`${option}.${name}`, given, `an integer from 1 to ${most}`);
    }
  }
}

/**
 * Creates a request budget that several clients can share, so that a program with one client per
 * region or per job keeps one credential within HSS's limit instead of multiplying it. Calls of
 * clients with the same credential (the same AK, or the same token) draw on the same slots; other
 * credentials have budgets of their own. `requests` and `windowMs` override the spec's
 * per-credential limit (5 requests per operation in any 60,000 ms) for every operation.
 *
 * @example
 * const budget = createRateLimiter();
 * const north = createHssClient({ region: "cn-north-4", rateLimit: budget });
 * const east = createHssClient({ region: "cn-east-3", rateLimit: budget });
 */
export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const refuse = (option: string, value: unknown, allowed: string): never => {
    throw new HssConfigurationError(`createRateLimiter: ${option} must be ${allowed}; got ${JSON.stringify(value) ?? String(value)}.`);
  };
  if (typeof options !== "object" || options === null) refuse("options", options, "an object { requests?, windowMs? }");
  for (const name of Object.keys(options)) {
    if (name !== "requests" && name !== "windowMs") refuse("options", name, "requests or windowMs");
  }
  checkRateLimitOptions("options", options, refuse);
  const buckets = new Map<string, Bucket>();

  const sweep = (now: number) => {
    for (const [key, bucket] of buckets) {
      const last = bucket.done.at(-1) ?? -Infinity;
      const idle = bucket.line.length === 0 && bucket.inFlight === 0 && bucket.closedUntil <= now;
      if (idle && last + bucket.limit.windowMs <= now) buckets.delete(key);
    }
  };
  const bucketOf = (key: string, limit: RateLimit, now: number): Bucket => {
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      if (buckets.size >= SWEEP_ABOVE) sweep(now);
      bucket = { limit, done: [], inFlight: 0, closedUntil: 0, line: [], timer: undefined };
      buckets.set(key, bucket);
    }
    bucket.limit = limit;
    return bucket;
  };
  /** Takes a slot; the function it gives ends the hold, and the slot counts in the window from then. */
  const take = (bucket: Bucket): (() => void) => {
    bucket.inFlight += 1;
    let over = false;
    return () => {
      if (over) return;
      over = true;
      bucket.inFlight -= 1;
      bucket.done.push(Date.now());
      if (bucket.done.length > bucket.limit.requests) bucket.done.splice(0, bucket.done.length - bucket.limit.requests);
      if (bucket.line.length > 0) serve(bucket);
    };
  };
  /**
   * Gives slots to the calls in line whose time has come, and sets a timer for the next (unless
   * requests in flight hold every slot: the first of them to end serves the line again).
   */
  const serve = (bucket: Bucket) => {
    clearTimeout(bucket.timer);
    bucket.timer = undefined;
    const now = Date.now();
    while (bucket.line.length > 0) {
      const at = slotAt(bucket, now, 0, Infinity);
      if (at > now) {
        if (at !== Infinity) bucket.timer = setTimeout(() => serve(bucket), at - now);
        return;
      }
      bucket.line.shift()!.resolve(take(bucket));
    }
  };

  return Object.freeze({
    options: Object.freeze({ ...options }),
    async acquire(key, limit, wait) {
      wait.signal.throwIfAborted();
      const now = Date.now();
      const bucket = bucketOf(key, limit, now);
      if (bucket.line.length === 0 && slotAt(bucket, now, 0, Infinity) <= now) return take(bucket);
      const at = slotAt(bucket, now, bucket.line.length, now);
      if (at >= wait.deadline) throw wait.tooLate(at - now);
      wait.onWait(at - now);
      return new Promise<() => void>((resolve, reject) => {
        const onAbort = () => {
          bucket.line.splice(bucket.line.indexOf(waiter), 1);
          serve(bucket);
          reject(wait.signal.reason);
        };
        const waiter: Waiter = {
          resolve(release) {
            wait.signal.removeEventListener("abort", onAbort);
            resolve(release);
          },
        };
        wait.signal.addEventListener("abort", onAbort, { once: true });
        bucket.line.push(waiter);
        if (bucket.timer === undefined) serve(bucket);
      });
    },
    throttled(key, limit, ms) {
      const now = Date.now();
      const bucket = bucketOf(key, limit, now);
      bucket.closedUntil = Math.max(bucket.closedUntil, now + Math.max(ms, MIN_THROTTLE_MS));
      // The calls in line wait for the window to pass too.
      if (bucket.line.length > 0) serve(bucket);
      return slotAt(bucket, now, bucket.line.length, now) - now;
    },
    delayOf(key, limit, count) {
      const now = Date.now();
      const bucket = buckets.get(key) ?? { limit, done: [], inFlight: 0, closedUntil: 0, line: [], timer: undefined };
      return count < 1 ? 0 : slotAt({ ...bucket, limit }, now, bucket.line.length + count - 1, now) - now;
    },
  } satisfies RateLimiter);
}

/** The limit a limiter applies where the spec states `spec`: its overrides, the rest from the spec. */
function limitOf(limiter: RateLimiter, spec: RateLimit | undefined): RateLimit | undefined {
  const requests = limiter.options.requests ?? spec?.requests;
  const windowMs = limiter.options.windowMs ?? spec?.windowMs;
  return requests === undefined || windowMs === undefined ? undefined : { requests, windowMs };
}

/**
 * A 53-bit digest of `text` (cyrb53): synchronous on every runtime, unlike Web Crypto's SHA-256,
 * so a call's first attempt waits on no promise. It only tells budgets apart; two tokens that
 * collide would share one budget, which errs on the safe side.
 */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Who the budget belongs to, without the secret: the access key ID (sent in the clear in every
 * signature), or a digest of a token. Never the token itself, which would then sit in a key.
 */
export function credentialIdentity(credentials: { kind: "token"; token: string } | { kind: "accessKey"; accessKey: string }): string {
  return credentials.kind === "accessKey" ? `AK ${credentials.accessKey}` : `token ${digest(credentials.token)}`;
}

/** What a call is: its operation when known, and the route its budget is kept under. */
export interface BudgetTarget {
  operationId: string | undefined;
  /** The operationId, or `METHOD /path` for a request to a path the spec lacks. */
  route: string;
  /** The spec's per-credential limit on it. */
  limit: RateLimit | undefined;
}

/** The budget target of an operation of the spec. */
export function operationTarget(operationId: string, descriptor: { readonly rateLimit?: { readonly perCredential: RateLimit } | undefined }): BudgetTarget {
  return { operationId, route: operationId, limit: descriptor.rateLimit?.perCredential };
}

/** One call's share of the budget, for the request path: a slot before each attempt, and what a 429 means. */
export interface AttemptBudget {
  /**
   * Waits for the slot of attempt number `attempt` (from 1); rejects when it would come after the
   * call's deadline. Resolves to the function to call once the attempt is over.
   */
  beforeAttempt(attempt: number): Promise<() => void>;
  /**
   * Learns from a 429 (with `Retry-After` in milliseconds, if sent): true when the next slot
   * comes before the call's deadline, so the call should wait for it and try again.
   */
  throttled(retryAfterMs: number | undefined): boolean;
}

/** A client's view of its limiter: its credential's budget. */
export interface Budget {
  /** The budget of one call, or undefined when nothing limits it. */
  forCall(target: BudgetTarget, scope: CallScope, tooLate: (waitMs: number) => unknown): AttemptBudget | undefined;
  /** Milliseconds from now until `count` more requests to `target` could have been sent; undefined without a budget. */
  delayOf(target: BudgetTarget, count: number): number | undefined;
  /** The limit the budget holds `target` to; undefined without one. */
  limitOf(target: BudgetTarget): RateLimit | undefined;
}

/** Binds a limiter (or none) to a client's credential and listener. */
export function createBudget(config: {
  limiter: RateLimiter | undefined;
  identity: string;
  onEvent: HssEventListener | undefined;
}): Budget {
  const { limiter, onEvent, identity } = config;
  const keyOf = (who: string, route: string) => `${who}\n${route}`;
  return {
    forCall(target, scope, tooLate) {
      const limit = limiter && limitOf(limiter, target.limit);
      if (limiter === undefined || limit === undefined) return undefined;
      let reason: "budget" | "rate-limited" = "budget";
      let key: string | undefined;
      return {
        async beforeAttempt(attempt) {
          key = keyOf(identity, target.route);
          const onWait = (waitMs: number) => onEvent?.({ type: "wait", operationId: target.operationId, attempt, waitMs, reason });
          const release = await limiter.acquire(key, limit, { signal: scope.signal, deadline: scope.deadline, onWait, tooLate });
          reason = "budget";
          return release;
        },
        throttled(retryAfterMs) {
          reason = "rate-limited";
          const waitMs = limiter.throttled(key!, limit, retryAfterMs ?? limit.windowMs);
          return Date.now() + waitMs < scope.deadline;
        },
      };
    },
    delayOf(target, count) {
      const limit = limiter && limitOf(limiter, target.limit);
      if (limiter === undefined || limit === undefined) return undefined;
      return limiter.delayOf(keyOf(identity, target.route), limit, count);
    },
    limitOf: (target) => limiter && limitOf(limiter, target.limit),
  };
}
