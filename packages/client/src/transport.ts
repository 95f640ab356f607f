// Authenticates, sends and retries one request. It sits below openapi-fetch's middleware on
// purpose: the request is authenticated after every middleware has shaped it (so what is signed
// is exactly what is sent), each attempt is signed afresh with a new X-Sdk-Date (the gateway
// refuses dates more than 15 minutes old), and no middleware ever sees a token or a signature.
//
// A request is plain data (method, URL string, header record) and each attempt is one exchange
// (exchange.ts): a fetch, or on Node undici's dispatcher. Requests shaped by middleware (and
// `hss.raw`'s) arrive as a Request too, which a fetch is handed to keep its other settings.

import { openCallScope, type CallScope, type Sleep } from "./abort.js";
import { HssNetworkError, HssRedirectError, HssResponseTooLargeError, HssTimeoutError, type HssRequestContext } from "./errors.js";
import type { Answer, Exchange, OutgoingRequest } from "./exchange.js";
import type { HssEventListener } from "./events.js";
import type { AttemptBudget } from "./rate-limit.js";
import type { Redactor } from "./redact.js";
import { RETRYABLE_STATUSES, isIdempotent, parseRetryAfter, retryDelay, type RetryPolicy } from "./retry.js";

/** The headers of one attempt, in a record of its own: the request's plus credentials (a token, or a fresh signature). */
export type Authorize = (request: OutgoingRequest) => Record<string, string> | Promise<Record<string, string>>;

/** A response as the transport hands it on: the status, the headers and the whole body, read within bounds. */
export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body's bytes, decompressed. */
  readonly body: Uint8Array<ArrayBuffer>;
}

/** What a transport is built from; the clock, randomness and sleep are injectable for tests. */
export interface TransportConfig {
  exchange: Exchange;
  authorize: Authorize;
  policy: RetryPolicy;
  redactor: Redactor;
  /** Most bytes of one response body, after decompression. */
  maxResponseBytes: number;
  random: () => number;
  sleep: Sleep;
  now: () => number;
  /** Told of each wait before a retry. */
  onEvent?: HssEventListener | undefined;
}

/** One call's settings for {@link Transport.send}. */
export interface SendOptions {
  /** The whole call: the caller's signal and the call's deadline. */
  scope: CallScope;
  operationId: string | undefined;
  maxRetries: number;
  /** Milliseconds one attempt may take, from sending to the end of its body. */
  timeoutMs: number;
  /** The call's share of the request budget; without one, a 429 is retried like a 5xx. */
  budget?: AttemptBudget | undefined;
}

/** Sends requests with authentication and retries. */
export interface Transport {
  /**
   * Sends `request` until it gets a whole response that is not worth retrying, the retries are
   * spent, or waiting longer would outlast the call's timeout. Resolves to the last response (any
   * status but a redirect) with its body read; rejects with {@link HssNetworkError} when the last
   * attempt got no whole response (a body cut off counts as none), {@link HssRedirectError} for
   * a 3xx, {@link HssResponseTooLargeError} for a body over the limit, or the scope's abort
   * reason when the caller aborted or the timeout ran out.
   */
  send(request: OutgoingRequest, options: SendOptions): Promise<ReceivedResponse>;
}

/** Headers as a record: lower-case names, one entry per name, as Headers iterate them. */
export function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  // forEach rather than Object.fromEntries: a Headers is iterable only with the DOM.Iterable lib.
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/**
 * The plain form of a Request that middleware shaped. Its body, if any, is read here once; the
 * Request itself rides along so each attempt keeps its settings (redirect, credentials, ...).
 */
