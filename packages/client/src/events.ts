// What the client tells an `onEvent` listener: each attempt, its answer or failure, and every
// wait (for the request budget, after a 429, before a retry), so a caller can see where a long
// walk spends its time.

import type { HssError } from "./errors.js";

/**
 * One thing the client did. URLs are redacted, as in errors; `attempt` counts a call's attempts
 * from 1 (a `wait` names the attempt it precedes); `operationId` is undefined for a request
 * through `hss.raw`.
 * A `wait` says why the call is idle and for about how long: `budget` (the request budget has no
 * slot yet), `rate-limited` (HSS answered 429; waiting for its window to pass) or `retry` (the
 * backoff before retrying a failure).
 */
export type HssClientEvent =
  | { type: "request"; operationId: string | undefined; method: string; url: string; attempt: number }
  | { type: "response"; operationId: string | undefined; method: string; url: string; attempt: number; status: number; requestId: string | undefined; durationMs: number }
  | { type: "error"; operationId: string | undefined; method: string; url: string; attempt: number; error: HssError }
  | { type: "wait"; operationId: string | undefined; attempt: number; waitMs: number; reason: "budget" | "rate-limited" | "retry" };

/** Receives the client's events; called synchronously, so it should return quickly. */
export type HssEventListener = (event: HssClientEvent) => void;
