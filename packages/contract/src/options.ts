import { HSS_REGIONS } from "@hss-kit/client";
import { PROFILES, type Profile } from "./checks/context.js";
import { SelectionError, selectChecks, type CheckName } from "./checks/index.js";
import type { RunCredentials } from "./request.js";
import type { ParameterRules, SpecModel } from "./spec.js";
import { checkRateLimit, type RateLimit } from "@hss-kit/spec";
import type { PacingWait } from "./pacing.js";
import type { RunPlan } from "./plan.js";

/** What a contract run needs to know; the CLI's flags map one to one onto these. */
export interface ContractOptions {
  /** Base URL of the implementation under test (`--base-url`), with any path prefix. */
  baseUrl: string;
  /** Project ID for every call (`--project-id`). */
  projectId: string;
  /** IAM token the target accepts (`--token`); never printed. Give it, or `accessKey` and `secretKey`. */
  token?: string;
  /** Access key to sign every request with (`--access-key`), with `secretKey`. */
  accessKey?: string;
  /** Secret key to sign with (`--secret-key`); never printed. */
  secretKey?: string;
  /** Security token of temporary AK/SK credentials (`--security-token`); sent signed, never printed. */
  securityToken?: string;
  /** host_id for operations that require one (`--host-id`); discovered when absent. */
  hostId?: string;
  /** Vulnerability scan task ID (`--task-id`); its checks are skipped when absent. */
  taskId?: string;
  /** Value of the `region` header (`--region`); cn-north-4 by default. */
  region?: string;
  /** `full` (default), `mock` or `gateway` (`--profile`). */
  profile?: Profile;
  /** fast-check seed (`--seed`); random by default and always reported. */
  seed?: number;
  /** Per-request deadline in milliseconds (`--timeout`); 10,000 by default. */
  timeoutMs?: number;
  /** Most body bytes read per response; 4 MiB by default. */
  maxBodyBytes?: number;
  /** Generated cases per operation for `inputs.generated`; 25 by default. */
  propertyRuns?: number;
  /** An OpenAPI JSON file to hold the target to instead of the bundled spec. */
  specPath?: string;
  /** Checks to run, by name or family (`--checks`); all by default. */
  checks?: readonly string[];
  /** Checks to leave out, by name or family (`--exclude-checks`). */
  excludeChecks?: readonly string[];
  /** A token of another project (`--other-token`), for the tenancy checks; never printed. */
  otherToken?: string;
  /** An access key of another project (`--other-access-key`), with `otherSecretKey`, for the tenancy checks. */
  otherAccessKey?: string;
  /** The secret key of that access key (`--other-secret-key`); never printed. */
  otherSecretKey?: string;
  /** Latency budget (`--max-latency`): an operation whose p95 response time is above it fails `robustness.latency`. Off by default. */
  maxLatencyMs?: number;
  /**
   * The request budget (`--rate-limit`): each operation's requests keep within `requests` per
   * `windowMs`, as HSS's gateway throttles one credential. Default: the spec's limit
   * (`x-hss-rate-limit`, five a minute), except against a loopback address (a local mock or
   * server), where requests are not paced; `"spec"` is the spec's limit whatever the target;
   * `false` turns pacing off. Either way a 429 is waited out and the request sent again.
   */
  rateLimit?: RateLimit | "spec" | false;
  /** Told the run's plan (requests, and with a budget the least time) once the baselines are in, before the checks send theirs. */
  onPlan?: (plan: RunPlan) => void;
  /** Told of every wait, for the budget or after a 429, as it starts. */
  onWait?: (wait: PacingWait) => void;
}

/** Options with every default filled in and every value checked. */
export type ResolvedOptions = Required<
  Omit<ContractOptions, "hostId" | "taskId" | "specPath" | "checks" | "excludeChecks" | "maxLatencyMs" | "token" | "accessKey" | "secretKey" | "securityToken" | "otherToken" | "otherAccessKey" | "otherSecretKey" | "rateLimit" | "onPlan" | "onWait">
> &
  Pick<ContractOptions, "hostId" | "taskId" | "maxLatencyMs"> & {
    /** Each operation's budget, or undefined when its requests are not paced. */
    budgetOf(operation: string): RateLimit | undefined;
    /** Where the budget comes from, in words, for the plan line. */
    budgetSource: string;
    /** What every request authenticates with. */
    credentials: RunCredentials;
    /** The checks the selection keeps. */
    selected: ReadonlySet<CheckName>;
    /** A credential of another project, for the tenancy checks. */
    otherCredentials?: RunCredentials;
  };

