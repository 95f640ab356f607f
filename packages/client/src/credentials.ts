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

/** What is wrong with a credential field that is not a non-empty string, in words that never show its value. */
function emptyField(name: string, value: unknown): string | undefined {
  if (isText(value)) return undefined;
  if (value === undefined) return `credentials.${name} is undefined`;
  if (value === "") return `credentials.${name} is an empty string`;
  return `credentials.${name} is not a string`;
}

function fromOptions(credentials: HssCredentials): ResolvedCredentials {
  if (typeof credentials !== "object" || credentials === null) {
    throw new HssConfigurationError(
      "credentials must be an object: { token } or { accessKey, secretKey, securityToken? }.",
    );
  }
  const given = credentials as Partial<Record<"token" | "accessKey" | "secretKey" | "securityToken", unknown>>;
  const keyFields = (["accessKey", "secretKey", "securityToken"] as const).filter((name) => given[name] !== undefined);
  if (given.token !== undefined && keyFields.length > 0) {
    throw new HssConfigurationError(
      `credentials take either a token or an access key, not both; drop credentials.token or credentials.${keyFields.join(", credentials.")}.`,
    );
  }
  // `{ token: process.env.HSS_TOKEN }` with the variable unset still names a token: say so.
  if (Object.hasOwn(given, "token") && keyFields.length === 0) {
    const problem = emptyField("token", given.token);
    if (problem !== undefined) {
      throw new HssConfigurationError(`${problem}; pass an IAM token (is the environment variable it comes from unset?).`);
    }
    return { kind: "token", token: given.token as string };
  }
  const problems = (["accessKey", "secretKey"] as const).flatMap((name) => emptyField(name, given[name]) ?? []);
  if (problems.length > 0) {
    throw new HssConfigurationError(
      `${problems.join(" and ")}; pass an access key pair or { token } (are the environment variables they come from unset?).`,
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
