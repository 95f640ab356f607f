// Removes credentials from anything the client puts into an error. Errors end up in logs, bug
// reports and monitoring tools, so they are built only from text that went through here.

/** Replacement for a removed credential. */
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
  /** `text` with every known credential replaced by {@link REDACTED}. */
  text(text: string): string;
  /** `url` without user info, with secret-looking query values and known credentials replaced. */
  url(url: string): string;
  /**
   * An error fit to keep as another error's `cause`: the error itself when no credential shows
   * in it or its causes, else a plain Error with the redacted message. A custom fetch may throw
   * anything, and `util.inspect` prints a cause chain in full.
   */
  cause(error: unknown): unknown;
}

/** A request signature, as an Authorization header or a log line of one would show it. */
const SIGNATURE = /(Signature=)[0-9a-fA-F]+/g;

/** How deep a cause chain is inspected; deeper chains are not kept. */
const MAX_CAUSE_DEPTH = 4;

/** Creates a redactor that knows the client's own credentials, kept in its closure. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // A credential can also appear percent-encoded, inside a URL.
  const known = secrets
    .filter((secret): secret is string => (secret?.length ?? 0) >= MIN_SECRET_LENGTH)
    .flatMap((secret) => [secret, encodeURIComponent(secret)]);
  const text = (input: string): string =>
    known
      .reduce((out, secret) => out.split(secret).join(REDACTED), input)
      .replace(SIGNATURE, `$1${REDACTED}`);

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