/** Bad input from the caller: names the flag, the value and what is allowed. The CLI exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Default per-request deadline. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default cap on the bytes read from one response: far above the largest page the spec allows. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Default number of generated cases per operation. */
export const DEFAULT_PROPERTY_RUNS = 25;
/** Default region header. */
export const DEFAULT_REGION = "cn-north-4";

function quote(value: string): string {
  return value.length > 80 ? `${JSON.stringify(value.slice(0, 80))}… (${value.length} characters)` : JSON.stringify(value);
}

/** The schema of the parameter a flag feeds, preferring an operation that requires it (the one the value is for). */
function parameterSchema(spec: SpecModel, name: string): ParameterRules | undefined {
  const all = spec.operations.flatMap((operation) => operation.parameters.filter((p) => p.name === name));
  return (all.find((p) => p.required) ?? all[0])?.rules;
}

/** Checks a string flag against the length bounds the spec gives the parameter it feeds. */
function checkLength(flag: string, value: string, schema: ParameterRules | undefined, what: string): void {
  const min = Math.max(schema?.minLength ?? 0, 0);
  const max = schema?.maxLength;
  if (value.length < min || (max !== undefined && value.length > max)) {
    const range = max === undefined ? `at least ${min}` : `${min} to ${max}`;
    throw new UsageError(`${flag} must be ${range} characters long (the spec's ${what}); got ${quote(value)}.`);
  }
}

