// Server-side check of SDK-HMAC-SHA256 signatures, as the API gateway makes it, for the mocks and
// the proxy. Written independently of the client's signer (nothing imported from it, a different
// encoding technique: byte-level decode into a Buffer, then a byte loop against a regex of
// allowed characters), so a misunderstanding shared by both cannot let a signer bug pass. It
// reads the request as a Node server sees it on the wire; no reason it gives holds a key or a
// signature.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The parts of a Node `http.IncomingMessage` the verifier reads. */
export interface IncomingRequestLike {
  method?: string;
  /** Path and query as received, e.g. "/v5/p/asset/users?limit=10". */
  url?: string;
  /** Lower-case header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
}

/** Verifier outcome; `reason` never contains a key or a signature. */
export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Verifier knobs; `now` lets tests pin the clock. */
export interface VerifyOptions {
  now?: Date;
  maxSkewMs?: number;
  /** Fault switch of the stateful mock: a verifier broken in one way (a side of the date window unchecked), for proving a contract check. */
  broken?: { dateWindow?: "past" | "future" };
}

const ALLOWED = /[A-Za-z0-9_.~-]/;
const FIFTEEN_MINUTES = 15 * 60 * 1000;

function isHex(code: number | undefined): boolean {
  return (
    code !== undefined &&
    ((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))
  );
}

// Wire text to raw bytes: %XX escapes become their byte, anything else its UTF-8 bytes.
function decodeToBytes(text: string, plusMeansSpace: boolean): Buffer {
  const chunks: Buffer[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "%" && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      chunks.push(Buffer.from([Number.parseInt(text.substring(i + 1, i + 3), 16)]));
      i += 3;
    } else if (ch === "+" && plusMeansSpace) {
      chunks.push(Buffer.from([0x20]));
      i += 1;
    } else {
      const cp = text.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      chunks.push(Buffer.from(s, "utf8"));
      i += s.length;
    }
  }
  return Buffer.concat(chunks);
}

function encodeBytes(bytes: Buffer): string {
  let out = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && ALLOWED.test(c) ? c : "%" + (b < 16 ? "0" : "") + b.toString(16).toUpperCase();
  }
  return out;
}

function canonicalPath(path: string): string {
  let result = path
    .split("/")
    .map((seg) => encodeBytes(decodeToBytes(seg, false)))
    .join("/");
  if (result.length === 0 || result[result.length - 1] !== "/") result += "/";
  return result;
}

// The official signers sort the decoded keys, and a repeated key's decoded values, in UTF-16
// code-unit order (JavaScript's default sort), and encode only then.
function canonicalQueryString(query: string): string {
  const pairs: Array<{ key: Buffer; value: Buffer; keyText: string; valueText: string }> = [];
  for (const piece of query.split("&")) {
    if (!piece) continue;
    const at = piece.indexOf("=");
    const key = decodeToBytes(at < 0 ? piece : piece.substring(0, at), true);
    const value = decodeToBytes(at < 0 ? "" : piece.substring(at + 1), true);
    pairs.push({ key, value, keyText: key.toString("utf8"), valueText: value.toString("utf8") });
  }
  // Ordered by the decoded text (bytes that are not UTF-8 stay as they came, for the encoding).
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pairs.sort((a, b) => order(a.keyText, b.keyText) || order(a.valueText, b.valueText));
  return pairs.map(({ key, value }) => encodeBytes(key) + "=" + encodeBytes(value)).join("&");
}

function headerValue(headers: IncomingRequestLike["headers"], name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(", ") : v;
}

function parseSdkDate(value: string): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

/**
 * Recomputes the signature of a received request and checks the date window and which headers
 * are signed, as the gateway would.
 */
