// The client's one way to the network. openapi-fetch calls it as its fetch, for the operation
// methods and `hss.raw` alike, once per call and after every middleware; the IAM project lookup
// calls it directly. For one call it opens the call's scope (totalTimeout and caller's signal),
// then for each attempt waits for a slot of the request budget, authenticates (a fresh signature
// every time), fetches within the attempt's timeout, and either waits (a retry, or a 429's window)
// and tries again, or reads the body within its bound and hands back a Response that holds it
// whole. Every attempt, response, wait and failure is reported as an event.

import { budgetTimeoutError, openCallScope, sleep, totalTimeoutError } from "./abort.js";
import { authorize } from "./auth.js";
import { readBody } from "./body.js";
import type { HssConfig } from "./config.js";
import {
  HssError,
  HssNetworkError,
  HssRedirectError,
  HssRequestError,
  HssResponseTooLargeError,
  HssTimeoutError,
  type HssRequestContext,
} from "./errors.js";
import type { BudgetTarget } from "./rate-limit.js";
import { budgetTargetOf } from "./raw.js";
import { RETRYABLE_STATUSES, isIdempotent, parseRetryAfter, retryDelay } from "./retry.js";

/** One call's settings for {@link Send}; `send` fills in `url` and `attempts` as it goes. */
export interface SendSettings {
  /** The operation, for errors and events; undefined for `hss.raw`. */
  readonly operationId?: string | undefined;
  /** Overrides the client's `timeout` (of one attempt). */
  readonly timeoutMs?: number | undefined;
  /** Overrides the client's `totalTimeout` (of the whole call). */
  readonly totalTimeoutMs?: number | undefined;
  /** Whose request budget the call draws on; a raw request's is found from its path. */
  readonly target?: BudgetTarget | undefined;
  /** Overrides the client's `maxRetries`. */
  readonly maxRetries?: number | undefined;
  /** Signs without X-Project-Id: the IAM lookup of the project. */
  readonly withoutProject?: boolean | undefined;
  /**
   * The caller's signal, when the settings carry it rather than the Request (the operation
   * methods: a Request made with a signal listens to it until the Request is garbage-collected,
   * so a signal shared by many calls would pile up listeners). Given, even as undefined, the
   * Request's own signal is not followed.
   */
  readonly signal?: AbortSignal | undefined;
  /** The URL sent, once sent. */
  url?: string | undefined;
  /** Attempts made so far. */
  attempts: number;
}

/**
 * Sends `request` until it gets a whole response that is not worth retrying, the retries are
 * spent, or waiting longer would outlast the call's timeout. Resolves to the last response (any
 * status but a redirect) with its body read; rejects with {@link HssNetworkError} when the last
 * attempt got no whole response, {@link HssRedirectError} for a 3xx,
 * {@link HssResponseTooLargeError} for a body over the limit, {@link HssTimeoutError} when the
 * timeout ran out, or the caller's abort reason.
 */
export type Send = (request: Request, settings?: SendSettings) => Promise<Response>;

/** Headers as a record: lower-case names, one entry per name. */
function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/** How far down a cause chain the reason for a failure is looked for. */
const MAX_CAUSE_DEPTH = 4;

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici says only "fetch failed" and keeps the real reason (ECONNREFUSED, a proxy refusing the
  // tunnel) at the end of its cause chain.
  let cause: unknown = error.cause;
  let innermost: Error | undefined;
  for (let depth = 0; cause instanceof Error && depth < MAX_CAUSE_DEPTH; depth++) {
    innermost = cause;
    cause = cause.cause;
  }
  return innermost && innermost.message !== error.message ? `${error.message} (${innermost.message})` : error.message;
}

/** Statuses whose responses have no body by definition, which the Response constructor enforces. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The bytes of each Response `send` handed back, so the caller need not read them again from its stream. */
const bodies = new WeakMap<Response, Uint8Array<ArrayBuffer>>();

