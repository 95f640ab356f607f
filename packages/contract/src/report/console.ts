import { summaryLine, type CheckResult, type ContractReport, type Failure } from "../result.js";

/** Failing requests shown per check on the console; the JSON and JUnit reports keep them all. */
export const CONSOLE_FAILURES_PER_CHECK = 3;

function name(result: CheckResult): string {
  return [result.check, result.operation, result.subject].filter(Boolean).join(" ");
}

function failureLines(failure: Failure): string[] {
  const lines: string[] = [];
  if (failure.curl) lines.push(`    ${failure.curl}`);
  if (failure.status !== undefined) lines.push(`    status: ${failure.status}`);
  if (failure.note) lines.push(`    note: ${failure.note}`);
  for (const v of failure.violations) lines.push(`    - ${v.where}: expected ${v.expected}; got ${v.got}`);
  return lines;
}

/** One line per check, the details of each failure under it, and the closing summary line. */
export function formatConsole(report: ContractReport): string {
  const lines: string[] = [
    `hss-contract: ${report.target.baseUrl} (project ${report.target.projectId}, region ${report.target.region}), profile ${report.profile}, seed ${report.seed}`,
  ];
  for (const found of report.discovered) lines.push(`discovered ${found}`);
  for (const result of report.results) {
    if (result.status === "pass") lines.push(`PASS ${name(result)}`);
    else if (result.status === "skip") lines.push(`SKIP ${name(result)}: ${result.reason ?? ""}`);
    else {
      lines.push(`FAIL ${name(result)}`);
      const shown = result.failures.slice(0, CONSOLE_FAILURES_PER_CHECK);
      shown.forEach((failure) => lines.push(...failureLines(failure)));
      const hidden = result.failures.length - shown.length;
      if (hidden > 0) lines.push(`    … and ${hidden} more failing request(s): see --json or --junit`);
    }
  }
  for (const [operation, { p50, p95, responses }] of Object.entries(report.latency ?? {})) {
    lines.push(`latency ${operation}: p50 ${p50} ms, p95 ${p95} ms over ${responses} responses`);
  }
  lines.push(`${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s`);
  lines.push(summaryLine(report.summary));
  return `${lines.join("\n")}\n`;
}
