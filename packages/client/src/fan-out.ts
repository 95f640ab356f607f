// `hss.fanOut.<operation>(paramSets)`: one operation over many parameter sets (the ports of every
// host), a few calls in flight, results in the order of the sets. The request budget paces the
// calls as it paces every other; the concurrency only bounds how many wait at once, and with it
// the memory held for results that arrive ahead of their turn.

import type { CallOperation } from "./call.js";
import { HssError, HssValidationError } from "./errors.js";
import { operations, type OperationId } from "./generated/operations.js";
import { checkOptionNames, type CallOptions } from "./config.js";
import { operationTarget, type Budget } from "./rate-limit.js";
import type { OperationParams, OperationResult } from "./types.js";

/** Options of a fan-out: each call's options, and how many run at once. */
export interface FanOutOptions extends CallOptions {
  /**
   * Calls in flight at once, 1 to 64. Default: the request budget's requests per window for the
   * operation (5), since more would only wait in the budget's line.
   */
  concurrency?: number | undefined;
  /**
   * `"throw"` (default): the first failure, in the order of the parameter sets, ends the fan-out
   * and aborts the calls in flight. `"collect"`: each failure is yielded as `{ params, error }`
   * and the fan-out goes on. The fan-out's own `signal` ends it in either case.
   */
  onError?: "throw" | "collect" | undefined;
}

/** A call of the fan-out that succeeded: its parameters and its 200 body. */
export interface FanOutSuccess<Op extends OperationId> {
  params: OperationParams<Op>;
  data: OperationResult<Op>;
  error?: undefined;
}

/** A call of the fan-out that failed, yielded with `onError: "collect"`. */
export interface FanOutFailure<Op extends OperationId> {
  params: OperationParams<Op>;
  data?: undefined;
  error: HssError;
}

/** Runs one operation over many parameter sets, yielding each result in the order of the sets. */
export interface FanOutMethod<Op extends OperationId> {
  (paramSets: Iterable<OperationParams<Op>>, options?: FanOutOptions & { onError?: "throw" }): AsyncGenerator<FanOutSuccess<Op>, void, undefined>;
  (paramSets: Iterable<OperationParams<Op>>, options: FanOutOptions & { onError: "collect" }): AsyncGenerator<FanOutSuccess<Op> | FanOutFailure<Op>, void, undefined>;
}

/** `hss.fanOut`: one fan-out per operation. */
export type FanOuts = { readonly [Op in OperationId]: FanOutMethod<Op> };

const MAX_CONCURRENCY = 64;

const FAN_OUT_OPTION_NAMES: Record<keyof FanOutOptions, true> = {
  concurrency: true,
  onError: true,
  signal: true,
  timeout: true,
  totalTimeout: true,
  maxRetries: true,
};

type Settled = { params: unknown; data: unknown } | { params: unknown; error: unknown };

function fanOut(operationId: OperationId, call: CallOperation, budget: Budget) {
  const owner = `fanOut.${operationId}`;
  const target = operationTarget(operationId, operations[operationId]);
  return async function* (paramSets: Iterable<unknown>, options: FanOutOptions = {}): AsyncGenerator<Settled, void, undefined> {
    checkOptionNames(owner, options, FAN_OUT_OPTION_NAMES);
    const refuse = (parameter: string, value: unknown, allowed: string) => {
      throw new HssValidationError({ operationId: owner, parameter, value, allowed, problem: "invalid" });
    };
    const concurrency = options.concurrency ?? Math.min(budget.limitOf(target)?.requests ?? 5, MAX_CONCURRENCY);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) refuse("concurrency", concurrency, `an integer from 1 to ${MAX_CONCURRENCY}`);
    const onError = options.onError ?? "throw";
    if (onError !== "throw" && onError !== "collect") refuse("onError", onError, '"throw" or "collect"');
    if (typeof (paramSets as Partial<Iterable<unknown>>)?.[Symbol.iterator] !== "function") {
      refuse("paramSets", typeof paramSets, "an iterable of parameter objects, such as an array");
    }

    const controller = new AbortController();
    const { signal, timeout, totalTimeout, maxRetries } = options;
    const follow = () => controller.abort(signal?.reason);
    if (signal?.aborted) follow();
    else signal?.addEventListener("abort", follow, { once: true });
    const sets = paramSets[Symbol.iterator]();
    const running: Array<Promise<Settled>> = [];
    const fill = () => {
      while (running.length < concurrency) {
        const next = sets.next();
        if (next.done) return;
        const params = next.value;
        running.push(
          call(operationId, params, { signal: controller.signal, timeout, totalTimeout, maxRetries }).then(
            (result) => ({ params, data: result.data }),
            (error: unknown) => ({ params, error }),
          ),
        );
      }
    };
    try {
      fill();
      while (running.length > 0) {
        const settled = await running.shift()!;
        // Calls go on while the consumer handles this result.
        fill();
        if ("error" in settled && (onError === "throw" || !(settled.error instanceof HssError) || controller.signal.aborted)) {
          throw settled.error;
        }
        yield settled;
      }
    } finally {
      controller.abort();
      signal?.removeEventListener("abort", follow);
    }
  };
}

/** Creates `hss.fanOut` from the operation table. */
export function createFanOuts(call: CallOperation, budget: Budget): FanOuts {
  return Object.fromEntries((Object.keys(operations) as OperationId[]).map((id) => [id, fanOut(id, call, budget)])) as unknown as FanOuts;
}
