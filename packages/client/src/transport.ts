// The fetch that openapi-fetch calls: it authenticates, sends and retries. It sits below
// openapi-fetch's middleware on purpose: the request is authenticated after every middleware has
// shaped it (so what is signed is exactly what is sent), each attempt is signed afresh with a new
// X-Sdk-Date (the gateway refuses dates more than 15 minutes old), and no middleware ever sees a
// token or a signature.

import type { CallScope, Sleep } from "./abort.js";
import { HssNetworkError } from "./errors.js";
import type { Redactor } from "./redact.js";
import { RETRYABLE_STATUSES, isIdempotent, parseRetryAfter, retryDelay, type RetryPolicy } from "./retry.js";

/** A fetch that takes a Request, as openapi-fetch calls it. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Adds credentials to one attempt's request: a token header, or a fresh signature. */
export type Authorize = (request: Request) => Promise<Request>;

/** What a transport is built from; the clock, randomness and sleep are injectable for tests. */
export interface TransportConfig {
  fetch: FetchLike;
  authorize: Authorize;
  policy: RetryPolicy;
  redactor: Redactor;
  random: () => number;
  sleep: Sleep;
  now: () => number;
}

/** One call's settings for {@link Transport.send}. */
export interface SendOptions {
  scope: CallScope;
  operationId: string | undefined;
  maxRetries: number;
}

/** Sends requests with authentication and retries. */
export interface Transport {
  /**
   * Sends `request` until it gets a response that is not worth retrying, the retries are spent,
   * or waiting longer would outlast the call's timeout. Resolves to the last response (any
   * status); rejects with {@link HssNetworkError} when the last attempt got no response, or
   * with the scope's abort reason when the caller aborted or the timeout ran out.
   */
  send(request: Request, options: SendOptions): Promise<Response>;
}

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici says only "fetch failed" and keeps the real reason (ECONNREFUSED, ENOTFOUND) in its cause.
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== error.message ? `${error.message} (${cause})` : error.message;
}

/** Creates a transport. */
export function createTransport(config: TransportConfig): Transport {
  const { policy, redactor } = config;

  async function discard(response: Response): Promise<void> {
    // An unread body holds its connection; cancel it before waiting to retry.
    await response.body?.cancel().catch(() => undefined);
  }

  return {
    async send(request, { scope, operationId, maxRetries }) {
      const context = { operationId, method: request.method, url: redactor.url(request.url) };
      for (let attempt = 0; ; attempt++) {
        scope.signal.throwIfAborted();
        const outgoing = await config.authorize(new Request(request.clone(), { signal: scope.signal }));
        let response: Response | undefined;
        let failure: HssNetworkError | undefined;
        try {
          response = await config.fetch(outgoing);
        } catch (error) {
          scope.signal.throwIfAborted();
          failure = new HssNetworkError(context, redactor.text(networkReason(error)), {
            cause: redactor.cause(error),
          });
        }
        const retryable = response ? RETRYABLE_STATUSES.has(response.status) : isIdempotent(request.method);
        const retryAfterMs = response ? parseRetryAfter(response.headers.get("Retry-After"), config.now()) : undefined;
        const wait = retryDelay(attempt, policy, retryAfterMs, config.random);
        // Waiting past the deadline would only trade this answer for a timeout.
        if (!retryable || attempt >= maxRetries || config.now() + wait >= scope.deadline) {
          if (response) return response;
          throw failure;
        }
        if (response) await discard(response);
        await config.sleep(wait, scope.signal);
      }
    },
  };
}
