import { startMock, type RunningMock } from "@hss-kit/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatConsole, runContract, summaryLine } from "../src/index.js";

describe("the Prism mock", () => {
  let mock: RunningMock;
  const target = () => ({ baseUrl: mock.url, projectId: "2b31ed520xxxxxxebedb6e57xxxxxxxx", token: "any-non-empty-token", taskId: "any-task", seed: 1 });

  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());

  it("passes every check of the mock profile", async () => {
    const started = performance.now();
    const report = await runContract({ ...target(), profile: "mock" });
    const failed = report.results.filter((r) => r.status === "fail");
    expect(failed.length === 0 ? "" : formatConsole({ ...report, results: failed })).toBe("");
    expect(report.summary.passed).toBeGreaterThan(150);
    console.log(`mock profile against Prism: ${report.requests} requests, ${Math.round(performance.now() - started)} ms, ${summaryLine(report.summary)}`);
  });

  it("fails the full profile exactly where the mock profile steps aside: pages, filters, empty values, the wrong token", async () => {
    const full = await runContract({ ...target(), profile: "full" });
    const mock = await runContract({ ...target(), profile: "mock" });
    const key = (r: { check: string; operation: string; subject: string }) => `${r.check} ${r.operation} ${r.subject}`;
    const steppedAside = new Set(mock.results.filter((r) => r.status === "skip" && r.reason?.startsWith("not in the mock profile")).map(key));
    const failing = full.results.filter((r) => r.status === "fail").map(key);
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.filter((result) => !steppedAside.has(result))).toEqual([]);
  });
});
