// One HTTP exchange of one attempt: the request goes out, the response's status and headers come
// back, and its body waits to be read within a bound or discarded. The transport's retry loop is
// written against this, not against fetch, so that Node can send through undici's dispatcher
// (see default-exchange.node.ts) while every other runtime, and every caller's own fetch, sends
// through a fetch.

import { readBody, type BodyRead } from "./body.js";

/** One request, as the transport sends (and signs) it on every attempt. */
export interface OutgoingRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The URL string sent, and signed, as it is. */
  readonly url: string;
  /** Headers with lower-case names, so authentication adds and signs each name once. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's bytes, read once so every attempt can send and sign them again. */
  readonly body?: Uint8Array<ArrayBuffer> | undefined;
  /** The URL's host and canonical URI, when the caller knows them: `url` is then `base?search`. */
  readonly base?: { readonly host: string; readonly canonicalUri: string } | undefined;
  /** The URL's query string (without "?"), along with `base`. */
  readonly search?: string | undefined;
  /** The Request a middleware (or `hss.raw`) shaped, which a fetch is handed to keep its other settings. */
  readonly request?: Request | undefined;
}

/** A fetch as the transport calls it: the WHATWG signature. */
export type Fetch = (input: string | Request, init: RequestInit) => Promise<Response>;

/** A response whose head has arrived and whose body has not been read. */
export interface Answer {
  readonly status: number;
  /** A redirect a browser hid (an opaque response): its status is 0 and its Location unknown. */
  readonly opaqueRedirect: boolean;
  readonly headers: Headers;
  /**
   * Reads the whole body, decompressed, or stops at `limit` bytes and drops the connection.
   * Rejects when the body is cut off or the request's signal aborts.
   */
  read(limit: number): Promise<BodyRead>;
  /** Drops the body unread, so it holds no connection. Never rejects. */
  discard(): Promise<void>;
}

/**
 * Sends one attempt of `request` with `headers` (the request's own plus its credentials: a record
 * of this attempt's own, which the exchange may add to), never following a redirect; rejects
 * when no response head arrives or `signal` aborts.
 */
export type Exchange = (request: OutgoingRequest, headers: Record<string, string>, signal: AbortSignal) => Promise<Answer>;

/** An exchange through `fetch`. */
export function fetchExchange(fetch: Fetch): Exchange {
  return async (request, headers, signal) => {
    // Never followed: fetch keeps X-Auth-Token and X-Security-Token on a redirect to another host.
    const init: RequestInit = { method: request.method, headers, signal, redirect: "manual" };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetch(request.request ?? request.url, init);
    return {
      status: response.status,
      opaqueRedirect: response.type === "opaqueredirect",
      headers: response.headers,
      read: (limit) => readBody(response, limit),
      // An unread body holds its connection.
      discard: async () => {
        await response.body?.cancel().catch(() => undefined);
      },
    };
  };
}
