import { createRedactor } from "@hss-kit/client";
import type { CheckContext } from "./checks/context.js";
import { registeredChecks, type Check, type CheckCase, type CheckName, type PlanEnv } from "./checks/index.js";
import { latencyOf } from "./checks/robustness.js";
import { HttpTransport } from "./http.js";
import { resolveOptions, type ContractOptions, type ResolvedOptions } from "./options.js";
import { secretsOf, type ParamValues } from "./request.js";
import { FAMILIES, summarize, type CheckResult, type ContractReport } from "./result.js";
import { ResponseValidator } from "./schema.js";
import { Session, Skip, type Exchange } from "./session.js";
import { createPacing } from "./pacing.js";
import { PlanningSession, planOf, type RunPlan } from "./plan.js";
import { hasField, loadModel, type SpecModel, type OperationModel } from "./spec.js";

/** The target could not be reached at all (nothing accepted the connection). The CLI exits 2. */
export class TargetUnreachableError extends Error {
  override readonly name = "TargetUnreachableError";
}

/** Why the gateway profile leaves a check out. */
const GATEWAY_LEAVES_OUT = "not in the gateway profile: it sends more requests than a gateway's budget of a few a minute allows a short run";

/** A case of a check, planned for one operation. */
type Planned = CheckCase & { check: Check };

/** The cases a run plans for an operation, as selected: those that send requests, then those that report on them. */
function planFor(operation: OperationModel, options: Pick<ResolvedOptions, "selected" | "maxLatencyMs" | "credentials" | "otherCredentials">) {
  const env: PlanEnv = {
    signs: options.credentials.kind === "aksk",
    otherCredentials: options.otherCredentials !== undefined,
    ...(options.maxLatencyMs !== undefined ? { maxLatencyMs: options.maxLatencyMs } : {}),
  };
  const planned = registeredChecks()
    .filter((check) => options.selected.has(check.name))
    .flatMap((check) => check.plan(operation, env).map((one): Planned => ({ ...one, check })));
  return { own: planned.filter((p) => !p.check.after), aggregate: planned.filter((p) => p.check.after) };
}

/**
 * The name of every check a run can plan for the spec (with a token or with AK/SK, another
 * project's credential, the latency budget on), in plan order, each once: the checks a proof of
 * the suite must plant a fault for.
 */
export function checkNames(spec: SpecModel): CheckName[] {
  const envs: PlanEnv[] = [false, true].map((signs) => ({ signs, otherCredentials: true, maxLatencyMs: 0 }));
  const planned = registeredChecks().filter((check) =>
    spec.operations.some((operation) => envs.some((env) => check.plan(operation, env).some((one) => !one.skip))));
  return planned.map((check) => check.name);
}

function skipped(operation: OperationModel, planned: Planned, reason: string): CheckResult {
  return { check: planned.check.name, operation: operation.id, subject: planned.subject, status: "skip", reason, failures: [], durationMs: 0 };
}

async function execute(planned: Planned, context: CheckContext): Promise<CheckResult> {
  const { operation, profile } = context;
  if (planned.skip) return skipped(operation, planned, planned.skip);
  const notInMock = planned.check.notInMock ?? planned.notInMock;
  if (profile === "mock" && notInMock) return skipped(operation, planned, `not in the mock profile: ${notInMock}`);
  if (profile === "gateway" && !planned.check.gateway) return skipped(operation, planned, GATEWAY_LEAVES_OUT);
  const started = performance.now();
  const result = (status: CheckResult["status"], extra: Partial<CheckResult> = {}): CheckResult => ({
    check: planned.check.name,
    operation: operation.id,
    subject: planned.subject,
    status,
    failures: [],
    durationMs: Math.round(performance.now() - started),
    ...extra,
  });
  try {
    const failures = await planned.run(context);
    return failures.length === 0 ? result("pass") : result("fail", { failures });
  } catch (error) {
    if (error instanceof Skip) return result("skip", { reason: error.message });
    // A bug in a check must show as a failing line, never as a crash of the whole run.
    return result("fail", { failures: [{ violations: [{ where: "hss-contract", expected: "the check to run to its end", got: (error as Error).message }] }] });
  }
}

/** Values for an operation's required parameters, or why the run has none. */
function baseFor(operation: OperationModel, known: Record<string, string | undefined>): { base: ParamValues } | { missing: string } {
  const base: ParamValues = {};
  for (const parameter of operation.parameters.filter((p) => p.required)) {
    const value = known[parameter.name];
    if (value === undefined) return { missing: parameter.name };
    base[parameter.name] = value;
  }
  return { base };
}

