import { describe, expect, it } from "vitest";
import { formatConsole, formatJson, formatJunit, summarize, type CheckResult, type ContractReport } from "../../src/index.js";
import { canonical, firstDifference } from "../../src/checks/pagination.js";

const failing: CheckResult = {
  check: "inputs.bad-enum",
  operation: "listPorts",
  subject: "type=TCP-invalid",
  status: "fail",
  failures: Array.from({ length: 5 }, (_, i) => ({
    curl: `curl -sS -i 'http://h/${i}'`,
    status: 200,
    violations: [{ where: "status", expected: "a documented refusal", got: `200 <&"\u0001>` }],
  })),
  durationMs: 12,
};
const results: CheckResult[] = [
  { check: "conformance.body", operation: "listPorts", subject: "", status: "pass", failures: [], durationMs: 1 },
  { check: "pagination.default-limit", operation: "listLocalImageHosts", subject: "", status: "skip", reason: "the spec documents no default for limit", failures: [], durationMs: 0 },
  failing,
];
const report: ContractReport = {
  target: { baseUrl: "http://h", projectId: "p", region: "cn-north-4" },
  profile: "full",
  seed: 5,
  discovered: [],
  startedAt: "2026-01-01T00:00:00.000Z",
  durationMs: 1500,
  requests: 9,
  plan: { requests: 9, byOperation: { listPorts: 9 } },
  throttled: 0,
  results,
  summary: summarize(results),
};

describe("reports", () => {
  it("console: a line per check, failures with curl, status and violations, capped, then the summary line", () => {
    const lines = formatConsole(report).trimEnd().split("\n");
    expect(lines).toContain("PASS conformance.body listPorts");
    expect(lines).toContain("SKIP pagination.default-limit listLocalImageHosts: the spec documents no default for limit");
    expect(lines).toContain("FAIL inputs.bad-enum listPorts type=TCP-invalid");
    expect(lines).toContain("    curl -sS -i 'http://h/0'");
    expect(lines).toContain("    status: 200");
    expect(lines.filter((l) => l.startsWith("    curl"))).toHaveLength(3);
    expect(lines).toContain("    … and 2 more failing request(s): see --json or --junit");
    expect(lines.at(-1)).toBe("1 passed, 1 failed, 1 skipped");
  });

  it("JUnit: one suite per family, escaped text, XML-safe control characters", () => {
    const xml = formatJunit(report);
    expect(xml).toContain('<testsuite name="hss-contract.inputs" tests="1" failures="1" errors="0" skipped="0"');
    expect(xml).toContain('<skipped message="the spec documents no default for limit"/>');
    expect(xml).toContain("200 &lt;&amp;&quot;\uFFFD&gt;");
    expect(xml).not.toContain("\u0001");
  });

  it("JSON: the whole report, every failure kept", () => {
    const parsed = JSON.parse(formatJson(report)) as ContractReport;
    expect(parsed.results[2]?.failures).toHaveLength(5);
    expect(parsed.summary).toEqual({ passed: 1, failed: 1, skipped: 1 });
  });
});

describe("item comparison", () => {
  it("ignores key order and names the first difference", () => {
    expect(canonical({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe(canonical({ a: [2, { c: 2, d: 1 }], b: 1 }));
    expect(firstDifference([{ a: 1 }], [{ a: 1 }])).toBeUndefined();
    expect(firstDifference([{ a: 1 }], [{ a: 2 }])).toBe('item 0 is {"a":1}, expected {"a":2}');
    expect(firstDifference([], [{ a: 2 }])).toBe('item 0 missing: expected {"a":2}');
    expect(firstDifference([1, 2], [1])).toBe("extra item 1: 2");
  });
});
