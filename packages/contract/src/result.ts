import type { Profile } from "./checks/context.js";
import type { RunPlan } from "./plan.js";
/** One way a response broke the spec: where, what the spec expects, what the server sent. */
export interface Violation {
  /** Where the problem is, such as `status`, `header Content-Type` or `body.data_list[0].pid`. */
  where: string;
  /** What the spec (or the rule) expects there. */
  expected: string;
  /** What the server sent there. */
  got: string;
}

/** One failing request of a check, with everything needed to reproduce and read it. */
export interface Failure {
  /** The request as a copy-pasteable curl command; the token reads `$HSS_TOKEN`. */
  curl?: string;
  /** HTTP status of the response, when one arrived. */
  status?: number;
  /** A short explanation beyond the violations, such as a property's seed and shrunk input. */
  note?: string;
  violations: Violation[];
}

/** Check families in report order. */
export const FAMILIES = ["robustness", "conformance", "inputs", "auth", "tenancy", "pagination", "filters"] as const;

/** Outcome of a check. */
export type CheckStatus = "pass" | "fail" | "skip";

/** The result of one check on one operation (and, for parameter cases, one subject). */
export interface CheckResult {
  /** The check's name as the README documents it, such as `pagination.compose`. */
  check: string;
  /** operationId the check ran against. */
  operation: string;
  /** What within the operation, such as `limit=201` or `host_name`; empty for whole-operation checks. */
  subject: string;
  status: CheckStatus;
  /** Why the check was skipped. */
  reason?: string;
  /** The failing requests, for a failed check. */
  failures: Failure[];
  /** Wall time of the check in milliseconds. */
  durationMs: number;
}

/** The totals of a run. */
export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

/** What a contract run found. */
export interface ContractReport {
  /** The target as run, with the token left out. */
  target: { baseUrl: string; projectId: string; hostId?: string; taskId?: string; region: string };
  profile: Profile;
  /** The fast-check seed, to reproduce generated cases with `--seed`. */
  seed: number;
  /** Values found by the run rather than given, such as a discovered host_id, and how. */
  discovered: string[];
  startedAt: string;
  durationMs: number;
  /** Number of HTTP requests sent. */
  requests: number;
  /** What the run planned to send once its baselines were in, and with a budget the least time it takes. */
  plan: RunPlan;
  /** Number of 429 answers the run waited out (and sent the request again). */
  throttled: number;
  /** With a latency budget: each operation's response times, p50 and p95 in milliseconds. */
  latency?: Record<string, { p50: number; p95: number; responses: number }>;
  results: CheckResult[];
  summary: Summary;
}

/** Counts pass, fail and skip over results. */
export function summarize(results: readonly CheckResult[]): Summary {
  return {
    passed: results.filter((r) => r.status === "pass").length,
    failed: results.filter((r) => r.status === "fail").length,
    skipped: results.filter((r) => r.status === "skip").length,
  };
}

/** The closing line of every report: `N passed, M failed, K skipped`. */
export function summaryLine(summary: Summary): string {
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}
