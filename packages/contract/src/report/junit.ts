import { FAMILIES, type CheckResult, type ContractReport } from "../result.js";

function escape(text: string): string {
  return text
    // XML 1.0 cannot carry most control characters, even escaped; a hostile body may contain them.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function testcase(result: CheckResult): string {
  const name = [result.operation, result.subject].filter(Boolean).join(" ");
  const open = `    <testcase classname="${escape(result.check)}" name="${escape(name)}" time="${seconds(result.durationMs)}"`;
  if (result.status === "pass") return `${open}/>`;
  if (result.status === "skip") return `${open}>\n      <skipped message="${escape(result.reason ?? "")}"/>\n    </testcase>`;
  const details = result.failures
    .map((failure) => [
      failure.curl ?? "",
      failure.status !== undefined ? `status: ${failure.status}` : "",
      failure.note ? `note: ${failure.note}` : "",
      ...failure.violations.map((v) => `- ${v.where}: expected ${v.expected}; got ${v.got}`),
    ].filter(Boolean).join("\n"))
    .join("\n\n");
  const first = result.failures[0]?.violations[0];
  const message = first ? `${first.where}: expected ${first.expected}; got ${first.got}` : "failed";
  return `${open}>\n      <failure message="${escape(message)}">${escape(details)}</failure>\n    </testcase>`;
}

/** The report as JUnit XML: one testsuite per check family, one testcase per check. */
export function formatJunit(report: ContractReport): string {
  const suites = FAMILIES.map((family) => {
    const results = report.results.filter((r) => r.check.startsWith(`${family}.`));
    const failures = results.filter((r) => r.status === "fail").length;
    const skipped = results.filter((r) => r.status === "skip").length;
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    return [
      `  <testsuite name="hss-contract.${family}" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}">`,
      ...results.map(testcase),
      "  </testsuite>",
    ].join("\n");
  });
  const { passed, failed, skipped } = report.summary;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="hss-contract" tests="${passed + failed + skipped}" failures="${failed}" errors="0" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
