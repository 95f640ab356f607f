import { describe, expect, it } from "vitest";
import { formatConsole, formatHtml, formatJson, formatJunit, groupFailures, summarize, type CheckResult, type ContractReport } from "../../src/index.js";
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
  results,
  summary: summarize(results),
};

describe("reports", () => {
  it("console: the failures first, capped, then the one-screen summary and the summary line", () => {
    const lines = formatConsole(report).trimEnd().split("\n");
    expect(lines.some((l) => l.startsWith("PASS"))).toBe(false);
    expect(lines).toContain("  FAIL inputs.bad-enum listPorts type=TCP-invalid");
    expect(lines).toContain("      curl -sS -i 'http://h/0'");
    expect(lines).toContain("      status: 200");
    expect(lines.filter((l) => l.startsWith("      curl"))).toHaveLength(2);
    expect(lines).toContain("      … and 3 more failing request(s): see --html, --json or --junit");
    expect(lines.indexOf("  FAIL inputs.bad-enum listPorts type=TCP-invalid")).toBeLessThan(lines.indexOf("Summary"));
    expect(lines).toContain("    1 × the spec documents no default for limit (pagination.default-limit listLocalImageHosts)");
    expect(lines.at(-1)).toBe("1 passed, 1 failed, 1 skipped");
  });

  it("console --quiet: only the failures and the summary line", () => {
    const lines = formatConsole(report, { quiet: true }).trimEnd().split("\n");
    expect(lines[0]).toBe("1 check failed, in 1 group by likely cause:");
    expect(lines).not.toContain("Summary");
    expect(lines.at(-1)).toBe("1 passed, 1 failed, 1 skipped");
  });

  it("groups failures by likely cause: checks resting on one rule, and checks one request failed", () => {
    const fail = (check: string, operation: string, curl: string): CheckResult => ({
      check, operation, subject: "", status: "fail", durationMs: 1, failures: [{ curl, violations: [{ where: "w", expected: "e", got: "g" }] }],
    });
    const mixed = [
      fail("pagination.walk", "listUsers", "curl a"),
      fail("filters.total", "listPorts", "curl b"),
      fail("auth.wrong-token", "listUsers", "curl c"),
      fail("conformance.body", "listUsers", "curl d"),
      fail("filters.match", "listPorts", "curl d"),
    ];
    const groups = groupFailures({ ...report, results: mixed, summary: summarize(mixed) });
    expect(groups.map((group) => group.results.map((r) => r.check))).toEqual([
      ["pagination.walk", "filters.total"],
      ["conformance.body", "filters.match"],
      ["auth.wrong-token"],
    ]);
    expect(groups[1]?.sharedRequests).toEqual(["curl d"]);
  });

  it("HTML: one file, no script, nothing fetched, the target's text escaped", () => {
    const html = formatHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).toContain("200 &lt;&amp;&quot;\u0001&gt;");
    expect(html).toContain("1 failed, in 1 group by likely cause");
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
