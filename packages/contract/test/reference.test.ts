import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredChecks } from "../src/checks/index.js";
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
    // No --host-id or --task-id: the run finds them by following the spec's links.
    report = await runContract({ baseUrl: server.url, projectId: server.projectId, ...auth, otherToken: server.otherToken });
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

  it("runs, on every operation, every family that plans a check for it", () => {
    const env = { signs: credentials !== "a token", otherCredentials: false };
    for (const operation of loadModel().operations) {
      const planned = new Set(registeredChecks().filter((check) => check.plan(operation, env).length > 0).map((check) => check.family));
      const families = new Set(report.results.filter((r) => r.operation === operation.id && r.status === "pass").map((r) => r.check.split(".")[0]));
      expect([...families].sort(), operation.id).toEqual([...planned].sort());
    }
    expect(new Set(report.results.map((r) => r.check.split(".")[0]))).toEqual(new Set(FAMILIES));
  });

  it("discovers every required value it was not given, each by following a link of the spec into it", () => {
    const model = loadModel();
    const required = model.operations.flatMap((o) => o.parameters).filter((p) => p.required && p.config === undefined);
    const found = report.discovered.map((line) => /^(\w+) "(.+)" from (\w+) \(link (\w+)\)$/.exec(line));
    expect(found.map((match) => match?.[1]).sort()).toEqual([...new Set(required.map((p) => p.name))].sort());
    for (const match of found) {
      const [, name, , from, linkName] = match!;
      const link = model.operations.find((o) => o.id === from)?.links.find((l) => l.name === linkName);
      expect(link?.parameter, `${name} from ${from} by ${linkName}`).toBe(name);
    }
  });

  it("finishes well under 30 seconds", () => {
    console.log(`default run against the stateful mock with ${credentials}: ${report.requests} requests, ${Math.round(wallMs)} ms, ${summaryLine(report.summary)}`);
    expect(wallMs).toBeLessThan(30_000);
  });
});