/** The body `send` read for this Response, or undefined for a Response it did not make (one a middleware answered with). */
export function bodyRead(response: Response): Uint8Array<ArrayBuffer> | undefined {
  return bodies.get(response);
}

/** The answer handed back: its body already read and decompressed, so the headers that described the encoded body go. */
function wholeResponse(status: number, received: Headers, body: Uint8Array<ArrayBuffer>): Response {
  const headers = new Headers(received);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  const response = new Response(NULL_BODY_STATUSES.has(status) || body.byteLength === 0 ? null : body, { status, headers });
  bodies.set(response, body);
  return response;
}

/** Drops a body unread: an unread body holds its connection. */
const discard = (response: Response) => response.body?.cancel().catch(() => undefined);

/** Creates the client's `send`; `projectOf` gives the project to sign, once it is known. */
export function createSend(config: HssConfig, projectOf: () => string | undefined): Send {
  const { redactor, emit } = config;
  const rawTarget = budgetTargetOf(config.baseUrl);
  // Every attempt's request and response events are built only for someone who reads them.
  const detailed = config.observesAttempts;

  return async (request, settings = { attempts: 0 }) => {
    const { method, url } = request;
    const { operationId } = settings;
    settings.url = url;
    let shown: string | undefined;
    const shownUrl = () => (shown ??= redactor.url(url));
    const contextOf = (): HssRequestContext => ({ operationId, method, url: shownUrl(), attempts: settings.attempts });
    const timeoutMs = settings.timeoutMs ?? config.timeoutMs;
    const totalTimeoutMs = settings.totalTimeoutMs ?? config.totalTimeoutMs;
    const maxRetries = settings.maxRetries ?? config.retry.maxRetries;
    const scope = openCallScope(totalTimeoutMs, "signal" in settings ? settings.signal : request.signal, () => totalTimeoutError(contextOf(), totalTimeoutMs));
    const { signal } = scope;
    // The IAM lookup draws on no budget of HSS's; a raw request on that of the operation its path is.
    const target = settings.withoutProject ? undefined : (settings.target ?? rawTarget(method, url));
    const budget = target && config.budget.forCall(target, scope, (waitMs) => budgetTimeoutError(contextOf(), totalTimeoutMs, waitMs));
    let reported: unknown;
    const failed = (error: HssError): HssError => {
      reported = error;
      emit({ type: "error", operationId, method, url: shownUrl(), attempt: settings.attempts, error });
      return error;
    };
    /** The wait before retry number `retries` + 1, or undefined when there is none to make. */
    const waitBefore = (retries: number, retryAfterMs: number | undefined): number | undefined => {
      if (retries >= maxRetries) return undefined;
      const wait = retryDelay(retries, config.retry, retryAfterMs, Math.random);
      // Waiting past the deadline would only trade this answer for a timeout.
      return Date.now() + wait >= scope.deadline ? undefined : wait;
    };
    /** Waits before attempt number `attempt`, as the budget's waits are numbered. */
    const pause = async (attempt: number, waitMs: number) => {
      emit({ type: "wait", operationId, attempt, waitMs, reason: "retry" });
      await sleep(waitMs, signal);
    };

    try {
      const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
      const own = headerRecord(request.headers);
      if (config.userAgent !== undefined) own["user-agent"] ??= config.userAgent;
      let renewed = false;
      // Waiting out a 429 within the budget, or renewing credentials after a 401, is not a retry:
      // only the others count against maxRetries.
      for (let attempt = 1, retries = 0; ; attempt++) {
        settings.attempts = attempt;
        signal.throwIfAborted();
        const credentials = await config.credentials.get();
        // The slot counts from when the attempt is over, when the gateway has surely seen it.
        const release = await budget?.beforeAttempt(attempt);
        const headers = { ...own };
        const projectId = settings.withoutProject ? undefined : projectOf();
        try {
          await authorize(credentials, { method, url, headers, body, projectId });
        } catch (error) {
          release?.();
          throw error;
        }
        // A server may echo the signature back without its `Signature=` prefix: the redactor learns it.
        redactor.learnAuthorization(headers.authorization);
        // The attempt's own timeout, on the call's signal: running out ends the call, as the call's own would.
        const endAttempt = scope.within(timeoutMs, () =>
          new HssTimeoutError(contextOf(), timeoutMs, `timed out after ${timeoutMs} ms (the timeout of one attempt).`),
        );
        if (detailed) emit({ type: "request", operationId, method, url: shownUrl(), attempt });
        const started = Date.now();
        let status: number | undefined;
        /** Whether to make another attempt, and the backoff before it when it is a retry. */
        let again = false;
        let wait: number | undefined;
        try {
          // Never followed: fetch keeps X-Auth-Token and X-Security-Token on a redirect to another host.
          const init: RequestInit = { method, headers, signal, redirect: "manual" };
          if (body !== undefined) init.body = body;
          const response = await config.fetch(url, init);
          status = response.status;
          if (detailed) {
            const requestId = response.headers.get("X-Request-Id");
            const durationMs = Date.now() - started;
            emit({ type: "response", operationId, method, url: shownUrl(), attempt, status, requestId: requestId === null ? undefined : redactor.text(requestId), durationMs });
          }
          if (response.type === "opaqueredirect" || (status >= 300 && status <= 399)) {
            await discard(response);
            throw failed(redirectError(response, contextOf()));
          }
          const retryAfterMs = () => parseRetryAfter(response.headers.get("Retry-After"), Date.now());
          // Credentials a provider gave may have lapsed early: it is asked again, once a call.
          if (status === 401 && !renewed && config.credentials.renew()) {
            renewed = true;
            again = true;
          } else if (status === 429 && budget) {
            // The budget waits for the throttle's window to pass before the next attempt, if that fits the deadline.
            again = budget.throttled(retryAfterMs());
          } else if (RETRYABLE_STATUSES.has(status)) {
            wait = waitBefore(retries, retryAfterMs());
            again = wait !== undefined;
          }
          if (!again) {
            const read = await readBody(response, config.maxResponseBytes);
            if ("tooLarge" in read) throw failed(new HssResponseTooLargeError({ ...contextOf(), status }, config.maxResponseBytes));
            return wholeResponse(status, response.headers, read.bytes);
          }
          await discard(response);
        } catch (error) {
          // A timeout or abort surfaces as whatever the fetch or the body stream made of it; the outer catch reports the cause.
          signal.throwIfAborted();
          if (error instanceof HssError) throw error;
          // No whole response: a connection failure, a refused proxy tunnel, or a body cut off after the headers.
          const cutOff = status === undefined ? "" : `the HTTP ${status} response was cut off before its body ended: `;
          const failure = failed(new HssNetworkError(contextOf(), cutOff + redactor.text(networkReason(error)), { cause: redactor.cause(error) }));
          wait = isIdempotent(method) ? waitBefore(retries, undefined) : undefined;
          if (wait === undefined) throw failure;
        } finally {
          endAttempt();
          release?.();
        }
        if (wait !== undefined) {
          retries++;
          await pause(attempt + 1, wait);
        }
      }
    } catch (error) {
      // A timeout or abort surfaces as whatever the fetch, a wait or the body stream made of it; report the cause.
      const reason: unknown = signal.reason;
      const thrown = signal.aborted && (error === reason || !(error instanceof HssRequestError)) ? reason : error;
      if (thrown instanceof HssError && thrown !== reported) failed(thrown);
      throw thrown;
    } finally {
      scope.dispose();
    }
  };

  /** A redirect, as Node answers it (the 3xx itself) or as browsers do (an opaque response). */
  function redirectError(response: Response, context: HssRequestContext): HssRedirectError {
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
}
