// Canonical-request pieces for Huawei Cloud "SDK-HMAC-SHA256" signing.
// Pure string functions, no crypto, so the exact bytes that get hashed can be unit-tested on
// their own and the same code runs in Node and in browsers.

/** Algorithm name that opens both the string to sign and the Authorization header. */
export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;
const ALL_UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const ALL_UNRESERVED_PATH = /^[A-Za-z0-9\-_.~/]*$/;

// encodeURIComponent throws on lone surrogates; the URL parser and TextEncoder send U+FFFD
// instead, so do the same to sign what will actually go on the wire.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeUtf8Component(value: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    encoded = encodeURIComponent(value.replace(LONE_SURROGATE, "\uFFFD"));
  }
  // encodeURIComponent keeps !'()* which the gateway's encoder escapes.
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Percent-encodes a raw (not yet encoded) string the way the gateway does: only RFC 3986
 * unreserved characters survive, everything else becomes upper-case %XX over its UTF-8 bytes,
 * and a space is always %20 (never "+"), because any other spelling changes the signature.
 */
export function percentEncode(value: string): string {
  return encodeUtf8Component(value);
}

/**
 * Canonicalizes one component that may already be percent-encoded (a URL's pathname segment or
 * query key/value). Working escape by escape keeps the result byte-exact, even for escapes that
 * are not valid UTF-8, and makes raw, lower-case-hex and upper-case-hex input sign identically:
 * an escape of an unreserved byte becomes the character, any other escape is upper-cased,
 * a stray "%" is itself encoded, and everything else is encoded as in {@link percentEncode}.
 * `plusIsSpace` applies form-encoding's rule for query strings, which URL parsers also follow.
 */
export function canonicalizeComponent(component: string, plusIsSpace = false): string {
  // Most path segments and query parts are plain ASCII words: skip the regex work for them.
  if (ALL_UNRESERVED.test(component)) return component;
  return component.replace(/%([0-9A-Fa-f]{2})|%|[^%]+/g, (match, hex: string | undefined) => {
    if (hex !== undefined) {
      const char = String.fromCharCode(parseInt(hex, 16));
      return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
    }
    if (match === "%") return "%25";
    return encodeUtf8Component(plusIsSpace ? match.replace(/\+/g, " ") : match);
  });
}

/**
 * Builds the canonical URI from a URL pathname (encoded or raw). Segments are canonicalized one
 * by one so an encoded "/" (%2F) inside a path parameter stays part of its segment; the
 * trailing "/" is required by the algorithm even when the request path has none.
 */
export function canonicalUri(pathname: string): string {
  // A path of unreserved characters only (the usual case) is its own canonical form.
  const uri = ALL_UNRESERVED_PATH.test(pathname)
    ? pathname
    : pathname
        .split("/")
        .map((segment) => canonicalizeComponent(segment))
        .join("/");
  return uri.endsWith("/") ? uri : `${uri}/`;
}

/** The text a canonical (encoded) component stands for, to sort by; the encoded form when it is not UTF-8. */
function decodedForSort(encoded: string): string {
  if (!encoded.includes("%")) return encoded;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/**
 * Builds the canonical query string from a URL's search part (with or without "?"): each key
 * and value canonicalized, a key with no "=" signed as "key=". Pairs are sorted as the official
 * signers sort them: by the decoded key, then (for a repeated key) by the decoded value, in
 * UTF-16 code-unit order, before encoding. Sorting the encoded strings instead would put `x:`
 * (`x%3A`) before `x0` and sign a different string.
 */
export function canonicalQuery(search: string): string {
  const query = search.startsWith("?") ? search.slice(1) : search;
  const pairs: Array<[key: string, value: string, keyOrder: string, valueOrder: string]> = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = canonicalizeComponent(eq === -1 ? part : part.slice(0, eq), true);
    const value = canonicalizeComponent(eq === -1 ? "" : part.slice(eq + 1), true);
    pairs.push([key, value, decodedForSort(key), decodedForSort(value)]);
  }
  sortSmall(pairs, (a, b) => a[2] < b[2] || (a[2] === b[2] && a[3] < b[3]));
  let canonical = "";
  for (const [key, value] of pairs) canonical += canonical === "" ? `${key}=${value}` : `&${key}=${value}`;
  return canonical;
}

/** Lists longer than this are left to Array.prototype.sort, whose cost grows more slowly. */
const SMALL = 16;

/**
 * Sorts a list in place, stably, by `before`. Signing sorts a few short lists on every request,
 * and Array.prototype.sort allocates about a kilobyte of work space per call even for two
 * entries: garbage that costs far more to collect while requests are in flight than this
 * insertion sort costs to run.
 */
function sortSmall<T>(items: T[], before: (a: T, b: T) => boolean): void {
  if (items.length > SMALL) {
    items.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return;
  }
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    for (; j >= 0 && before(item, items[j]!); j--) items[j + 1] = items[j]!;
    items[j + 1] = item;
  }
}

/**
 * Builds the canonical headers block from the headers being signed (name to value).
 * Names are lower-cased and values trimmed because proxies may change case and padding;
 * every line ends with "\n", as the algorithm expects.
 */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): string {
  const lines = Object.keys(headers).map((name): [string, string] => [name.toLowerCase(), headers[name]!.trim()]);
  sortSmall(lines, ([a], [b]) => a < b);
  let block = "";
  for (const [name, value] of lines) block += `${name}:${value}\n`;
  return block;
}

/**
 * Builds the SignedHeaders list: lower-cased, de-duplicated, sorted, joined by ";". It appears
 * both in the canonical request and in the Authorization header, so one function makes both.
 */
export function signedHeadersList(names: Iterable<string>): string {
  const unique: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!unique.includes(lower)) unique.push(lower);
  }
  sortSmall(unique, (a, b) => a < b);
  return unique.join(";");
}

/** The six parts of a canonical request, each already in canonical form. */
export interface CanonicalRequestParts {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  canonicalHeaders: string;
  signedHeaders: string;
  payloadHashHex: string;
}

/**
 * Joins the canonical request. The method is upper-cased because fetch normalizes it before
 * sending, so signing "get" must give the same result as signing "GET".
 */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    parts.canonicalUri,
    parts.canonicalQuery,
    parts.canonicalHeaders,
    parts.signedHeaders,
    parts.payloadHashHex,
  ].join("\n");
}

/**
 * Builds the string that the secret key signs. The date must be the exact X-Sdk-Date header
 * value sent, since the gateway rebuilds this string from that header.
 */
export function stringToSign(sdkDate: string, canonicalRequestHashHex: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${canonicalRequestHashHex}`;
}
