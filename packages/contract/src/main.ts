import { existsSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { PROFILES, type Profile } from "./checks/context.js";
import { parseRateLimit } from "@hss-kit/spec";
import { UsageError, type ContractOptions } from "./options.js";
import { proxyLimits, startValidationProxy } from "./proxy.js";
import { formatConsole, formatPlan, formatWait } from "./report/console.js";
import { formatJson } from "./report/json.js";
import { formatJunit } from "./report/junit.js";
import { runContract, TargetUnreachableError } from "./run.js";

/** How the CLI talks to the world; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Where relative report paths resolve: the directory the user ran the command from. */
  cwd: string;
  /** Resolves when the proxy should stop (SIGINT/SIGTERM for the real CLI). */
  stopSignal?: Promise<void>;
}

/** Usage text of the CLI. */
export const USAGE = `Usage:
  hss-contract --base-url URL --project-id ID --token TOKEN [options]
  hss-contract --base-url URL --project-id ID --access-key AK --secret-key SK [--security-token T] [options]
  hss-contract proxy --upstream URL [--port N] [--host ADDRESS] [--upstream-timeout MS] [--max-body-bytes N] [--access-key AK --secret-key SK]

Holds an implementation of the HSS v5 API to the spec and reports every check.

Options:
  --base-url URL     the implementation under test (or HSS_BASE_URL)
  --project-id ID    project ID for every call (or HSS_PROJECT_ID)
  --token TOKEN      IAM token the target accepts (or HSS_TOKEN); never printed
  --access-key AK    sign every request with AK/SK instead (or HUAWEICLOUD_SDK_AK)
  --secret-key SK    the secret key to sign with (or HUAWEICLOUD_SDK_SK); never printed
  --security-token T security token of temporary credentials (or HUAWEICLOUD_SDK_SECURITY_TOKEN)
  --other-token T    a token of another project (or HSS_OTHER_TOKEN), for the tenancy checks; never printed
  --other-access-key AK --other-secret-key SK
                     or an AK/SK pair of another project, for the tenancy checks; never printed
  --host-id ID       host_id for listPorts; discovered from listUsers/listLocalImageHosts if absent
  --task-id ID       scan task ID for listVulScanTaskHost; its checks are skipped if absent
  --region R         value of the region header (default cn-north-4)
  --profile P        full (default); mock: only what a stateless server such as Prism can pass;
                     gateway: only checks of a request or two per operation, for a real gateway's budget
  --rate-limit L     keep each operation's requests within L: N/WINDOW (5/1m, 5/2s), spec (the spec's
                     x-hss-rate-limit, 5 a minute), or off. Default: spec, except off for a target on
                     this machine (127.0.0.1, localhost). A 429 is always waited out, then sent again
  --seed N           fast-check seed, to reproduce generated cases (default: random, printed)
  --timeout MS       per-request deadline in milliseconds (default 10000)
  --checks LIST      run only these checks: names or families, comma-separated (such as filters,auth.wrong-token)
  --exclude-checks LIST  leave these checks out: names or families, comma-separated
  --max-latency MS   fail an operation whose p95 response time is above MS, and report p50/p95 (default: off)
  --junit FILE       also write a JUnit XML report
  --json FILE        also write a JSON report
  -h, --help         show this help

Proxy options:
  --upstream URL          the implementation to put behind Prism's validation proxy
  --upstream-timeout MS   how long the upstream may take to answer, body included (default 30000); then 504
  --max-body-bytes N      most bytes of one upstream body after decompression (default 16777216); then 502
  --access-key AK --secret-key SK
                          accept only requests signed with this pair, and re-sign each for the upstream

Exit status: 0 every check passed, 1 a check failed, 2 usage error or unreachable target.`;

