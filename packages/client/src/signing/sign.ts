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
  headers?: HeadersLike | undefined;
  /** Exact body bytes or text (hashed as UTF-8); omit when there is no body. */
  body?: string | Uint8Array | undefined;
  accessKey: string;
  secretKey: string;
  /** Signing time; defaults to now, so every call (and every retry) gets a fresh date. */
  date?: Date | undefined;
  /**
   * Exact headers to sign instead of the default (host, plus content-type when present), for
   * matching another signer or a published test vector. x-sdk-date is always signed, and so
   * are x-project-id and x-security-token when present, because the gateway requires it.
   */
  signedHeaderNames?: readonly string[] | undefined;
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
  const sdkDate = formatSdkDate(input.date ?? new Date());
  const { signed, signedHeaders } = headersToSign(lowerCaseHeaders(input.headers), url.host, sdkDate, input.signedHeaderNames);
  const request = canonicalRequest({
    method: input.method,
    canonicalUri: canonicalUri(url.pathname),
    canonicalQuery: canonicalQuery(url.search),
    canonicalHeaders: canonicalHeaders(signed),
    signedHeaders,
    payloadHashHex: await payloadHash(input.body, crypto),
  });
  const signature = await crypto.hmacSha256Hex(input.secretKey, stringToSign(sdkDate, await crypto.sha256Hex(request)));
  return { "X-Sdk-Date": sdkDate, Authorization: `${SIGNING_ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}
