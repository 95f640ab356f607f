// What a mock accepts as credentials: an IAM token, AK/SK key pairs, or (with neither) any
// credential that is present, for trying the API without setting any up.

import { readFileSync } from "node:fs";
import { verifySignedRequest, type IncomingRequestLike, type VerifyOptions } from "./verify.js";

/** The credentials a mock checks. */
export interface MockCredentials {
  /** The only `X-Auth-Token` accepted. */
  token?: string;
  /** Access key to secret key: a signed request must verify under one of them. */
  keys?: ReadonlyMap<string, string>;
}

/** A refused request: why, in words that hold no key, token or signature. */
export interface AuthRefusal {
  reason: string;
}

/** Whether any credential is configured, so that only those are accepted. */
export function hasCredentials(credentials: MockCredentials): boolean {
  return credentials.token !== undefined || (credentials.keys?.size ?? 0) > 0;
}

/**
 * Checks a request's credentials as the API gateway does: a signature must verify (its
 * `X-Sdk-Date` within 15 minutes, every signed header present), a token must be the configured
 * one. With nothing configured, any non-empty token or Authorization header is accepted.
 */
export function checkCredentials(
  request: IncomingRequestLike,
  credentials: MockCredentials,
  options: Pick<VerifyOptions, "now" | "broken"> & { acceptAnySignature?: boolean } = {},
): AuthRefusal | undefined {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  const token = header("x-auth-token");
  const authorization = header("authorization");
  if (!hasCredentials(credentials)) {
    if ((token ?? "") !== "" || (authorization ?? "") !== "") return undefined;
    return { reason: "the request carries no X-Auth-Token and no Authorization header" };
  }
  if (authorization !== undefined) {
    if (!credentials.keys || credentials.keys.size === 0) return { reason: "this mock accepts an IAM token only, not an AK/SK signature" };
    if (options.acceptAnySignature && authorization !== "") return undefined;
    const verified = verifySignedRequest(request, "", credentials.keys, options);
    return verified.ok ? undefined : { reason: `the AK/SK signature does not verify: ${verified.reason}` };
  }
  if (token === undefined) return { reason: "the request carries no X-Auth-Token and no Authorization header" };
  if (credentials.token === undefined) return { reason: "this mock accepts AK/SK signatures only, not an IAM token" };
  return token === credentials.token ? undefined : { reason: "the token is missing, expired or invalid" };
}

/**
 * Reads key pairs from a file: one `ACCESS_KEY SECRET_KEY` pair per line (blank lines and lines
 * starting with # left out), or a JSON object of access key to secret key.
 */
export function readKeyFile(path: string): Map<string, string> {
  const text = readFileSync(path, "utf8");
  const keys = new Map<string, string>();
  if (text.trimStart().startsWith("{")) {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${path}: expected a JSON object of access key to secret key.`);
    for (const [ak, sk] of Object.entries(parsed)) {
      if (typeof sk !== "string" || sk === "" || ak === "") throw new Error(`${path}: the secret key of ${JSON.stringify(ak)} must be a non-empty string.`);
      keys.set(ak, sk);
    }
    return keys;
  }
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const [ak, sk, ...rest] = trimmed.split(/\s+/);
    if (!ak || !sk || rest.length > 0) throw new Error(`${path}:${index + 1}: expected "ACCESS_KEY SECRET_KEY".`);
    keys.set(ak, sk);
  });
  return keys;
}