function integerFlag(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${flag} must be an integer; got ${JSON.stringify(raw)}.`);
  return Number(raw);
}

function rateLimitFlag(raw: string | undefined): ContractOptions["rateLimit"] {
  if (raw === undefined) return undefined;
  if (raw === "off") return false;
  if (raw === "spec") return "spec";
  try {
    return parseRateLimit(raw);
  } catch (error) {
    throw new UsageError(`--rate-limit takes N/WINDOW, spec or off: ${(error as Error).message}`);
  }
}

function reportPath(flag: string, raw: string | undefined, cwd: string): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === "") throw new UsageError(`${flag} needs a file path; got an empty value.`);
  const path = resolve(cwd, raw);
  const directory = dirname(path);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UsageError(`${flag} ${JSON.stringify(raw)}: the directory ${directory} does not exist.`);
  }
  return path;
}

function parse(args: string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    "base-url": { type: "string" },
    "project-id": { type: "string" },
    token: { type: "string" },
    "access-key": { type: "string" },
    "secret-key": { type: "string" },
    "security-token": { type: "string" },
    "other-token": { type: "string" },
    "other-access-key": { type: "string" },
    "other-secret-key": { type: "string" },
    "host-id": { type: "string" },
    "task-id": { type: "string" },
    region: { type: "string" },
    profile: { type: "string" },
    seed: { type: "string" },
    timeout: { type: "string" },
    checks: { type: "string" },
    "exclude-checks": { type: "string" },
    "max-latency": { type: "string" },
    "rate-limit": { type: "string" },
    junit: { type: "string" },
    json: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const text = (key: string) => values[key] as string | undefined;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const baseUrl = text("base-url") ?? io.env.HSS_BASE_URL;
  const projectId = text("project-id") ?? io.env.HSS_PROJECT_ID;
  const accessKey = text("access-key") ?? io.env.HUAWEICLOUD_SDK_AK;
  const secretKey = text("secret-key") ?? io.env.HUAWEICLOUD_SDK_SK;
  const securityToken = text("security-token") ?? io.env.HUAWEICLOUD_SDK_SECURITY_TOKEN;
  // The environment's token only when no key pair is given on the command line or in the environment.
  const token = text("token") ?? (accessKey === undefined && secretKey === undefined ? io.env.HSS_TOKEN : undefined);
  if (baseUrl === undefined) throw new UsageError("--base-url is required (or set HSS_BASE_URL): the URL of the implementation under test.");
  if (projectId === undefined) throw new UsageError("--project-id is required (or set HSS_PROJECT_ID).");
  const profile = text("profile");
  if (profile !== undefined && !(PROFILES as readonly string[]).includes(profile)) {
    throw new UsageError(`--profile must be ${PROFILES.join(", ")}; got ${JSON.stringify(profile)}.`);
  }
  const rateLimit = rateLimitFlag(text("rate-limit"));
  const junit = reportPath("--junit", text("junit"), io.cwd);
  const json = reportPath("--json", text("json"), io.cwd);
  const seed = integerFlag("--seed", text("seed"));
  const timeoutMs = integerFlag("--timeout", text("timeout"));
  const maxLatencyMs = integerFlag("--max-latency", text("max-latency"));
  const list = (raw: string | undefined) => raw?.split(",").map((entry) => entry.trim()).filter(Boolean);
  const checks = list(text("checks"));
  const excludeChecks = list(text("exclude-checks"));
  const options: ContractOptions = {
    baseUrl,
    projectId,
    ...(token !== undefined ? { token } : {}),
    ...(accessKey !== undefined ? { accessKey } : {}),
    ...(secretKey !== undefined ? { secretKey } : {}),
    ...(securityToken !== undefined ? { securityToken } : {}),
    ...((text("other-token") ?? io.env.HSS_OTHER_TOKEN) !== undefined ? { otherToken: text("other-token") ?? io.env.HSS_OTHER_TOKEN } : {}),
    ...(text("other-access-key") !== undefined ? { otherAccessKey: text("other-access-key") } : {}),
    ...(text("other-secret-key") !== undefined ? { otherSecretKey: text("other-secret-key") } : {}),
    ...(text("host-id") !== undefined ? { hostId: text("host-id") } : {}),
    ...(text("task-id") !== undefined ? { taskId: text("task-id") } : {}),
    ...(text("region") !== undefined ? { region: text("region") } : {}),
    ...(profile !== undefined ? { profile: profile as Profile } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxLatencyMs !== undefined ? { maxLatencyMs } : {}),
    ...(checks !== undefined ? { checks } : {}),
    ...(excludeChecks !== undefined ? { excludeChecks } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    onPlan: (plan) => io.stdout(`${formatPlan(plan)}\n`),
    onWait: (wait) => {
      if (wait.reason === "throttled") io.stdout(`${formatWait(wait)}\n`);
    },
  };
  const report = await runContract(options);
  io.stdout(formatConsole(report));
  try {
    if (junit) writeFileSync(junit, formatJunit(report));
    if (json) writeFileSync(json, formatJson(report));
  } catch (error) {
    throw new UsageError(`could not write the report: ${(error as Error).message}`);
  }
  return report.summary.failed > 0 ? 1 : 0;
}

async function proxyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    upstream: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    "upstream-timeout": { type: "string" },
    "max-body-bytes": { type: "string" },
    "access-key": { type: "string" },
    "secret-key": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const accessKey = (values["access-key"] as string | undefined) ?? io.env.HUAWEICLOUD_SDK_AK;
  const secretKey = (values["secret-key"] as string | undefined) ?? io.env.HUAWEICLOUD_SDK_SK;
  if ((accessKey === undefined) !== (secretKey === undefined) || accessKey === "" || secretKey === "") {
    throw new UsageError("proxy takes --access-key and --secret-key together, both non-empty (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK).");
  }
  const upstream = values.upstream as string | undefined;
  if (upstream === undefined) throw new UsageError("proxy needs --upstream URL: the implementation to validate.");
  const { DEFAULT_MAX_UPSTREAM_BODY_BYTES, DEFAULT_UPSTREAM_TIMEOUT_MS } = await proxyLimits();
  const port = integerFlag("--port", values.port as string | undefined) ?? 0;
  if (port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535; got ${port}.`);
  const upstreamTimeoutMs = integerFlag("--upstream-timeout", values["upstream-timeout"] as string | undefined) ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  if (upstreamTimeoutMs < 1 || upstreamTimeoutMs > 600_000) {
    throw new UsageError(`--upstream-timeout must be an integer from 1 to 600000 milliseconds; got ${upstreamTimeoutMs}.`);
  }
  const maxUpstreamBodyBytes = integerFlag("--max-body-bytes", values["max-body-bytes"] as string | undefined) ?? DEFAULT_MAX_UPSTREAM_BODY_BYTES;
  if (maxUpstreamBodyBytes < 1024 || maxUpstreamBodyBytes > 1024 ** 3) {
    throw new UsageError(`--max-body-bytes must be an integer from 1024 to ${1024 ** 3}; got ${maxUpstreamBodyBytes}.`);
  }
  const proxy = await startValidationProxy({
    upstream,
    port,
    upstreamTimeoutMs,
    maxUpstreamBodyBytes,
    ...(values.host ? { host: values.host as string } : {}),
    ...(accessKey !== undefined && secretKey !== undefined ? { keyPair: { accessKey, secretKey } } : {}),
  });
  io.stdout(
    `hss-contract proxy: Prism validation proxy listening on ${proxy.url}, forwarding to ${upstream}\n` +
      "  Send your traffic to that URL: a response that breaks the spec comes back as a 500 listing\n" +
      "  each violation; an invalid request is refused with 422 and never forwarded. Ctrl-C stops it.\n",
  );
  await (io.stopSignal ?? new Promise<void>(() => undefined));
  await proxy.close();
  return 0;
}

/** Runs the CLI with `args` (without `node` and the script) and returns its exit status. */
export async function main(args: string[], io: CliIo): Promise<number> {
  try {
    return args[0] === "proxy" ? await proxyCommand(args.slice(1), io) : await runCommand(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`hss-contract: ${error.message}\nRun hss-contract --help for usage.\n`);
      return 2;
    }
    if (error instanceof TargetUnreachableError) {
      io.stderr(`hss-contract: ${error.message}\n`);
      return 2;
    }
    // No stack trace: the message is what a user can act on.
    io.stderr(`hss-contract: unexpected error: ${(error as Error).message}\n`);
    return 2;
  }
}
