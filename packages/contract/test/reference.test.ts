import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAMILIES, formatConsole, loadModel, runContract, summaryLine, type ContractReport } from "../src/index.js";
import { startTarget, TARGET_KEYS, type Target } from "./fixtures/target.js";

describe.each(["a token", "AK/SK signing"])("the stateful mock under a default (full) run with %s", (credentials) => {
  let server: Target;
  let report: ContractReport;
  let wallMs: number;

  beforeAll(async () => {
    server = await startTarget();
    const started = performance.now();
    const auth = credentials === "a token" ? { token: server.token } : TARGET_KEYS;
    report = await runContract({ baseUrl: server.url, projectId: server.projectId, ...auth, taskId: server.taskId, otherToken: server.otherToken });
    wallMs = performance.now() - started;
  });
  afterAll(() => server.close());

  it("passes every check", () => {
    const failed = report.results.filter((r) => r.status === "fail");
    // On failure the console report of the failing checks is the assertion message.
    expect(failed.length === 0 ? "" : formatConsole({ ...report, results: failed })).toBe("");
  });

  it("skips only what the spec leaves undefined, and the 429 check of a target that throttles nothing", () => {
    const operations = loadModel().operations;
    const undefinedDefaults = operations
      .filter((operation) => operation.parameters.some((p) => p.paging === "limit" && p.rules.default === undefined))
      .map((operation) => `pagination.default-limit ${operation.id}: the spec documents no default for limit`);
    expect(undefinedDefaults.length).toBeGreaterThan(0);
    const unthrottled = operations.map((operation) => `conformance.throttled ${operation.id}: the target throttled no request of this run`);
    expect(report.results.filter((r) => r.status === "skip").map((r) => `${r.check} ${r.operation}: ${r.reason}`).sort()).toEqual([...undefinedDefaults, ...unthrottled].sort());
  });

  it("runs every family on every operation, and discovers the host_id for listPorts", () => {
    for (const { id } of loadModel().operations) {
      const families = new Set(report.results.filter((r) => r.operation === id && r.status === "pass").map((r) => r.check.split(".")[0]));
      expect([...families].sort(), id).toEqual([...FAMILIES].sort());
    }
    expect(report.discovered).toEqual([expect.stringMatching(/^host_id ".+" from listUsers$/)]);
  });

  it("finishes well under 30 seconds", () => {
    console.log(`default run against the stateful mock with ${credentials}: ${report.requests} requests, ${Math.round(wallMs)} ms, ${summaryLine(report.summary)}`);
    expect(wallMs).toBeLessThan(30_000);
  });
});
