// hss-contract against a throttled target: it keeps within its budget, waits a 429 out and sends
// the request again instead of failing a check for it, holds every 429 to the spec
// (conformance.throttled), and says its plan first. The target is the stateful mock behind its
// gateway throttle, its window scaled to a second so a run takes seconds; nothing here depends on
// how fast the machine is, only on the order of things.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadModel } from "@hss-kit/spec";
import { describe, expect, it } from "vitest";
import { leastTimeMs, planOf } from "../src/plan.js";
import { resolveOptions } from "../src/options.js";
import { retryAfterMs } from "../src/pacing.js";
import { formatPlan, runContract, type ContractReport } from "../src/index.js";
import { checkNamed } from "../src/checks/index.js";
import { startTarget } from "./fixtures/target.js";

const spec = loadModel();
/** The mock's scaled limit: HSS's count of requests, in a window of a second. */
const MOCK_LIMIT = { requests: 5, windowMs: 1_000 };
/** Checks whose requests fit a few windows: the conformance judges see every answer, 429s included. */
const CHECKS = ["conformance", "robustness", "pagination", "auth.missing-token"];

async function runThrottled(rateLimit: { requests: number; windowMs: number } | false, retryAfter: boolean) {
  const target = await startTarget(undefined, { perCredential: MOCK_LIMIT, retryAfter });
  const plans: unknown[] = [];
  const waits: { reason: string; retryAfter?: string }[] = [];
  try {
    const report = await runContract({
      baseUrl: target.url,
      projectId: target.projectId,
      token: target.token,
      taskId: target.taskId,
      seed: 3,
      checks: CHECKS,
      rateLimit,
      onPlan: (plan) => plans.push(plan),
      onWait: (wait) => waits.push(wait),
    });
    return { report, plans, waits };
  } finally {
    await target.close();
  }
}

const statusOf = (report: ContractReport, check: string) => new Set(report.results.filter((r) => r.check === check).map((r) => r.status));

describe("a run against a throttling target", () => {
  it("waits out every 429 its budget draws (twice the target's limit), fails no check for them, and passes conformance.throttled", async () => {
    const { report, waits } = await runThrottled({ requests: 10, windowMs: 1_000 }, false);
    expect(report.summary.failed, JSON.stringify(report.results.filter((r) => r.status === "fail"), null, 1)).toBe(0);
    expect(report.throttled).toBeGreaterThan(0);
    expect(waits.filter((w) => w.reason === "throttled")).toHaveLength(report.throttled);
    expect(statusOf(report, "conformance.throttled").has("pass")).toBe(true);
  });

  it("takes the wait the target asks for with Retry-After", async () => {
    const { report, waits } = await runThrottled({ requests: 10, windowMs: 1_000 }, true);
    expect(report.summary.failed).toBe(0);
    const throttled = waits.filter((w) => w.reason === "throttled");
    expect(throttled.length).toBeGreaterThan(0);
    for (const wait of throttled) expect(wait.retryAfter).toMatch(/^\d+$/);
  });

  it("within the target's own limit, draws hardly any 429 and reports the plan it kept to", async () => {
    const { report, plans } = await runThrottled(MOCK_LIMIT, false);
    expect(report.summary.failed).toBe(0);
    expect(plans).toEqual([report.plan]);
    expect(report.plan.budget).toEqual(MOCK_LIMIT);
    // The plan counts what a target answering alike is sent: this one was, give or take its 429s.
    expect(report.requests - report.throttled).toBe(report.plan.requests);
    expect(report.durationMs).toBeGreaterThanOrEqual(report.plan.leastMs!);
    // Budget and target count the same window from two ends of a connection: a request can arrive
    // a hair early, never more than once per window.
    expect(report.throttled).toBeLessThanOrEqual(Math.ceil(report.durationMs / MOCK_LIMIT.windowMs) * spec.operations.length);
  });
});