export function verifySignedRequest(
  req: IncomingRequestLike,
  body: string | Uint8Array,
  keys: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: VerifyOptions = {},
): VerifyResult {
  const auth = headerValue(req.headers, "authorization");
  if (!auth) return { ok: false, reason: "missing Authorization header" };
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(auth);
  if (!m) return { ok: false, reason: "malformed Authorization header" };
  const [, accessKey, signedList, signature] = m as unknown as [string, string, string, string];

  const secret = keys instanceof Map ? keys.get(accessKey) : (keys as Record<string, string>)[accessKey];
  if (secret === undefined) return { ok: false, reason: "unknown access key" };

  const sdkDate = headerValue(req.headers, "x-sdk-date");
  if (sdkDate === undefined) return { ok: false, reason: "missing X-Sdk-Date header" };
  const when = parseSdkDate(sdkDate);
  if (when === undefined) return { ok: false, reason: "malformed X-Sdk-Date header" };
  const now = (options.now ?? new Date()).getTime();
  // A broken window leaves one side unchecked: "past" accepts any age, "future" any date ahead.
  const skew = now - when;
  const unchecked = options.broken?.dateWindow;
  if (Math.abs(skew) > (options.maxSkewMs ?? FIFTEEN_MINUTES) && !(unchecked === "past" && skew > 0) && !(unchecked === "future" && skew < 0)) {
    return { ok: false, reason: "X-Sdk-Date is more than 15 minutes from server time" };
  }

  const names = signedList.split(";");
  if (!names.includes("x-sdk-date")) return { ok: false, reason: "x-sdk-date is not signed" };
  for (const required of ["x-project-id", "x-security-token"]) {
    if (req.headers[required] !== undefined && !names.includes(required)) {
      return { ok: false, reason: `${required} is present but not signed` };
    }
  }
  let headerBlock = "";
  for (const name of names) {
    const value = headerValue(req.headers, name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} is missing` };
    headerBlock += name + ":" + value.trim() + "\n";
  }

  const rawUrl = req.url ?? "/";
  const q = rawUrl.indexOf("?");
  const path = q < 0 ? rawUrl : rawUrl.substring(0, q);
  const query = q < 0 ? "" : rawUrl.substring(q + 1);
  const bodyHash = createHash("sha256").update(typeof body === "string" ? Buffer.from(body, "utf8") : body).digest("hex");
  const canonical = [
    (req.method ?? "GET").toUpperCase(),
    canonicalPath(path),
    canonicalQueryString(query),
    headerBlock,
    signedList,
    bodyHash,
  ].join("\n");
  const toSign = "SDK-HMAC-SHA256\n" + sdkDate + "\n" + createHash("sha256").update(canonical).digest("hex");
  const expected = createHmac("sha256", Buffer.from(secret, "utf8")).update(toSign).digest();
  const given = Buffer.from(signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature mismatch" };
  }
  return { ok: true };
}

/** The date as X-Sdk-Date: YYYYMMDDTHHMMSSZ, UTC. */
function sdkDateOf(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * Signs a request for its next hop (the proxy re-signs what it forwards, since the host it sends
 * to is not the one the caller signed): host and x-sdk-date signed, no body. Returns the headers
 * to add.
 */
export function signForward(
  method: string,
  url: URL,
  key: { accessKey: string; secretKey: string },
  now = new Date(),
): { "x-sdk-date": string; authorization: string } {
  const sdkDate = sdkDateOf(now);
  const signedList = "host;x-sdk-date";
  const canonical = [
    method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQueryString(url.search.slice(1)),
    `host:${url.host}\nx-sdk-date:${sdkDate}\n`,
    signedList,
    createHash("sha256").update("").digest("hex"),
  ].join("\n");
  const toSign = "SDK-HMAC-SHA256\n" + sdkDate + "\n" + createHash("sha256").update(canonical).digest("hex");
  const signature = createHmac("sha256", Buffer.from(key.secretKey, "utf8")).update(toSign).digest("hex");
  return { "x-sdk-date": sdkDate, authorization: `SDK-HMAC-SHA256 Access=${key.accessKey}, SignedHeaders=${signedList}, Signature=${signature}` };
}
