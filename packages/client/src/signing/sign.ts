// AK/SK request signing ("SDK-HMAC-SHA256") for the HSS API gateway.
// Turns a request into the X-Sdk-Date and Authorization headers; the hashing is injected so the
// same code signs with node:crypto on Node and Web Crypto elsewhere.

import { defaultCrypto } from "./crypto.js";
import type { SigningCrypto } from "./signing-crypto.js";
import {
  SIGNING_ALGORITHM,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  signedHeadersList,
  stringToSign,
} from "./canonical.js";

/** An HMAC under one secret key. */
type KeyedHmac = (data: string) => Promise<string> | string;

/** Header shapes accepted by {@link signRequest}, so callers need not convert first. */
export type HeadersLike =
  | Headers
  | Readonly<Record<string, string | undefined>>
  | ReadonlyArray<readonly [string, string]>;

/** What {@link signRequest} needs to know about one request. */
export interface SignRequestInput {
  method: string;
  /** Absolute URL; its host is signed when no Host header is given, as fetch sends it. */
  url: string | URL;
  headers?: HeadersLike;
  /** Exact body bytes or text (hashed as UTF-8); omit when there is no body. */
  body?: string | Uint8Array;
  accessKey: string;
  secretKey: string;
  /** Signing time; defaults to now, so every call (and every retry) gets a fresh date. */
  date?: Date;
  /**
   * Exact headers to sign instead of the default (host, plus content-type when present), for
   * matching another signer or a published test vector. x-sdk-date is always signed, and so
   * are x-project-id and x-security-token when present, because the gateway requires it.
   */
  signedHeaderNames?: readonly string[];
}

/** The headers a signed request must carry in addition to its own. */
export interface SdkAuthHeaders {
  "X-Sdk-Date": string;
  Authorization: string;
}

const ALWAYS_SIGNED_WHEN_PRESENT = ["x-project-id", "x-security-token"] as const;

/** SHA-256 of no bytes: the payload hash of every request without a body, so it is not recomputed. */
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * Rejects missing or empty keys before any hashing, naming the parameter but never echoing its
 * value, since a secret key must not leak into logs through an error message.
 */
export function assertCredentials(credentials: { accessKey?: unknown; secretKey?: unknown }): void {
  for (const name of ["accessKey", "secretKey"] as const) {
    const value = credentials?.[name];
    if (typeof value !== "string" || value === "") {
      throw new TypeError(`credentials.${name} must be a non-empty string`);
    }
  }
}

/**
 * Formats a date as X-Sdk-Date (YYYYMMDDTHHMMSSZ, UTC): the gateway rejects any other form and
 * any date more than 15 minutes off its clock.
 */
export function formatSdkDate(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError("date must be a valid Date");
  }
  // YYYY-MM-DDTHH:MM:SS.sssZ, cut by position: this runs on every attempt, and slicing costs a
  // fraction of two regular expressions.
  const iso = date.toISOString();
  // X-Sdk-Date has a four-digit year; toISOString writes any other year with a sign and six digits.
  if (iso.length !== 24) throw new RangeError("date must be in the years 0000 to 9999");
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The current second's X-Sdk-Date: it changes once a second, and reading the clock costs less than formatting. */
let now = { second: Number.NaN, sdkDate: "" };

function currentSdkDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== now.second) now = { second, sdkDate: formatSdkDate(new Date(second * 1000)) };
  return now.sdkDate;
}

function lowerCaseHeaders(headers: HeadersLike | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: string, value: string | undefined): void => {
    if (value === undefined) return;
    const key = name.toLowerCase();
    const previous = out.get(key);
    out.set(key, previous === undefined ? value : `${previous}, ${value}`);
  };
  if (headers === undefined) return out;
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    headers.forEach((value, name) => add(name, value));
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers as ReadonlyArray<readonly [string, string]>) add(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return out;
}

/** `f(value)`, at once when the value is at hand: node:crypto answers synchronously, Web Crypto with a promise. */
function andThen<T extends object | string, R>(value: T | PromiseLike<T>, f: (value: T) => R): R | Promise<Awaited<R>> {
  return typeof value === "object" && "then" in value ? (Promise.resolve(value).then(f) as Promise<Awaited<R>>) : f(value);
}

