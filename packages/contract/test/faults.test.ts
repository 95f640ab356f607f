// Proves the checks: each fault planted in the stateful mock breaks one rule of the spec,
// and a contract run against that faulty variant must fail the check written for that rule.
import { afterAll, describe, expect, it } from "vitest";
import { checkNames, loadModel, runContract, type ContractReport } from "../src/index.js";
import { FAULTS, SLOW_ANSWER_MS, type Fault } from "@hss-kit/mock/stateful";
import { checkNamed } from "../src/checks/index.js";
import { OTHER_PROJECT_TOKEN, startTarget, TARGET_KEYS } from "./fixtures/target.js";

/** Short deadline so the hanging variant costs seconds, not the default 10 s per request. */
const TIMEOUT_MS = 500;

interface Row {
  fault: Fault;
  check: string;
  caught: boolean;
  alsoCaughtBy: string[];
  wallMs: number;
  report: ContractReport;
}

const rows: Row[] = [];

async function runAgainst(fault: Fault): Promise<Row> {
  const server = await startTarget(fault);
  const started = performance.now();
  try {
    // A signature fault needs a run that signs; the others run with the token.
    const signs = checkNamed(FAULTS[fault].check)?.needs?.includes("--access-key") === true;
    const report = await runContract({
      baseUrl: server.url,
      projectId: server.projectId,
      ...(signs ? TARGET_KEYS : { token: server.token }),
      taskId: server.taskId,
      otherToken: server.otherToken,
      seed: 7,
      // The short deadline only where the target does not answer: elsewhere it would race real work.
      ...(FAULTS[fault].check === "robustness.transport" ? { timeoutMs: TIMEOUT_MS } : {}),
      // The latency budget is opt-in; the slow fault's delay is far above it, whatever the machine's load.
      ...(FAULTS[fault].check === "robustness.latency" ? { maxLatencyMs: Math.floor(SLOW_ANSWER_MS / 3) } : {}),
    });
    const failing = [...new Set(report.results.filter((r) => r.status === "fail").map((r) => r.check))];
    const { check } = FAULTS[fault];
    const row = {
      fault,
      check,
      caught: failing.includes(check),
      alsoCaughtBy: failing.filter((c) => c !== check),
      wallMs: Math.round(performance.now() - started),
      report,
    };
    rows.push(row);
    return row;
  } finally {
    await server.close();
  }
}

describe.each(Object.keys(FAULTS) as Fault[])("the fault %s", (fault) => {
  it(`is caught by ${FAULTS[fault].check} (${FAULTS[fault].breaks})`, async () => {
    const row = await runAgainst(fault);
    expect(row.caught).toBe(true);
    const { alone } = FAULTS[fault] as { alone?: boolean };
    if (alone) expect(row.alsoCaughtBy, "the fault table says no other check catches it").toEqual([]);
    // Every failure of the catching check names its request, token redacted.
    const failures = row.report.results.filter((r) => r.check === row.check && r.status === "fail").flatMap((r) => r.failures);
    for (const failure of failures) {
      expect(failure.curl).toMatch(/^curl /);
      expect(failure.curl).not.toContain("reference-token");
      expect(failure.curl).not.toContain(OTHER_PROJECT_TOKEN);
      expect(failure.curl).not.toContain(TARGET_KEYS.secretKey);
      expect(failure.violations.length).toBeGreaterThan(0);
    }
    // A hanging, resetting or flooding target stays a bounded, failing run: seconds, not the
    // minutes its requests would take without the deadline (the bound is loose for loaded machines).
    // A throttling fault adds the least time its limit allows the busiest operation's requests.
    const { throttle } = FAULTS[fault] as { throttle?: { perCredential: { requests: number; windowMs: number } } };
    const busiest = Math.max(...Object.values(row.report.plan.byOperation));
    const throttledMs = throttle ? (busiest / throttle.perCredential.requests) * throttle.perCredential.windowMs : 0;
    expect(row.wallMs).toBeLessThan(40 * TIMEOUT_MS + throttledMs);
  });
});

afterAll(() => {
  const width = Math.max(...rows.map((r) => r.fault.length));
  const lines = rows.map((r) =>
    `${r.fault.padEnd(width)}  ${r.caught ? "caught" : "MISSED"} by ${r.check}${r.alsoCaughtBy.length ? ` (also ${r.alsoCaughtBy.join(", ")})` : ""}`,
  );
  const caught = rows.filter((r) => r.caught).length;
  console.log(`${lines.join("\n")}\nfaults planted: ${Object.keys(FAULTS).length}, run: ${rows.length}, caught by their check: ${caught}, caught by their check alone: ${rows.filter((r) => r.caught && r.alsoCaughtBy.length === 0).length}`);
});

describe("the fault table", () => {
  it("plants a fault for every check a run plans, so no check goes unproven", () => {
    const proven = new Set<string>(Object.values(FAULTS).map((f) => f.check));
    expect(checkNames(loadModel()).filter((check) => !proven.has(check))).toEqual([]);
  });
});