function checkInteger(flag: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}; got ${String(value)}.`);
  }
}

/**
 * Refuses an ID that URL normalisation would remove from the path (`.` and `..`), which would
 * send every request of the run to another endpoint.
 */
function checkPathSegment(flag: string, value: string): void {
  if (value === "." || value === "..") {
    throw new UsageError(`${flag} must not be "." or "..": it goes into the request path, where it would address another endpoint; got ${quote(value)}.`);
  }
}

/** The run's credentials: a token, or an AK/SK pair (with its security token); never both. */
function credentialsOf(options: ContractOptions): RunCredentials {
  const { token, accessKey, secretKey, securityToken } = options;
  const signing = accessKey !== undefined || secretKey !== undefined;
  if (signing && token !== undefined) throw new UsageError("give --token or --access-key and --secret-key, not both.");
  if (!signing) {
    if (typeof token !== "string" || token.length === 0) {
      throw new UsageError("--token (or HSS_TOKEN) is required, or --access-key and --secret-key (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK).");
    }
    return { kind: "token", token };
  }
  // Not echoed: a key is a secret, and every report line would carry it.
  if (typeof accessKey !== "string" || accessKey === "") throw new UsageError("--access-key (or HUAWEICLOUD_SDK_AK) is required with --secret-key.");
  if (typeof secretKey !== "string" || secretKey === "") throw new UsageError("--secret-key (or HUAWEICLOUD_SDK_SK) is required with --access-key.");
  if (securityToken !== undefined && securityToken === "") throw new UsageError("--security-token must not be empty.");
  return { kind: "aksk", accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
}

/** Whether a URL's host is this machine (where mocks and development servers run). */
function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The budget of each operation: given, the spec's, or none. */
function budgetFor(given: ContractOptions["rateLimit"], url: URL, spec: SpecModel): Pick<ResolvedOptions, "budgetOf" | "budgetSource"> {
  if (given === false) return { budgetOf: () => undefined, budgetSource: "off (--rate-limit off)" };
  const limits = new Map(spec.operations.map((operation) => [operation.id, operation.rateLimit?.perCredential]));
  const specs = { budgetOf: (operation: string) => limits.get(operation), budgetSource: "the spec's x-hss-rate-limit" };
  if (given === "spec") return specs;
  if (given !== undefined) {
    let limit: RateLimit;
    try {
      limit = checkRateLimit("--rate-limit", given);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    return { budgetOf: () => limit, budgetSource: "--rate-limit" };
  }
  if (isLoopback(url)) return { budgetOf: () => undefined, budgetSource: "off: the target is on this machine (--rate-limit spec paces it)" };
  return specs;
}

/** The credential of another project, when one is given: a token, or an AK/SK pair; never both. */
function otherCredentialsOf(options: ContractOptions, own: RunCredentials): RunCredentials | undefined {
  const { otherToken, otherAccessKey, otherSecretKey } = options;
  const signing = otherAccessKey !== undefined || otherSecretKey !== undefined;
  if (signing && otherToken !== undefined) throw new UsageError("give --other-token or --other-access-key and --other-secret-key, not both.");
  if (otherToken !== undefined) {
    if (otherToken === "") throw new UsageError("--other-token must not be empty.");
    if (own.kind === "token" && own.token === otherToken) throw new UsageError("--other-token must be a credential of another project, not --token again.");
    return { kind: "token", token: otherToken };
  }
  if (!signing) return undefined;
  if (typeof otherAccessKey !== "string" || otherAccessKey === "" || typeof otherSecretKey !== "string" || otherSecretKey === "") {
    throw new UsageError("--other-access-key and --other-secret-key go together, both non-empty.");
  }
  if (own.kind === "aksk" && own.accessKey === otherAccessKey) throw new UsageError("--other-access-key must be a key of another project, not --access-key again.");
  return { kind: "aksk", accessKey: otherAccessKey, secretKey: otherSecretKey };
}

/** Fills in defaults and refuses bad options with a {@link UsageError} naming the flag. */
export function resolveOptions(options: ContractOptions, spec: SpecModel): ResolvedOptions {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new UsageError(`--base-url must be an absolute http:// or https:// URL; got ${quote(String(options.baseUrl ?? ""))}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--base-url must be an absolute http:// or https:// URL; got ${quote(options.baseUrl)}.`);
  }
  // Not echoed: user info in a URL is a password, and every report line would carry it.
  if (url.username || url.password) throw new UsageError("--base-url must not carry credentials (user:password@); pass the token with --token.");
  if (url.search || url.hash) throw new UsageError(`--base-url must not carry a query or fragment; got ${quote(options.baseUrl)}.`);
  if (typeof options.projectId !== "string") throw new UsageError("--project-id is required.");
  checkLength("--project-id", options.projectId, parameterSchema(spec, "project_id") ?? { minLength: 1 }, "project_id");
  checkPathSegment("--project-id", options.projectId);
  const credentials = credentialsOf(options);
  const otherCredentials = otherCredentialsOf(options, credentials);
  if (options.hostId !== undefined) checkLength("--host-id", options.hostId, parameterSchema(spec, "host_id"), "host_id");
  if (options.taskId !== undefined) {
    checkLength("--task-id", options.taskId, parameterSchema(spec, "task_id"), "task_id");
    checkPathSegment("--task-id", options.taskId);
  }
  const region = options.region ?? DEFAULT_REGION;
  if (!(HSS_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(`--region must be an HSS region (${HSS_REGIONS.join(", ")}); got ${quote(region)}.`);
  }
  const profile = options.profile ?? "full";
  if (!PROFILES.includes(profile)) {
    throw new UsageError(`--profile must be ${PROFILES.join(", ")}; got ${quote(String(profile))}.`);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  checkInteger("--seed", seed, -(2 ** 31), 2 ** 31 - 1);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkInteger("--timeout", timeoutMs, 50, 600_000);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  checkInteger("maxBodyBytes", maxBodyBytes, 1024, 1024 ** 3);
  const propertyRuns = options.propertyRuns ?? DEFAULT_PROPERTY_RUNS;
  checkInteger("propertyRuns", propertyRuns, 1, 10_000);
  if (options.maxLatencyMs !== undefined) checkInteger("--max-latency", options.maxLatencyMs, 1, 600_000);
  let selected: Set<CheckName>;
  try {
    selected = selectChecks(options.checks, options.excludeChecks);
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(error.message);
    throw error;
  }
  if (selected.size === 0) throw new UsageError("--checks and --exclude-checks leave no check to run.");
  const { budgetOf, budgetSource } = budgetFor(options.rateLimit, url, spec);
  return {
    budgetOf,
    budgetSource,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    projectId: options.projectId,
    credentials,
    ...(otherCredentials ? { otherCredentials } : {}),
    ...(options.hostId !== undefined ? { hostId: options.hostId } : {}),
    ...(options.taskId !== undefined ? { taskId: options.taskId } : {}),
    region,
    profile,
    seed,
    timeoutMs,
    maxBodyBytes,
    propertyRuns,
    selected,
    ...(options.maxLatencyMs !== undefined ? { maxLatencyMs: options.maxLatencyMs } : {}),
  };
}
