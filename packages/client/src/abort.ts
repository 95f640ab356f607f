// Cancellation for one call: the caller's AbortSignal and the call's timeout feed one signal,
// which cancels the request in flight and any wait between attempts alike. Built on
// AbortController and setTimeout only, so it runs on every runtime and under fake timers.

import { HssTimeoutError, type HssRequestContext } from "./errors.js";

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** The real {@link Sleep}, on setTimeout. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** The cancellation state of one call. */
export interface CallScope {
  /** Aborts when the caller's signal aborts (with its reason) or the timeout runs out. */
  readonly signal: AbortSignal;
  /** When the timeout runs out, in `Date.now()` milliseconds. */
  readonly deadline: number;
  /**
   * Also aborts the scope after `ms` with `onTimeout()`'s error, until the returned function is
   * called: a shorter timeout for one part of the call (an attempt) on the same signal.
   */
  within(ms: number, onTimeout: () => unknown): () => void;
  /** Stops the timer and unhooks the caller's signal; call when the call is over. */
  dispose(): void;
}

/**
 * Opens a call's scope. `onTimeout` builds the error the call fails with when time runs out, so
 * the error can name the operation and URL.
 */
export function openCallScope(
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  onTimeout: () => unknown,
): CallScope {
  const controller = new AbortController();
  const follow = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) follow();
  else callerSignal?.addEventListener("abort", follow, { once: true });
  const timer = setTimeout(() => controller.abort(onTimeout()), timeoutMs);
  return {
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    within(ms, onPartTimeout) {
      const part = setTimeout(() => controller.abort(onPartTimeout()), ms);
      return () => clearTimeout(part);
    },
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", follow);
    },
  };
}

/** The error of a call whose `totalTimeout` ran out. */
export function totalTimeoutError(context: HssRequestContext, totalTimeoutMs: number): HssTimeoutError {
  return new HssTimeoutError(context, totalTimeoutMs, `timed out after ${totalTimeoutMs} ms (its totalTimeout, every attempt and wait included).`);
}

/** The error of a call that would wait for a slot of the request budget past its `totalTimeout`. */
export function budgetTimeoutError(context: HssRequestContext, totalTimeoutMs: number, waitMs: number): HssTimeoutError {
  return new HssTimeoutError(
    context,
    totalTimeoutMs,
    `would wait ${Math.ceil(waitMs / 1000)} s for a slot of the request budget, past its totalTimeout of ${totalTimeoutMs} ms; nothing was sent (raise totalTimeout, or make fewer calls at once).`,
  );
}
