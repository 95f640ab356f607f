// Removes credentials from anything the client puts into an error. Errors end up in logs, bug
// reports and monitoring tools, so they are built only from text that went through here. A
// hostile or careless server may echo a credential in any encoding (a gateway that logs the
// request into a header, a proxy that base64-encodes it), so each credential is searched for in
// every encoding a report could carry it in.

/** What stands in place of a credential (or a value holding one) wherever the client reports it. */
export const REDACTED = "[REDACTED]";

/**
 * Query parameters whose values are credentials by convention (presigned URLs, tokens pasted
 * into a baseUrl); the client never adds one, but a baseUrl or a middleware may.
 */
const SECRET_QUERY_NAME = /token|secret|signature|password|credential|auth|^ak$|^sk$|access.?key/i;

/**
 * Credentials shorter than this are not searched for in text: replacing a short string would
 * mangle ordinary words and numbers, and real tokens and keys are tens to thousands of characters.
 */
const MIN_SECRET_LENGTH = 8;

/** Removes credentials from text and URLs. */
export interface Redactor {
  /** `text` with every known credential, in any of its encodings, replaced by {@link REDACTED}. */
  text(text: string): string;
  /** `url` without user info, with secret-looking query values and known credentials replaced. */
  url(url: string): string;
  /**
   * An error fit to keep as another error's `cause`: the error itself when no credential shows
   * in it or its causes, else a plain Error with the redacted message. A custom fetch may throw
   * anything, and `util.inspect` prints a cause chain in full.
   */
  cause(error: unknown): unknown;
  /**
   * Whether `value` may be quoted in an error: false when it is, contains or encodes a
   * credential (a caller who pastes a key into the wrong parameter must not see it in a log).
   */
  mayShow(value: unknown): boolean;
}

/** A request signature, as an Authorization header or a log line of one would show it. */
const SIGNATURE = /(Signature=)[0-9a-fA-F]+/g;

/** How deep a cause chain is inspected; deeper chains are not kept. */
const MAX_CAUSE_DEPTH = 4;

const utf8 = new TextEncoder();

function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The part of a secret's base64 form that is the same wherever the secret sits in a longer
 * encoded text: base64 encodes 3 bytes as 4 characters, so each of the 3 alignments of the
 * secret within the text gives another string, and the groups at its edges mix in other bytes.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const shifted = new Uint8Array(shift + bytes.length);
    shifted.set(bytes, shift);
    const encoded = base64Of(shifted);
    const core = encoded.slice(shift === 0 ? 0 : 4, Math.floor(shifted.length / 3) * 4);
    if (core.length >= MIN_SECRET_LENGTH) cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/** Percent-encoding as RFC 3986 does it, which also encodes the `!'()*` that encodeURIComponent keeps. */
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Every form in which `secret` could show up in a response or a report: as it is, percent-encoded
 * (either hex case, `+` or `%20` for a space), JSON-escaped, hex, and base64 or base64url at each
 * alignment. Longest first, so a longer form is replaced before a shorter one inside it.
 */
export function secretForms(secret: string): string[] {
  const bytes = utf8.encode(secret);
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const percent = [encodeURIComponent(secret), rfc3986(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
  const forms = [
    secret,
    ...percent,
    ...percent.map((form) => form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    hex,
    hex.toUpperCase(),
    ...base64Cores(bytes),
  ];
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** Creates a redactor that knows the client's own credentials, kept in its closure. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const given = secrets.filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
  const searched = given.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const known = [...new Set(searched.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const text = (input: string): string =>
    known.reduce((out, form) => (out.includes(form) ? out.split(form).join(REDACTED) : out), input).replace(SIGNATURE, `$1${REDACTED}`);

  const unchanged = (part: string): boolean => text(part) === part;
  const isPrimitive = (value: unknown): boolean =>
    value === null || (typeof value !== "object" && typeof value !== "function");
  const isClean = (value: unknown, depth: number): boolean => {
    if (!(value instanceof Error)) return isPrimitive(value) && unchanged(String(value));
    return (
      depth <= MAX_CAUSE_DEPTH &&
      unchanged(value.message) &&
      unchanged(value.stack ?? "") &&
      Object.values(value).every((field) => isPrimitive(field) && unchanged(String(field))) &&
      (value.cause === undefined || isClean(value.cause, depth + 1))
    );
  };

  return {
    text,
    mayShow(value) {
      // A credential too short to search for in text still may not be quoted whole.
      if (typeof value === "string") return !given.includes(value) && unchanged(value);
      let rendered: string;
      try {
        rendered = JSON.stringify(value) ?? String(value);
      } catch {
        return false;
      }
      return given.every((secret) => !rendered.includes(JSON.stringify(secret))) && unchanged(rendered);
    },
    cause(error) {
      if (isClean(error, 0)) return error;
      return new Error(text(error instanceof Error ? error.message : String(error)));
    },
    url(input) {
      let url: URL;
      try {
        url = new URL(input);
      } catch {
        return text(input);
      }
      if (url.username || url.password) {
        url.username = "";
        url.password = "";
      }
      for (const name of new Set(url.searchParams.keys())) {
        if (SECRET_QUERY_NAME.test(name)) url.searchParams.set(name, REDACTED);
      }
      return text(url.href);
    },
  };
}
