// The plan a run prints before it sends its checks' requests: how many requests, and with a
// budget the least time they take. The checks decide their requests as answers come (a walk
// pages until total_num), so the plan runs them once against a session that sends nothing and
// answers every call with the operation's baseline (no items past its total_num): what a target
// answering alike would be sent. A filter selects fewer items than that, so the plan errs high.

import type { RateLimit } from "@hss-kit/spec";
import type { RawRequest } from "./http.js";
import { Session, Skip, type Exchange } from "./session.js";
import type { ApiCall } from "./request.js";

/** Most requests the plan counts for one operation: past it, the count is a lower bound. */
const MAX_PLANNED_PER_OPERATION = 10_000;

/** What a run will send. */
export interface RunPlan {
  /** Requests in all, the baselines already sent included. */
  requests: number;
  /** Requests per operation, in spec order. */
  byOperation: Record<string, number>;
  /** The budget each operation's requests keep within, when the run has one. */
  budget?: RateLimit;
  /**
   * With a budget: the least time the run takes, in milliseconds: the operations run side by
   * side, each within its own budget, so the busiest one sets it.
   */
  leastMs?: number;
}

/**
 * The least time `count` requests take within `limit`: the k-th (from 0) can go no sooner than
 * floor(k / requests) windows after the first.
 */
export function leastTimeMs(count: number, limit: RateLimit): number {
  return count <= 0 ? 0 : Math.floor((count - 1) / limit.requests) * limit.windowMs;
}

/** A session that sends nothing: each call gets the baseline answer of its operation, and is counted. */
export class PlanningSession extends Session {
  readonly counts = new Map<string, number>();

  constructor(private readonly baselines: ReadonlyMap<string, Exchange>, ...rest: ConstructorParameters<typeof Session>) {
    super(...rest);
  }

  /** Everything a real send does before the request goes (what it skips, it skips here too); then the baseline, counted. */
  protected override async exchange(call: ApiCall, check: string): Promise<Exchange> {
    const operation = call.operation.id;
    const count = (this.counts.get(operation) ?? 0) + 1;
    this.counts.set(operation, count);
    const baseline = this.baselines.get(operation);
    if (!baseline || count > MAX_PLANNED_PER_OPERATION) throw new Skip("not planned");
    const request: RawRequest = { ...baseline.request };
    return { ...baseline, call, check, request, outcome: this.pastTheEnd(call, baseline) ?? baseline.outcome };
  }

  /** The baseline with no items when the call asks for a page at or past its total_num: where a walk stops. */
  private pastTheEnd(call: ApiCall, baseline: Exchange): Exchange["outcome"] | undefined {
    const offsetName = call.operation.parameters.find((p) => p.paging === "offset")?.name;
    const offset = offsetName === undefined ? undefined : Number(call.params[offsetName]);
    const { outcome } = baseline;
    if (offset === undefined || !Number.isFinite(offset) || outcome.kind !== "response") return undefined;
    const parsed = this.parse(baseline);
    const total = parsed.ok ? (parsed.value as { total_num?: unknown } | null)?.total_num : undefined;
    if (typeof total !== "number" || offset < total) return undefined;
    return { ...outcome, body: JSON.stringify({ total_num: total, data_list: [] }) };
  }
}

/** The plan from each operation's count (the baseline included) and the budget of each. */
export function planOf(byOperation: Record<string, number>, budgetOf: (operation: string) => RateLimit | undefined): RunPlan {
  const requests = Object.values(byOperation).reduce((sum, count) => sum + count, 0);
  const budgets = Object.keys(byOperation).map(budgetOf);
  const budget = budgets.find((limit) => limit !== undefined);
  if (!budget) return { requests, byOperation };
  const leastMs = Math.max(0, ...Object.entries(byOperation).map(([operation, count]) => {
    const limit = budgetOf(operation);
    return limit ? leastTimeMs(count, limit) : 0;
  }));
  return { requests, byOperation, budget, leastMs };
}