describe("a run paced by the spec's budget", () => {
  it("prints its plan first, and stops at once on SIGTERM, however long the budget would take", async () => {
    const target = await startTarget(undefined, true);
    const cli = fileURLToPath(new URL("../bin/hss-contract.js", import.meta.url));
    const child = spawn(process.execPath, [cli, "--base-url", target.url, "--project-id", target.projectId, "--task-id", target.taskId, "--rate-limit", "spec"], {
      env: { ...process.env, HSS_TOKEN: target.token },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`exited ${code} before its plan: ${out}`)));
      });
      expect(out).toMatch(/^plan: about \d+ requests \(up to \d+ for one operation\); budget \d+ per \d+ s per operation, operations side by side: at least (\d+ h )?\d+ min\n/);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(130);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await target.close();
    }
  });
});

describe("the gateway profile", () => {
  it("keeps only the checks of a request or two per operation, so a run fits a few windows of a real gateway", async () => {
    const target = await startTarget();
    try {
      const report = await runContract({ baseUrl: target.url, projectId: target.projectId, token: target.token, taskId: target.taskId, seed: 3, profile: "gateway" });
      expect(report.summary.failed).toBe(0);
      const ran = report.results.filter((r) => r.status !== "skip");
      expect(ran.length).toBeGreaterThan(0);
      for (const result of report.results.filter((r) => r.reason?.startsWith("not in the gateway profile"))) {
        expect(checkNamed(result.check)?.gateway).toBeUndefined();
      }
      for (const result of ran) expect(checkNamed(result.check)?.gateway).toBe(true);
      // Two windows of the spec's limit per operation, at most.
      for (const [operation, count] of Object.entries(report.plan.byOperation)) {
        expect(count, operation).toBeLessThanOrEqual(2 * spec.rateLimit!.perCredential.requests);
      }
      expect(report.requests).toBe(report.plan.requests);
    } finally {
      await target.close();
    }
  });
});

describe("the budget's default", () => {
  const base = { projectId: "p", token: "t" };
  it("is the spec's limit for a remote target, none for one on this machine, as given otherwise", () => {
    const remote = resolveOptions({ ...base, baseUrl: "https://hss.cn-north-4.myhuaweicloud.com" }, spec);
    for (const operation of spec.operations) expect(remote.budgetOf(operation.id)).toEqual(operation.rateLimit?.perCredential);
    for (const url of ["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010"]) {
      expect(resolveOptions({ ...base, baseUrl: url }, spec).budgetOf("listUsers")).toBeUndefined();
    }
    expect(resolveOptions({ ...base, baseUrl: "http://127.0.0.1:1", rateLimit: "spec" }, spec).budgetOf("listUsers")).toEqual(spec.operations[0]!.rateLimit?.perCredential);
    expect(resolveOptions({ ...base, baseUrl: "https://x.example", rateLimit: false }, spec).budgetOf("listUsers")).toBeUndefined();
    expect(resolveOptions({ ...base, baseUrl: "https://x.example", rateLimit: { requests: 2, windowMs: 500 } }, spec).budgetOf("listPorts")).toEqual({ requests: 2, windowMs: 500 });
    expect(() => resolveOptions({ ...base, baseUrl: "https://x.example", rateLimit: { requests: 0, windowMs: 500 } }, spec)).toThrow(/--rate-limit\.requests .* got 0/);
  });
});

describe("the plan", () => {
  it("takes the least time of its busiest operation", () => {
    expect(leastTimeMs(1, MOCK_LIMIT)).toBe(0);
    expect(leastTimeMs(5, MOCK_LIMIT)).toBe(0);
    expect(leastTimeMs(6, MOCK_LIMIT)).toBe(1_000);
    const plan = planOf({ listUsers: 11, listPorts: 3 }, () => ({ requests: 5, windowMs: 60_000 }));
    expect(plan).toEqual({ requests: 14, byOperation: { listUsers: 11, listPorts: 3 }, budget: { requests: 5, windowMs: 60_000 }, leastMs: 120_000 });
    expect(formatPlan(plan)).toBe("plan: about 14 requests (up to 11 for one operation); budget 5 per 60 s per operation, operations side by side: at least 2 min");
    expect(formatPlan(planOf({ listUsers: 4 }, () => undefined))).toBe("plan: about 4 requests (up to 4 for one operation); no budget, so as fast as the target answers");
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterMs("42")).toBe(42_000);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:01:00 GMT", Date.UTC(2026, 0, 1))).toBe(60_000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
