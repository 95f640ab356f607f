// Removes credentials from anything the client puts into an error. Errors end up in logs, bug
// reports and monitoring tools, so they are built only from text that went through here. A
// hostile or careless server may echo a credential in any encoding (a gateway that logs the
// request into a header, a proxy that base64-encodes it), so each credential is searched for in
// every encoding a report could carry it in.

/** Replacement for a removed credential. */
export const REDACTED = "[REDACTED]";

/**
 * Query parameters whose values are credentials by convention (presigned URLs, tokens pasted
 * into a baseUrl); the client never adds one, but a baseUrl or a middleware may.
 */
const SECRET_QUERY_NAME = /token|secret|signature|password|credential|auth|^ak$|^sk$|access.?key/i;

/** A request signature after its `Signature=` prefix, as an Authorization header or a log line of one shows it. */
const SIGNATURE = /(Signature=)[0-9a-fA-F]+/g;

/**
 * The shortest run of a credential's characters that counts as a piece of it: any run this long
 * of any encoded form of a credential is removed, with the rest of the run it belongs to. Shorter
 * runs are not searched for: they would match ordinary words and numbers, and say too little of a
 * credential to help anyone guess it.
 */
export const PIECE_LENGTH = 8;

/**
 * Credentials shorter than this are not searched for in text: replacing a short string would
 * mangle ordinary words and numbers, and real tokens and keys are tens to thousands of characters.
 */
const MIN_SECRET_LENGTH = PIECE_LENGTH;

/** How many of the latest request signatures are known; older ones belong to answered requests. */
const KNOWN_SIGNATURES = 64;

/** How deep a cause chain is inspected; deeper chains are not kept. */
const MAX_CAUSE_DEPTH = 4;

/** Removes credentials from text and URLs. */
export interface Redactor {
  /**
   * `text` with every run of {@link PIECE_LENGTH} or more characters of any known credential, in
   * any of the encodings {@link secretForms} lists, replaced by {@link REDACTED}.
   */
  text(text: string): string;
  /**
   * At most `max` characters of `text`, redacted before it is cut (a cut first could leave half a
   * credential that no longer matches), with `…` where it was cut.
   */
  excerpt(text: string, max: number): string;
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
  /**
   * Learns the signature of an Authorization header the client sent, so that an answer echoing
   * it (with or without its `Signature=` prefix, in any encoding, in part) does not show it.
   * Only the latest signatures are kept, so memory stays bounded however many calls are made.
   */
  learnAuthorization(authorization: string | undefined): void;
}

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
    if (core.length >= PIECE_LENGTH) cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/** Percent-encoding as RFC 3986 does it, which also encodes the `!'()*` that encodeURIComponent keeps. */
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The percent-encodings of a text: encodeURIComponent's, RFC 3986's and a form's (`+` for a space). */
function percentForms(text: string): string[] {
  const upper = [encodeURIComponent(text), rfc3986(text), new URLSearchParams({ s: text }).toString().slice(2)];
  return [...upper, ...upper.map((form) => form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()))];
}

/** The text inside a JSON string literal of `text`. */
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/** Every UTF-16 unit of `text` as a `\uXXXX` escape, with the hex digits in the given case. */
const unicodeEscaped = (text: string, upper: boolean) =>
  text.replace(/[^]/g, (unit) => {
    const hex = unit.charCodeAt(0).toString(16).padStart(4, "0");
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });

/**
 * Every form in which `secret` could show up in a response or a report: as it is;
 * percent-encoded once or twice (either hex case, `+` or `%20` for a space); JSON-escaped once or
 * twice; as `\uXXXX` escapes (either case; JSON writes non-ASCII this way, and some servers every
 * character); its UTF-8 bytes as hex (either case); and base64 or base64url at each alignment.
 * Encodings of encodings beyond these (base64 of a percent-encoding, say) are not searched for.
 */
export function secretForms(secret: string): string[] {
  const bytes = utf8.encode(secret);
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const once = percentForms(secret);
  const forms = [
    secret,
    ...once,
    ...once.flatMap(percentForms),
    jsonEscaped(secret),
    jsonEscaped(jsonEscaped(secret)),
    jsonEscaped(secret).replace(/[^\x20-\x7e]/g, (c) => unicodeEscaped(c, false)),
    unicodeEscaped(secret, false),
    unicodeEscaped(secret, true),
    hex,
    hex.toUpperCase(),
    ...base64Cores(bytes),
  ];
  return [...new Set(forms)];
}

