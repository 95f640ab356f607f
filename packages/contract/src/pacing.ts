// How a run lives within the target's throttle. HSS's gateway lets one credential call each
// operation a few times a minute (the spec's x-hss-rate-limit); a run that sends its hundreds of
// requests as fast as it can gets 429s, and those would fail the checks that drew them. So every
// request first takes a slot of its operation's budget (a sliding window: a slot frees when the
// request that took it is a window old, as the gateway counts), and a 429 that comes anyway closes
// the operation's window for as long as the target asked (`Retry-After`), else for a window,
// before the request goes again. The contract sends through its own transport, not the client,
// so it paces its own requests here.

import type { RateLimit } from "@hss-kit/spec";
import type { Pacing } from "./session.js";

/** A 429 is waited out this many times for one request; then the check sees the 429. */
export const MAX_THROTTLED_ATTEMPTS = 6;

/** Longest wait one 429 buys, whatever its `Retry-After` says: a target asking for an hour fails the check instead. */
export const MAX_THROTTLE_WAIT_MS = 5 * 60_000;

/** What a run is told of every wait, as it starts. */
export interface PacingWait {
  operation: string;
  ms: number;
  /** `budget`: the operation's budget is spent; `throttled`: the target answered 429. */
  reason: "budget" | "throttled";
  /** With `throttled`: the target's `Retry-After`, when it sent one. */
  retryAfter?: string;
}

/** Milliseconds a `Retry-After` value asks for (delay-seconds or an HTTP date), or undefined when it says nothing usable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** When a request of the budget went, and then when its answer came. */
interface Slot {
  at: number;
}

/**
 * One operation's budget: the times of its last requests, a window a 429 closed, and a line of
 * waiting requests. A request counts from when its answer came, not from when it went: the
 * target counts it from when it arrived, which lies between the two, so counting from the send
 * would let the next window's first request arrive a hair early and draw a 429.
 */
class OperationBudget {
  private readonly sent: Slot[] = [];
  private closedUntil = 0;
  private line: Promise<void> = Promise.resolve();

  /** Waits in line for a slot under `limit` (none: only a closed window waits), and takes it. */
  take(limit: RateLimit | undefined, onWait: (ms: number, closed: boolean) => void): Promise<() => void> {
    const turn = this.line.then(async () => {
      const now = Date.now();
      let at = Math.max(now, this.closedUntil);
      if (limit && this.sent.length >= limit.requests) at = Math.max(at, this.sent[this.sent.length - limit.requests]!.at + limit.windowMs);
      if (at > now) {
        onWait(at - now, at === this.closedUntil);
        await new Promise((resolve) => setTimeout(resolve, at - now));
      }
      const slot = { at: Date.now() };
      this.sent.push(slot);
      if (limit && this.sent.length > limit.requests) this.sent.splice(0, this.sent.length - limit.requests);
      return () => {
        slot.at = Math.max(slot.at, Date.now());
      };
    });
    this.line = turn.then(() => undefined);
    return turn;
  }

  /** Closes the window for `ms` from now; returns how long the next request waits. */
  close(ms: number): number {
    const now = Date.now();
    this.closedUntil = Math.max(this.closedUntil, now + ms);
    return this.closedUntil - now;
  }
}

/**
 * The run's pacing: `budget` gives each operation's limit (undefined: not paced), `windowOf` the
 * window to wait after a 429 that brings no `Retry-After`.
 */
export function createPacing(options: {
  budget: (operation: string) => RateLimit | undefined;
  windowOf: (operation: string) => number;
  onWait?: (wait: PacingWait) => void;
}): Pacing {
  const budgets = new Map<string, OperationBudget>();
  const budgetOf = (operation: string) => {
    let budget = budgets.get(operation);
    if (!budget) budgets.set(operation, (budget = new OperationBudget()));
    return budget;
  };
  return {
    slot: (operation) =>
      budgetOf(operation).take(options.budget(operation), (ms, closed) => {
        // A wait a 429 caused was told of when the 429 came.
        if (!closed) options.onWait?.({ operation, ms, reason: "budget" });
      }),
    throttled(operation, retryAfter, attempt) {
      if (attempt >= MAX_THROTTLED_ATTEMPTS) return false;
      const asked = retryAfterMs(retryAfter);
      if (asked !== undefined && asked > MAX_THROTTLE_WAIT_MS) return false;
      // At least a second, so a target answering "Retry-After: 0" is not hammered.
      const ms = budgetOf(operation).close(Math.max(asked ?? options.windowOf(operation), 1_000));
      options.onWait?.({ operation, ms, reason: "throttled", ...(retryAfter !== undefined ? { retryAfter } : {}) });
      return true;
    },
  };
}
