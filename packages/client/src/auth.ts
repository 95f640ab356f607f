// Authenticates one attempt: an IAM token header, or an AK/SK signature from `signRequest` (the
// one signer) over the exact URL, headers and body sent, with a fresh X-Sdk-Date every attempt.
// It runs inside `send`, after every middleware, so no middleware ever sees a credential.
//
// Credentials are a value or an async provider; a provider is asked again once what it gave
// expires, or when a call is answered 401. Every credential ever used stays known to the
// redactor, since an old token in a log is still a token.

import { resolveCredentials, type HssCredentials, type ResolvedCredentials } from "./credentials.js";
import { HssConfigurationError } from "./errors.js";
import { credentialIdentity } from "./rate-limit.js";
import { createRedactor, type Redactor } from "./redact.js";
import { defaultCrypto, signRequest } from "./signing/index.js";

/** Credentials from a provider, with when they stop working (a Date or epoch milliseconds). */
export type HssProvidedCredentials = HssCredentials & { expiresAt?: Date | number | undefined };

/**
 * An async function that gives credentials: asked before the first call, again once what it
 * gave has expired, and again when a call is answered 401.
 */
export type HssCredentialsProvider = () => Promise<HssProvidedCredentials>;

/** Asked again this long before credentials expire, so no request goes out with ones about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

/** How many credentials the redactor remembers: rotated ones too, but not without bound. */
const REMEMBERED = 8;

/** Where a client's credentials come from. */
export interface CredentialSource {
  /** The credentials to use now. */
  get(): ResolvedCredentials | Promise<ResolvedCredentials>;
  /** Forgets what a provider gave, so the next `get` asks it again; false when there is no provider. */
  renew(): boolean;
  /** Whether the credentials may sign (AK/SK): a provider may, and a token never does. */
  readonly maySign: boolean;
  /** Whose the credentials last given are, for the request budget, without the secret. */
  identity(): string;
  /** Redacts every credential this source has given. */
  readonly redactor: Redactor;
}

const secretsOf = (credentials: ResolvedCredentials): Array<string | undefined> =>
  credentials.kind === "token" ? [credentials.token] : [credentials.secretKey, credentials.securityToken];

/** A redactor whose list of secrets grows as a provider gives new credentials. */
function growingRedactor(): { redactor: Redactor; learn(credentials: ResolvedCredentials): void } {
  let known: string[] = [];
  let current = createRedactor([]);
  return {
    learn(credentials) {
      const added = secretsOf(credentials).filter((secret): secret is string => secret !== undefined && !known.includes(secret));
      if (added.length === 0) return;
      known = [...added, ...known].slice(0, REMEMBERED * 2);
      current = createRedactor(known);
    },
    redactor: {
      text: (text) => current.text(text),
      excerpt: (text, max) => current.excerpt(text, max),
      learnAuthorization: (authorization) => current.learnAuthorization(authorization),
      url: (url) => current.url(url),
      cause: (error) => current.cause(error),
      mayShow: (value) => current.mayShow(value),
    },
  };
}

/** The credential source of the `credentials` option (or the environment, without one). */
export function createCredentialSource(
  given: HssCredentials | HssCredentialsProvider | undefined,
  env: Readonly<Record<string, string | undefined>>,
): CredentialSource {
  const { redactor, learn } = growingRedactor();
  if (typeof given !== "function") {
    const credentials = resolveCredentials(given, env);
    learn(credentials);
    const identity = credentialIdentity(credentials);
    return { get: () => credentials, renew: () => false, maySign: credentials.kind === "accessKey", identity: () => identity, redactor };
  }
  let current: Promise<{ credentials: ResolvedCredentials; expiresAt: number }> | undefined;
  let identity = "credentials provider";
  const ask = async () => {
    let provided: HssProvidedCredentials;
    try {
      provided = await given();
    } catch (error) {
      throw new HssConfigurationError("The credentials provider failed; see the cause.", { cause: redactor.cause(error) });
    }
    const { expiresAt, ...rest } = (provided ?? {}) as HssProvidedCredentials;
    const credentials = resolveCredentials(rest as HssCredentials, {});
    learn(credentials);
    identity = credentialIdentity(credentials);
    const expiry = expiresAt === undefined ? Infinity : new Date(expiresAt).getTime();
    if (Number.isNaN(expiry)) throw new HssConfigurationError("The credentials provider gave an expiresAt that is not a date.");
    return { credentials, expiresAt: expiry };
  };
  return {
    async get() {
      const held = current && (await current.catch(() => undefined));
      if (held && held.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return held.credentials;
      current = ask();
      // A failed ask is not kept: the next call asks again.
      current.catch(() => (current = undefined));
      return (await current).credentials;
    },
    renew() {
      current = undefined;
      return true;
    },
    maySign: true,
    identity: () => identity,
    redactor,
  };
}

/** One attempt as it is authenticated: the headers are the attempt's own, and get the credentials. */
export interface AttemptToSign {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | undefined;
  /** The project to sign as X-Project-Id, unless the request carries its own; none for the IAM lookup. */
  readonly projectId: string | undefined;
}

/** Adds the credentials to an attempt's headers: a token, or X-Sdk-Date and Authorization. */
export async function authorize(credentials: ResolvedCredentials, attempt: AttemptToSign): Promise<void> {
  const { headers } = attempt;
  if (credentials.kind === "token") {
    headers["x-auth-token"] = credentials.token;
    return;
  }
  // The gateway wants the project (and a temporary credential's token) sent and signed; a header
  // the request already carries wins, as middleware may address another project.
  if (attempt.projectId !== undefined) headers["x-project-id"] ??= attempt.projectId;
  if (credentials.securityToken !== undefined) headers["x-security-token"] ??= credentials.securityToken;
  const signed = await signRequest(
    { method: attempt.method, url: attempt.url, headers, body: attempt.body, accessKey: credentials.accessKey, secretKey: credentials.secretKey },
    defaultCrypto,
  );
  headers["x-sdk-date"] = signed["X-Sdk-Date"];
  headers.authorization = signed.Authorization;
}
