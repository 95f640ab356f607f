// Failures grouped by their likely cause: the checks that rest on one rule of the API fail
// together when an implementation breaks it, and so do the checks whose failing requests are
// the same request. One group is one thing to fix.
import { checkNamed } from "../checks/index.js";
import type { CheckResult, ContractReport } from "../result.js";

/** Failing checks that likely share a cause. */
export interface FailureGroup {
  /** The rules of the API the group's checks rest on, most failures first. */
  rules: string[];
  /** The failing results, in report order. */
  results: CheckResult[];
  /** Requests that failed more than one check of the group. */
  sharedRequests: string[];
}

const ruleOf = (result: CheckResult) => checkNamed(result.check)?.restsOn ?? result.check;

/**
 * The report's failing results grouped by likely cause: by the rule each check rests on, and
 * groups joined where one request failed checks of both. Largest group first.
 */
export function groupFailures(report: ContractReport): FailureGroup[] {
  const failing = report.results.filter((result) => result.status === "fail");
  const parent = new Map<string, string>();
  const find = (rule: string): string => {
    const up = parent.get(rule) ?? rule;
    if (up === rule) return rule;
    const root = find(up);
    parent.set(rule, root);
    return root;
  };
  const checksOf = new Map<string, Set<string>>();
  const firstRule = new Map<string, string>();
  for (const result of failing) {
    for (const failure of result.failures) {
      if (!failure.curl) continue;
      const seen = checksOf.get(failure.curl) ?? new Set<string>();
      seen.add(`${result.check} ${result.operation} ${result.subject}`);
      checksOf.set(failure.curl, seen);
      const first = firstRule.get(failure.curl);
      if (first === undefined) firstRule.set(failure.curl, ruleOf(result));
      else parent.set(find(ruleOf(result)), find(first));
    }
  }
  const groups = new Map<string, CheckResult[]>();
  for (const result of failing) {
    const root = find(ruleOf(result));
    groups.set(root, [...(groups.get(root) ?? []), result]);
  }
  return [...groups.values()]
    .map((results) => {
      const counts = new Map<string, number>();
      for (const result of results) counts.set(ruleOf(result), (counts.get(ruleOf(result)) ?? 0) + 1);
      const curls = new Set(results.flatMap((result) => result.failures.flatMap((failure) => (failure.curl ? [failure.curl] : []))));
      return {
        rules: [...counts].sort((a, b) => b[1] - a[1]).map(([rule]) => rule),
        results,
        sharedRequests: [...curls].filter((curl) => (checksOf.get(curl)?.size ?? 0) > 1),
      };
    })
    .sort((a, b) => b.results.length - a.results.length);
}

/** `pagination.walk ×5, filters.total ×17`: the checks of a group with how many results of each failed. */
export function checkCounts(results: readonly CheckResult[]): string {
  const counts = new Map<string, number>();
  for (const result of results) counts.set(result.check, (counts.get(result.check) ?? 0) + 1);
  return [...counts].map(([check, count]) => (count > 1 ? `${check} ×${count}` : check)).join(", ");
}