function whyMissing(name: string, operation: OperationModel, spec: SpecModel): string {
  if (name === "task_id") return "no --task-id given: a scan task ID can't be discovered from the five endpoints";
  if (name === "host_id") {
    const sources = spec.operations.filter((o) => hasField(o, "host_id") && !o.parameters.some((p) => p.name === "host_id" && p.required));
    return `no --host-id given, and none discovered: the answers of ${sources.map((o) => o.id).join(" and ")} held no usable host_id`;
  }
  return `${operation.id} requires the parameter ${name}, which hss-contract has no value for`;
}

/** Finds a host_id in the items of the baseline answers, for operations that require one. */
function discoverHostId(session: Session, baselines: Map<string, Exchange>, spec: SpecModel): { value: string; from: string } | undefined {
  const wanted = spec.operations.flatMap((o) => o.parameters).find((p) => p.name === "host_id" && p.required)?.rules;
  for (const operation of spec.operations) {
    const exchange = baselines.get(operation.id);
    if (!exchange || !hasField(operation, "host_id")) continue;
    const parsed = session.parse(exchange);
    if (!parsed.ok) continue;
    const items = (parsed.value as { data_list?: unknown }).data_list;
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const value = (item as Record<string, unknown> | null)?.host_id;
      if (typeof value !== "string" || value.length === 0) continue;
      if (wanted?.maxLength !== undefined && value.length > wanted.maxLength) continue;
      return { value, from: operation.id };
    }
  }
  return undefined;
}

/**
 * Deep-replaces the token in every string of the report, in every encoding a server may echo it
 * in (percent-encoded, JSON-escaped, hex, base64 at any alignment): the client's redactor, so the
 * CLI and the client hide a credential the same way.
 */
function scrub<T>(value: T, secrets: readonly string[]): T {
  const redactor = createRedactor([...secrets]);
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === "string" ? redactor.text(v) : v))) as T;
}

async function runOperation(
  operation: OperationModel,
  options: ResolvedOptions,
  session: Session,
  validator: ResponseValidator,
  base: ParamValues,
  baseline: Exchange,
): Promise<CheckResult[]> {
  const store = new Map<string, unknown>();
  const context: CheckContext = {
    operation,
    session,
    validator,
    profile: options.profile,
    base,
    baseline,
    seed: options.seed,
    propertyRuns: options.propertyRuns,
    shared<T>(key: string, make: () => T): T {
      if (!store.has(key)) store.set(key, make());
      return store.get(key) as T;
    },
  };
  const results: CheckResult[] = [];
  const { own, aggregate } = planFor(operation, options);
  if (baseline.outcome.kind !== "response") {
    const reason = `the valid baseline request failed (${baseline.outcome.failure}: ${baseline.outcome.message}); see robustness.transport`;
    results.push(...own.map((planned) => skipped(operation, planned, reason)));
  } else {
    for (const planned of own) results.push(await execute(planned, context));
  }
  for (const planned of aggregate) results.push(await execute(planned, context));
  return results;
}

/** The window a 429 without Retry-After closes when the spec states no limit for the operation. */
const DEFAULT_THROTTLE_WINDOW_MS = 60_000;

/**
 * The run's plan: each operation's checks run once against a session that sends nothing and
 * answers with the operation's baseline, counting the requests they would send.
 */
async function planRun(
  spec: SpecModel,
  options: ResolvedOptions,
  validator: ResponseValidator,
  bases: ReadonlyMap<string, ParamValues>,
  baselines: ReadonlyMap<string, Exchange>,
  sessionArgs: [HttpTransport, string, ResolvedOptions["credentials"]],
): Promise<RunPlan> {
  const planning = new PlanningSession(baselines, ...sessionArgs);
  await Promise.all(spec.operations.map(async (operation) => {
    const base = bases.get(operation.id);
    const baseline = baselines.get(operation.id);
    if (base && baseline) await runOperation(operation, options, planning, validator, base, baseline);
  }));
  const byOperation = Object.fromEntries(spec.operations.map((operation) => [
    operation.id,
    (baselines.has(operation.id) ? 1 : 0) + (planning.counts.get(operation.id) ?? 0),
  ]));
  return planOf(byOperation, options.budgetOf);
}

function familyIndex(check: string): number {
  return FAMILIES.indexOf(check.split(".")[0] as (typeof FAMILIES)[number]);
}

