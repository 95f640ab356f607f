import type { PacingWait } from "../pacing.js";
import type { RunPlan } from "../plan.js";
import { summaryLine, type CheckResult, type ContractReport, type Failure } from "../result.js";

/** A duration as a reader says it: `0.4 s`, `45 s`, `19 min`, `1 h 5 min`. */
export function spokenDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
}

/** The plan line: `plan: about 452 requests (up to 96 for one operation); budget ...: at least 19 min`. */
export function formatPlan(plan: RunPlan): string {
  const busiest = Math.max(0, ...Object.values(plan.byOperation));
  const requests = `plan: about ${plan.requests} requests (up to ${busiest} for one operation)`;
  if (!plan.budget || plan.leastMs === undefined) return `${requests}; no budget, so as fast as the target answers`;
  const { requests: count, windowMs } = plan.budget;
  return `${requests}; budget ${count} per ${spokenDuration(windowMs)} per operation, operations side by side: at least ${spokenDuration(plan.leastMs)}`;
}

/** A wait the run makes after a 429. */
export function formatWait(wait: PacingWait): string {
  const why = wait.retryAfter !== undefined ? `Retry-After: ${wait.retryAfter.slice(0, 40)}` : "no Retry-After: a window";
  return `429 from ${wait.operation}: waiting ${spokenDuration(wait.ms)} (${why}), then sending it again`;
}

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
  const throttled = report.throttled > 0 ? ` (${report.throttled} answered 429 and were sent again)` : "";
  lines.push(`${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s${throttled}`);
  lines.push(summaryLine(report.summary));
  return `${lines.join("\n")}\n`;
}
