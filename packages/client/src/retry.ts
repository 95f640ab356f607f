// When to retry and how long to wait. The official SDKs never retry; HSS's gateway throttles
// (429) and its backends fail transiently (5xx), and every HSS operation is an idempotent GET.

/** How the client retries. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /** Upper bound of the first backoff; each retry doubles it, up to `maxDelayMs`. */
  initialDelayMs: number;
  /** Longest wait between attempts, also for a `Retry-After` that asks for more. */
  maxDelayMs: number;
}

/** Statuses worth another attempt: throttling and transient server or gateway failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Methods that can be sent twice without changing the outcome, so network errors may be retried. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** Whether a request that got no response may be sent again. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Reads `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110). A date in the
 * past means "now"; anything unparseable is ignored, so the client falls back to its backoff.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date format opens with the day name; Date.parse alone would take "-5" for a year.
  const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `retry` (0 for the first retry): the server's `Retry-After` when
 * it sent one, else exponential backoff with full jitter, so clients throttled together do not
 * come back together. Both are capped at `maxDelayMs`.
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