export async function outgoingOf(request: Request): Promise<OutgoingRequest> {
  return {
    method: request.method,
    url: request.url,
    headers: headerRecord(request.headers),
    body: request.body === null ? undefined : new Uint8Array(await request.arrayBuffer()),
    request,
  };
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

  /** A redirect, as Node answers it (the 3xx itself) or as browsers do (an opaque response). */
  function redirectError(response: Answer, contextOf: () => HssRequestContext): HssRedirectError | undefined {
    if (!response.opaqueRedirect && (response.status < 300 || response.status > 399)) return undefined;
    const context = contextOf();
    const location = response.headers.get("Location");
    let target: string | undefined;
    if (location !== null) {
      try {
        target = redactor.url(new URL(location, context.url).href);
      } catch {
        target = redactor.text(location);
      }
    }
    return new HssRedirectError({ ...context, status: response.status, location: target });
  }

  return {
    async send(request, { scope, operationId, maxRetries, timeoutMs, budget }) {
      const { signal } = scope;
      // Redacting parses the URL, so it is done only for an error.
      const contextOf = (): HssRequestContext => ({ operationId, method: request.method, url: redactor.url(request.url) });
      // Waiting out a 429 within the budget is not a retry: only the others count against maxRetries.
      for (let attempt = 1, retries = 0; ; attempt++) {
        signal.throwIfAborted();
        // The slot counts from when the attempt is over, when the gateway has surely seen it.
        const release = await budget?.beforeAttempt(attempt);
        let headers: Record<string, string>;
        try {
          const authorized = config.authorize(request);
          // A token is added synchronously; awaiting it anyway would cost every attempt a microtask.
          headers = authorized instanceof Promise ? await authorized : authorized;
        } catch (error) {
          release?.();
          throw error;
        }
        const mayRetry = retries < maxRetries;
        /** The wait before the next attempt, or undefined when there is none to make. */
        const waitFor = (retryAfterMs: number | undefined): number | undefined => {
          const wait = retryDelay(retries, policy, retryAfterMs, config.random);
          // Waiting past the deadline would only trade this answer for a timeout.
          return config.now() + wait >= scope.deadline ? undefined : wait;
        };
        // The attempt's own timeout, within the call's.
        const attemptScope = openCallScope(timeoutMs, signal, () =>
          new HssTimeoutError(contextOf(), timeoutMs, `timed out after ${timeoutMs} ms (the timeout of one attempt).`),
        );
        let wait: number | undefined;
        let status: number | undefined;
        let throttled = false;
        try {
          const response = await config.exchange(request, headers, attemptScope.signal);
          status = response.status;
          const redirect = redirectError(response, contextOf);
          if (redirect) {
            await response.discard();
            throw redirect;
          }
          if (status === 429 && budget) {
            // The budget waits for the window to pass before the next attempt, if that fits the deadline.
            throttled = budget.throttled(parseRetryAfter(response.headers.get("Retry-After"), config.now()));
            if (throttled) wait = 0;
          } else if (mayRetry && RETRYABLE_STATUSES.has(status)) {
            wait = waitFor(parseRetryAfter(response.headers.get("Retry-After"), config.now()));
          }
          if (wait === undefined) {
            const read = await response.read(config.maxResponseBytes);
            if ("tooLarge" in read) throw new HssResponseTooLargeError({ ...contextOf(), status }, config.maxResponseBytes);
            return { status, headers: response.headers, body: read.bytes };
          }
          // The body of an answer to be retried is not wanted; unread, it would hold its connection.
          await response.discard();
        } catch (error) {
          throttled = false;
          attemptScope.signal.throwIfAborted();
          if (error instanceof HssRedirectError || error instanceof HssResponseTooLargeError) throw error;
          // No whole response: a connection failure, or a body cut off after the headers arrived.
          const cutOff = status === undefined ? "" : `the HTTP ${status} response was cut off before its body ended: `;
          const reason = cutOff + redactor.text(networkReason(error));
          wait = mayRetry && isIdempotent(request.method) ? waitFor(undefined) : undefined;
          if (wait === undefined) throw new HssNetworkError(contextOf(), reason, { cause: redactor.cause(error) });
        } finally {
          attemptScope.dispose();
          release?.();
        }
        if (throttled) continue;
        retries++;
        config.onEvent?.({ type: "wait", operationId, attempt: attempt + 1, waitMs: wait, reason: "retry" });
        await config.sleep(wait, signal);
      }
    },
  };
}

/** Statuses whose responses have no body by definition, which the Response constructor enforces. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A received response as a Response again, for openapi-fetch (`hss.raw`) and for middleware.
 * Its body is already decompressed, so the headers that described the encoded body are dropped.
 */
export function toResponse(received: ReceivedResponse): Response {
  const headers = new Headers(received.headers);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  const body = NULL_BODY_STATUSES.has(received.status) || received.body.byteLength === 0 ? null : received.body;
  return new Response(body, { status: received.status, headers });
}
