import type { PacingWait } from "../pacing.js";
import type { RunPlan } from "../plan.js";
import { FAMILIES, summaryLine, type CheckResult, type ContractReport, type Failure } from "../result.js";
import { checkCounts, groupFailures } from "./groups.js";

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

/** Failing requests shown per check on the console; the JSON, JUnit and HTML reports keep them all. */
export const CONSOLE_FAILURES_PER_CHECK = 2;

/** Skip reasons listed in the summary; the rest are counted. */
const SKIP_REASONS_SHOWN = 5;

/** What the console report shows. */
export interface ConsoleOptions {
  /** Only the failures and the closing summary line (`--quiet`). */
  quiet?: boolean;
}

function name(result: CheckResult): string {
  return [result.check, result.operation, result.subject].filter(Boolean).join(" ");
}

function failureLines(failure: Failure): string[] {
  const lines: string[] = [];
  if (failure.curl) lines.push(`      ${failure.curl}`);
  if (failure.status !== undefined) lines.push(`      status: ${failure.status}`);
  if (failure.note) lines.push(`      note: ${failure.note}`);
  for (const v of failure.violations) lines.push(`      - ${v.where}: expected ${v.expected}; got ${v.got}`);
  return lines;
}

/** The failures, grouped by likely cause: each check's first failing result in full, the others by name. */
function failureSection(report: ContractReport): string[] {
  const groups = groupFailures(report);
  if (groups.length === 0) return [];
  const failed = report.summary.failed;
  const lines = [`${failed} check${failed === 1 ? "" : "s"} failed, in ${groups.length} group${groups.length === 1 ? "" : "s"} by likely cause:`];
  groups.forEach((group, index) => {
    lines.push("", `[${index + 1}] ${group.rules.join("; and ")}`);
    lines.push(`    ${group.results.length} failing: ${checkCounts(group.results)}`);
    if (group.sharedRequests.length > 0) {
      lines.push(`    ${group.sharedRequests.length} request(s) failed several of these checks at once, such as:`, `      ${group.sharedRequests[0]}`);
    }
    const byCheck = new Map<string, CheckResult[]>();
    for (const result of group.results) byCheck.set(result.check, [...(byCheck.get(result.check) ?? []), result]);
    for (const [, results] of byCheck) {
      const [first, ...others] = results;
      if (!first) continue;
      lines.push(`  FAIL ${name(first)}`);
      const shown = first.failures.slice(0, CONSOLE_FAILURES_PER_CHECK);
      shown.forEach((failure) => lines.push(...failureLines(failure)));
      const hidden = first.failures.length - shown.length;
      if (hidden > 0) lines.push(`      … and ${hidden} more failing request(s): see --html, --json or --junit`);
      if (others.length > 0) lines.push(`    also failing: ${others.map((result) => [result.operation, result.subject].filter(Boolean).join(" ")).join("; ")}`);
    }
  });
  return lines;
}

/** One screen: the counts per family, the reasons for skips, latency, requests and time. */
function summarySection(report: ContractReport): string[] {
  const lines = ["", "Summary", `  ${"family".padEnd(12)}${"passed".padStart(8)}${"failed".padStart(8)}${"skipped".padStart(9)}`];
  for (const family of FAMILIES) {
    const results = report.results.filter((r) => r.check.startsWith(`${family}.`));
    if (results.length === 0) continue;
    const count = (status: CheckResult["status"]) => String(results.filter((r) => r.status === status).length);
    lines.push(`  ${family.padEnd(12)}${count("pass").padStart(8)}${count("fail").padStart(8)}${count("skip").padStart(9)}`);
  }
  const skipped = report.results.filter((r) => r.status === "skip");
  const reasons = new Map<string, string[]>();
  for (const result of skipped) reasons.set(result.reason ?? "", [...(reasons.get(result.reason ?? "") ?? []), `${result.check} ${result.operation}`]);
  const shown = [...reasons].sort((a, b) => b[1].length - a[1].length).slice(0, SKIP_REASONS_SHOWN);
  if (shown.length > 0) lines.push("  skipped:");
  for (const [reason, which] of shown) lines.push(`    ${which.length} × ${reason} (${which.slice(0, 2).join(", ")}${which.length > 2 ? ", …" : ""})`);
  if (reasons.size > shown.length) lines.push(`    and ${reasons.size - shown.length} other reason(s): see --html or --json`);
  for (const [operation, { p50, p95, responses }] of Object.entries(report.latency ?? {})) {
    lines.push(`  latency ${operation}: p50 ${p50} ms, p95 ${p95} ms over ${responses} responses`);
  }
  const throttled = report.throttled > 0 ? ` (${report.throttled} answered 429 and were sent again)` : "";
  lines.push(`  ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s${throttled}`);
  return lines;
}

/**
 * The console report: the failures first, grouped by likely cause, then a one-screen summary,
 * and the closing line `N passed, M failed, K skipped`. With `quiet`, only the failures and that line.
 */
export function formatConsole(report: ContractReport, options: ConsoleOptions = {}): string {
  const failures = failureSection(report);
  if (options.quiet) return `${[...failures, ...(failures.length ? [""] : []), summaryLine(report.summary)].join("\n")}\n`;
  const lines: string[] = [
    `hss-contract: ${report.target.baseUrl} (project ${report.target.projectId}, region ${report.target.region}), profile ${report.profile}, seed ${report.seed}`,
    ...report.discovered.map((found) => `discovered ${found}`),
  ];
  if (failures.length > 0) lines.push("", ...failures);
  else lines.push("", `every check passed: ${report.summary.passed} of them`);
  lines.push(...summarySection(report), summaryLine(report.summary));
  return `${lines.join("\n")}\n`;
}