/** Picks the headers to sign (x-sdk-date, valued `sdkDate`, always among them) and checks each is set. */
function headersToSign(
  headers: Map<string, string>,
  host: string,
  sdkDate: string,
  signedHeaderNames: readonly string[] | undefined,
): { signed: Record<string, string>; signedHeaders: string } {
  headers.set("x-sdk-date", sdkDate);
  if (!headers.has("host")) headers.set("host", host);

  const names = new Set(
    (signedHeaderNames ?? ["host", ...(headers.has("content-type") ? ["content-type"] : [])]).map((n) => n.toLowerCase()),
  );
  names.add("x-sdk-date");
  for (const name of ALWAYS_SIGNED_WHEN_PRESENT) if (headers.has(name)) names.add(name);

  const signed: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value === undefined) throw new Error(`cannot sign header "${name}": the request does not set it`);
    signed[name] = value;
  }
  return { signed, signedHeaders: signedHeadersList(names) };
}

/** The Authorization header's value. */
const authorization = (accessKey: string, signedHeaders: string, signature: string): string =>
  `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;

/** The hex signature of a canonical request. */
function signatureOf(request: string, sdkDate: string, hmac: KeyedHmac, crypto: SigningCrypto): string | Promise<string> {
  return andThen(crypto.sha256Hex(request), (hash) => hmac(stringToSign(sdkDate, hash)));
}

/** The hex SHA-256 of a body; a constant when there is none. */
function payloadHash(body: string | Uint8Array | undefined, crypto: SigningCrypto): string | Promise<string> {
  return body === undefined || body.length === 0 ? EMPTY_BODY_SHA256 : crypto.sha256Hex(body);
}

/**
 * Signs one request and returns the headers to add to it. The caller sends the request with
 * exactly the signed header values, URL and body; anything changed afterwards breaks the
 * signature. Always resolves asynchronously so callers need not care which crypto is injected.
 */
export async function signRequest(input: SignRequestInput, crypto: SigningCrypto = defaultCrypto): Promise<SdkAuthHeaders> {
  assertCredentials(input);
  const url = typeof input.url === "string" ? new URL(input.url) : input.url;
  const sdkDate = input.date ? formatSdkDate(input.date) : currentSdkDate();
  const { signed, signedHeaders } = headersToSign(lowerCaseHeaders(input.headers), url.host, sdkDate, input.signedHeaderNames);
  const request = canonicalRequest({
    method: input.method,
    canonicalUri: canonicalUri(url.pathname),
    canonicalQuery: canonicalQuery(url.search),
    canonicalHeaders: canonicalHeaders(signed),
    signedHeaders,
    payloadHashHex: await payloadHash(input.body, crypto),
  });
  const signature = await signatureOf(request, sdkDate, (data) => crypto.hmacSha256Hex(input.secretKey, data), crypto);
  return { "X-Sdk-Date": sdkDate, Authorization: authorization(input.accessKey, signedHeaders, signature) };
}

/** Signs a request of a {@link templateSigner} given its canonical query, with the current second's date. */
export type TemplateSigner = (canonicalQuery: string) => SdkAuthHeaders | Promise<SdkAuthHeaders>;

/**
 * Signs, as {@link signRequest} does, requests without a body that differ only in their query
 * and date: the canonical request is built once with a marker in place of each, so signing one
 * costs two hashes and a few joins. Synchronous when the crypto is. Undefined when a header
 * value holds the marker (no valid header does).
 */
export function templateSigner(
  method: string,
  host: string,
  canonicalUriValue: string,
  headers: Readonly<Record<string, string>>,
  credentials: { accessKey: string; secretKey: string },
  crypto: SigningCrypto,
): TemplateSigner | undefined {
  const { signed, signedHeaders } = headersToSign(lowerCaseHeaders(headers), host, "\0", undefined);
  const pieces = canonicalRequest({
    method,
    canonicalUri: canonicalUriValue,
    canonicalQuery: "\0",
    canonicalHeaders: canonicalHeaders(signed),
    signedHeaders,
    payloadHashHex: EMPTY_BODY_SHA256,
  }).split("\0");
  if (pieces.length !== 3) return undefined;
  const [head, middle, tail] = pieces as [string, string, string];
  const { accessKey, secretKey } = credentials;
  const hmac: KeyedHmac = crypto.keyedHmacSha256Hex?.(secretKey) ?? ((data) => crypto.hmacSha256Hex(secretKey, data));
  const prefix = authorization(accessKey, signedHeaders, "");
  return (query) => {
    const sdkDate = currentSdkDate();
    return andThen(signatureOf(head + query + middle + sdkDate + tail, sdkDate, hmac, crypto), (signature) => ({
      "X-Sdk-Date": sdkDate,
      Authorization: prefix + signature,
    }));
  };
}
