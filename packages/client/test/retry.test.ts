import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RETRYABLE_STATUSES, isIdempotent, parseRetryAfter, retryDelay, type RetryPolicy } from "../src/retry.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const POLICY: RetryPolicy = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10_000 };

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3", NOW)).toBe(3000);
    expect(parseRetryAfter(" 0 ", NOW)).toBe(0);
  });
  it("reads an HTTP date, relative to now", () => {
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000);
  });
  it("treats a date in the past as now", () => {
    expect(parseRetryAfter(new Date(NOW - 7000).toUTCString(), NOW)).toBe(0);
  });
  it("ignores a missing or unparseable header", () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter("-5", NOW)).toBeUndefined();
  });
});

describe("retryDelay", () => {
  it("is full jitter: anywhere from 0 to the doubled ceiling", () => {
    expect(retryDelay(0, POLICY, undefined, () => 0)).toBe(0);
    expect(retryDelay(0, POLICY, undefined, () => 0.5)).toBe(250);
    expect(retryDelay(1, POLICY, undefined, () => 0.5)).toBe(500);
    expect(retryDelay(2, POLICY, undefined, () => 0.999)).toBe(1998);
  });
  it("never exceeds the cap, however many retries", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (retry, random) => {
        const delay = retryDelay(retry, POLICY, undefined, () => random);
        return delay >= 0 && delay <= POLICY.maxDelayMs;
      }),
    );
  });
  it("honors Retry-After exactly, up to the cap", () => {
    expect(retryDelay(0, POLICY, 3000, () => 0)).toBe(3000);
    expect(retryDelay(0, POLICY, 60_000, () => 0)).toBe(10_000);
  });
});

describe("what is retried", () => {
  it("retries throttling and transient server failures only", () => {
    expect([...RETRYABLE_STATUSES].sort()).toEqual([429, 500, 502, 503, 504]);
  });
  it("resends only idempotent methods after a network error", () => {
    expect(isIdempotent("get")).toBe(true);
    expect(isIdempotent("DELETE")).toBe(true);
    expect(isIdempotent("POST")).toBe(false);
    expect(isIdempotent("PATCH")).toBe(false);
  });
});
