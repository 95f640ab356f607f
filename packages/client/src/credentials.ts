// Works out how the client authenticates and which project it addresses, from its options or,
// like Huawei's official SDKs, from HUAWEICLOUD_SDK_* environment variables. Errors name what is
// missing, never a value: a half-filled credentials object may still hold a secret.

import { HssConfigurationError } from "./errors.js";
import { checkConfigured, type MayShow } from "./validate.js";

/** IAM token credentials: the token is sent as `X-Auth-Token`. */
export interface TokenCredentials {
  /** IAM user token (the `X-Subject-Token` that IAM returns); valid for 24 hours. */
  token: string;
  accessKey?: never;
  secretKey?: never;
  securityToken?: never;
}

/**
 * Access key credentials: every request is signed with SDK-HMAC-SHA256. With temporary
 * credentials (from IAM's security token API), also pass `securityToken`.
 */
export interface AccessKeyCredentials {
  /** Access key ID (AK). */
  accessKey: string;
  /** Secret access key (SK); it signs requests and is never sent. */
  secretKey: string;
  /** Security token of temporary credentials, sent as `X-Security-Token`. */
  securityToken?: string | undefined;
  token?: never;
}

/** How the client authenticates: an IAM token or an access key pair. */
export type HssCredentials = TokenCredentials | AccessKeyCredentials;

/** The environment variables Huawei's official SDKs read, which the client reads too. */
export const ENV = {
  accessKey: "HUAWEICLOUD_SDK_AK",
  secretKey: "HUAWEICLOUD_SDK_SK",
  securityToken: "HUAWEICLOUD_SDK_SECURITY_TOKEN",
  projectId: "HUAWEICLOUD_SDK_PROJECT_ID",
} as const;

/** Credentials after checking, tagged by kind. */
export type ResolvedCredentials =
  | { kind: "token"; token: string }
  | { kind: "accessKey"; accessKey: string; secretKey: string; securityToken: string | undefined };

type Environment = Readonly<Record<string, string | undefined>>;

/** The process environment where there is one; browsers and workers have none. */
export function processEnv(): Environment {
  return (globalThis as { process?: { env?: Environment } }).process?.env ?? {};
}

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

function fromOptions(credentials: HssCredentials): ResolvedCredentials {
  if (typeof credentials !== "object" || credentials === null) {
    throw new HssConfigurationError(
      "credentials must be an object: { token } or { accessKey, secretKey, securityToken? }.",
    );
  }
  const given = credentials as Partial<Record<"token" | "accessKey" | "secretKey" | "securityToken", unknown>>;
  const keyFields = (["accessKey", "secretKey", "securityToken"] as const).filter((name) => given[name] !== undefined);
  if (given.token !== undefined) {
    if (keyFields.length > 0) {
      throw new HssConfigurationError(
        `credentials take either a token or an access key, not both; drop credentials.token or credentials.${keyFields.join(", credentials.")}.`,
      );
    }
    if (!isText(given.token)) throw new HssConfigurationError("credentials.token must be a non-empty string.");
    return { kind: "token", token: given.token };
  }
  const missing = (["accessKey", "secretKey"] as const).filter((name) => !isText(given[name]));
  if (missing.length > 0) {
    throw new HssConfigurationError(
      `credentials.${missing.join(" and credentials.")} must be a non-empty string (or pass { token } instead).`,
    );
  }
  if (given.securityToken !== undefined && !isText(given.securityToken)) {
    throw new HssConfigurationError("credentials.securityToken must be a non-empty string when given.");
  }
  return {
    kind: "accessKey",
    accessKey: given.accessKey as string,
    secretKey: given.secretKey as string,
    securityToken: given.securityToken as string | undefined,
  };
}

function fromEnvironment(env: Environment): ResolvedCredentials {
  const missing = [ENV.accessKey, ENV.secretKey].filter((name) => !isText(env[name]));
  if (missing.length > 0) {
    throw new HssConfigurationError(
      `No credentials: pass credentials ({ token } or { accessKey, secretKey }) or set ${ENV.accessKey} and ${ENV.secretKey}; missing ${missing.join(" and ")}.`,
    );
  }
  return {
    kind: "accessKey",
    accessKey: env[ENV.accessKey] as string,
    secretKey: env[ENV.secretKey] as string,
    securityToken: isText(env[ENV.securityToken]) ? env[ENV.securityToken] : undefined,
  };
}

/** The credentials of the options, or else those of the environment. */
export function resolveCredentials(credentials: HssCredentials | undefined, env: Environment): ResolvedCredentials {
  return credentials === undefined ? fromEnvironment(env) : fromOptions(credentials);
}

/** The project ID goes into every path: it is held to the spec's rules for project_id, and to what a path segment can carry. */
export function checkedPathSegment(source: string, value: string, mayShow: MayShow = () => true): string {
  checkConfigured(source, "projectId", value, mayShow);
  return value;
}

/**
 * The project of the options, or else that of the environment. `mayShow` says whether a refused
 * value may be quoted: a credential pasted into the wrong option must not be.
 */
export function resolveProjectId(
  projectId: string | undefined,
  env: Environment,
  canDiscover = false,
  mayShow: MayShow = () => true,
): string | undefined {
  if (projectId !== undefined) return checkedPathSegment("projectId", projectId, mayShow);
  const fromEnv = env[ENV.projectId];
  if (!isText(fromEnv)) {
    // With AK/SK and a region the project is found through IAM on the first call.
    if (canDiscover) return undefined;
    throw new HssConfigurationError(
      `No project: pass projectId or set ${ENV.projectId} (or sign with AK/SK and give a region, and the project is found through IAM).`,
    );
  }
  return checkedPathSegment(ENV.projectId, fromEnv, mayShow);
}