/**
 * Holds the implementation at `options.baseUrl` to the spec: sends every check's requests and
 * returns the report. Throws {@link UsageError} for bad options and
 * {@link TargetUnreachableError} when nothing answers at the base URL; any other misbehaviour
 * of the target (hangs, resets, garbage) becomes failing checks.
 */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const startedAt = new Date();
  const started = performance.now();
  const spec = loadModel(options.specPath);
  const resolved = resolveOptions(options, spec);
  const validator = new ResponseValidator(spec);
  const transport = new HttpTransport({ timeoutMs: resolved.timeoutMs, maxBodyBytes: resolved.maxBodyBytes });
  const judges = registeredChecks().flatMap(({ name, judge }) =>
    judge ? [{ check: name, judge: (exchange: Exchange, session: Session) => judge(exchange, session, validator) }] : []);
  const pacing = createPacing({
    budget: resolved.budgetOf,
    // Without Retry-After, a 429 waits for the budget's window, else for the spec's.
    windowOf: (id) => resolved.budgetOf(id)?.windowMs ?? spec.operations.find((operation) => operation.id === id)?.rateLimit?.perCredential.windowMs ?? DEFAULT_THROTTLE_WINDOW_MS,
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  const session = new Session(transport, resolved.baseUrl, resolved.credentials, judges, resolved.otherCredentials, pacing);
  const discovered: string[] = [];
  try {
    const known: Record<string, string | undefined> = {
      project_id: resolved.projectId,
      region: resolved.region,
      task_id: resolved.taskId,
      host_id: resolved.hostId,
    };
    const baselines = new Map<string, Exchange>();
    const sendBaseline = async (operation: OperationModel, base: ParamValues) => {
      const exchange = await session.send({ operation, params: base }, "baseline");
      if (session.requestCount === 1 && exchange.outcome.kind === "transport-failure" && exchange.outcome.failure === "unreachable") {
        throw new TargetUnreachableError(`cannot reach --base-url ${resolved.baseUrl}: ${exchange.outcome.message}`);
      }
      baselines.set(operation.id, exchange);
    };
    // Operations that need nothing discovered go first: their answers may yield a host_id. The
    // first request alone tells an unreachable target apart; the rest go in parallel, so a
    // hanging target costs two timeouts here, not one per operation.
    const ready = spec.operations.flatMap((operation) => {
      const found = baseFor(operation, known);
      return "base" in found ? [{ operation, base: found.base }] : [];
    });
    const [first, ...others] = ready;
    if (first) await sendBaseline(first.operation, first.base);
    await Promise.all(others.map(({ operation, base }) => sendBaseline(operation, base)));
    if (known.host_id === undefined) {
      const host = discoverHostId(session, baselines, spec);
      if (host) {
        known.host_id = host.value;
        discovered.push(`host_id ${JSON.stringify(host.value)} from ${host.from}`);
      }
    }
    const bases = new Map(spec.operations.flatMap((operation) => {
      const found = baseFor(operation, known);
      return "base" in found ? [[operation.id, found.base] as const] : [];
    }));
    await Promise.all(spec.operations.filter((o) => bases.has(o.id) && !baselines.has(o.id)).map((o) => sendBaseline(o, bases.get(o.id)!)));
    const plan = await planRun(spec, resolved, validator, bases, baselines, [transport, resolved.baseUrl, resolved.credentials]);
    options.onPlan?.(plan);
    const runs = spec.operations.map(async (operation, index) => {
      const base = bases.get(operation.id);
      if (!base) {
        const found = baseFor(operation, known) as { missing: string };
        const reason = whyMissing(found.missing, operation, spec);
        const { own, aggregate } = planFor(operation, resolved);
        return [...own, ...aggregate].map((planned) => ({ index, result: skipped(operation, planned, reason) }));
      }
      const results = await runOperation(operation, resolved, session, validator, base, baselines.get(operation.id) as Exchange);
      return results.map((result) => ({ index, result }));
    });
    const ordered = (await Promise.all(runs)).flat();
    ordered.sort((a, b) => a.index - b.index || familyIndex(a.result.check) - familyIndex(b.result.check));
    const results = ordered.map((entry) => entry.result);
    const report: ContractReport = {
      target: {
        baseUrl: resolved.baseUrl,
        projectId: resolved.projectId,
        ...(known.host_id !== undefined ? { hostId: known.host_id } : {}),
        ...(resolved.taskId !== undefined ? { taskId: resolved.taskId } : {}),
        region: resolved.region,
      },
      profile: resolved.profile,
      seed: resolved.seed,
      discovered,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      requests: session.requestCount,
      plan,
      throttled: session.throttledCount,
      ...(resolved.maxLatencyMs !== undefined
        ? { latency: Object.fromEntries(spec.operations.map((operation) => {
            const durations = session.durationsOf(operation.id);
            return [operation.id, { ...latencyOf(durations), responses: durations.length }];
          })) }
        : {}),
      results,
      summary: summarize(results),
    };
    return scrub(report, [...secretsOf(resolved.credentials), ...(resolved.otherCredentials ? secretsOf(resolved.otherCredentials) : [])]);
  } finally {
    transport.close();
  }
}
