// Authenticates, sends and retries one request. It sits below openapi-fetch's middleware on
// purpose: the request is authenticated after every middleware has shaped it (so what is signed
// is exactly what is sent), each attempt is signed afresh with a new X-Sdk-Date (the gateway
// refuses dates more than 15 minutes old), and no middleware ever sees a token or a signature.
//
// A request is plain data (method, URL string, header record) and each attempt is one
// `fetch(url, { method, headers, signal })`: undici's Request constructor costs several
// microseconds on Node 20, so the operation methods build none. Requests shaped by middleware
// (and `hss.raw`'s) arrive as a Request, which each attempt passes on to keep its other settings.

import type { CallScope, Sleep } from "./abort.js";
import { HssNetworkError, type HssRequestContext } from "./errors.js";
import type { Redactor } from "./redact.js";
import { RETRYABLE_STATUSES, isIdempotent, parseRetryAfter, retryDelay, type RetryPolicy } from "./retry.js";

/** One request, as the transport sends (and signs) it on every attempt. */
export interface OutgoingRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The URL string handed to fetch, and signed, as it is. */
  readonly url: string;
  /** Headers with lower-case names, so authentication adds and signs each name once. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's bytes, read once so every attempt can send and sign them again. */
  readonly body?: Uint8Array<ArrayBuffer> | undefined;
  /** The URL's host and canonical URI, when the caller knows them: `url` is then `base?search`. */
  readonly base?: { readonly host: string; readonly canonicalUri: string } | undefined;
  /** The URL's query string (without "?"), along with `base`. */
  readonly search?: string | undefined;
  /** The Request a middleware (or `hss.raw`) shaped, whose other settings every attempt keeps. */
  readonly request?: Request | undefined;
}

/** A fetch as the transport calls it: the WHATWG signature. */
export type Fetch = (input: string | Request, init: RequestInit) => Promise<Response>;

/** The headers of one attempt: the request's own plus credentials (a token, or a fresh signature). */
export type Authorize = (request: OutgoingRequest) => Record<string, string> | Promise<Record<string, string>>;

/** What a transport is built from; the clock, randomness and sleep are injectable for tests. */
export interface TransportConfig {
  fetch: Fetch;
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
  send(request: OutgoingRequest, options: SendOptions): Promise<Response>;
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

  async function discard(response: Response): Promise<void> {
    // An unread body holds its connection; cancel it before waiting to retry.
    await response.body?.cancel().catch(() => undefined);
  }

  return {
    async send(request, { scope, operationId, maxRetries }) {
      const { signal } = scope;
      for (let attempt = 0; ; attempt++) {
        signal.throwIfAborted();
        const authorized = config.authorize(request);
        // A token is added synchronously; awaiting it anyway would cost every attempt a microtask.
        const headers = authorized instanceof Promise ? await authorized : authorized;
        const init: RequestInit = { method: request.method, headers, signal };
        if (request.body !== undefined) init.body = request.body;
        let response: Response | undefined;
        let failure: HssNetworkError | undefined;
        try {
          response = await config.fetch(request.request ?? request.url, init);
        } catch (error) {
          signal.throwIfAborted();
          // Redacting parses the URL, so it is done only for an error.
          const context: HssRequestContext = { operationId, method: request.method, url: redactor.url(request.url) };
          failure = new HssNetworkError(context, redactor.text(networkReason(error)), { cause: redactor.cause(error) });
        }
        const retryable = response ? RETRYABLE_STATUSES.has(response.status) : isIdempotent(request.method);
        let wait: number | undefined;
        if (retryable && attempt < maxRetries) {
          const retryAfterMs = response ? parseRetryAfter(response.headers.get("Retry-After"), config.now()) : undefined;
          wait = retryDelay(attempt, policy, retryAfterMs, config.random);
          // Waiting past the deadline would only trade this answer for a timeout.
          if (config.now() + wait >= scope.deadline) wait = undefined;
        }
        if (wait === undefined) {
          if (response) return response;
          throw failure;
        }
        if (response) await discard(response);
        await config.sleep(wait, signal);
      }
    },
  };
}