/**
 * The runs of text to search for: every {@link PIECE_LENGTH} characters of every form of every
 * secret, so a piece of a credential is found as surely as the whole of it.
 */
function addPieces(pieces: Map<string, number>, secret: string, step: 1 | -1): void {
  for (const form of secretForms(secret)) {
    for (let at = 0; at + PIECE_LENGTH <= form.length; at++) {
      const piece = form.slice(at, at + PIECE_LENGTH);
      const count = (pieces.get(piece) ?? 0) + step;
      if (count > 0) pieces.set(piece, count);
      else pieces.delete(piece);
    }
  }
}

/** `text` with every run covered by a known piece replaced by {@link REDACTED}: one pass, no backtracking. */
function withoutPieces(text: string, pieces: ReadonlyMap<string, number>): string {
  if (pieces.size === 0 || text.length < PIECE_LENGTH) return text;
  let out = "";
  let kept = 0;
  let runStart = -1;
  let runEnd = -1;
  for (let at = 0; at + PIECE_LENGTH <= text.length; at++) {
    if (!pieces.has(text.slice(at, at + PIECE_LENGTH))) continue;
    if (at > runEnd) {
      // A run that neither overlaps nor touches the last one: the last one is complete.
      if (runStart >= 0) {
        out += text.slice(kept, runStart) + REDACTED;
        kept = runEnd;
      }
      runStart = at;
    }
    runEnd = at + PIECE_LENGTH;
  }
  if (runStart < 0) return text;
  return out + text.slice(kept, runStart) + REDACTED + text.slice(runEnd);
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? "") ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** Creates a redactor that knows the client's own credentials, kept in its closure. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const given = secrets.filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
  const pieces = new Map<string, number>();
  // The pieces are worked out when text is first searched (an error, or a response's headers),
  // not for every client: a long IAM token has hundreds of thousands. Signatures are learnt on
  // every attempt, so a call pays for a push, not for working out forms.
  let unsearched: string[] = given.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const newSignatures: string[] = [];
  const signatures: string[] = [];
  const signatureForms = (signature: string) => [signature.toLowerCase(), signature.toUpperCase()];
  const learnPending = () => {
    for (const secret of new Set(unsearched)) addPieces(pieces, secret, 1);
    unsearched = [];
    for (const signature of newSignatures.splice(0)) {
      for (const form of signatureForms(signature)) addPieces(pieces, form, 1);
      signatures.push(signature);
      if (signatures.length > KNOWN_SIGNATURES) for (const form of signatureForms(signatures.shift()!)) addPieces(pieces, form, -1);
    }
  };
  const text = (input: string): string => {
    if (unsearched.length > 0 || newSignatures.length > 0) learnPending();
    return withoutPieces(input, pieces).replace(SIGNATURE, `$1${REDACTED}`);
  };

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
    excerpt(input, max) {
      // A piece that starts within the first `max` characters ends within PIECE_LENGTH after them.
      const window = input.slice(0, max + PIECE_LENGTH);
      const quoted = cut(text(window), max);
      // Redaction may have shortened the window to within `max`: the text still went on.
      return window.length < input.length && !quoted.endsWith("…") ? `${quoted}…` : quoted;
    },
    mayShow(value) {
      // A credential too short to search for in text still may not be quoted whole.
      if (typeof value === "string") return !given.includes(value) && unchanged(value);
      let rendered: string;
      try {
        rendered = typeof value === "bigint" ? String(value) : (JSON.stringify(value) ?? String(value));
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
    learnAuthorization(authorization) {
      const signature = authorization === undefined ? undefined : /Signature=([0-9a-fA-F]+)/.exec(authorization)?.[1];
      if (signature === undefined || signature.length < MIN_SECRET_LENGTH) return;
      newSignatures.push(signature);
      if (newSignatures.length > KNOWN_SIGNATURES) newSignatures.shift();
    },
  };
}
