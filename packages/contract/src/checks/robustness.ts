import type { ResponseJudge } from "../session.js";
import { Skip } from "../session.js";
import { transportViolation, type PlannedCheck } from "./context.js";

/**
 * `robustness.transport`'s judge: every request of the operation got a complete HTTP response
 * within the per-request timeout and the body-size cap. A target that hangs, resets connections
 * or streams an endless body fails here instead of hanging or crashing the tool.
 */
export const transportJudge: ResponseJudge = {
  check: "robustness.transport",
  judge(exchange) {
    const violation = transportViolation(exchange);
    return violation ? [violation] : [];
  },
};

/** The value below which `share` of the sorted values fall (nearest rank). */
function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
}

/** p50 and p95 of response times, in whole milliseconds. */
export function latencyOf(durations: readonly number[]): { p50: number; p95: number } {
  const sorted = [...durations].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 0.5)), p95: Math.round(percentile(sorted, 0.95)) };
}

/**
 * The robustness checks of one operation: the transport verdict, and, with a latency budget,
 * whether the 95th percentile of its response times is within it.
 */
export function robustnessChecks(maxLatencyMs: number | undefined): PlannedCheck[] {
  const transport: PlannedCheck = {
    check: "robustness.transport",
    subject: "",
    run: async (context) => context.session.verdictOf(context.operation.id, "robustness.transport").failures,
  };
  if (maxLatencyMs === undefined) return [transport];
  const latency: PlannedCheck = {
    check: "robustness.latency",
    subject: `p95 <= ${maxLatencyMs} ms`,
    async run(context) {
      const durations = context.session.durationsOf(context.operation.id);
      if (durations.length === 0) throw new Skip("no response arrived");
      const { p50, p95 } = latencyOf(durations);
      const measured = `p50 ${p50} ms, p95 ${p95} ms over ${durations.length} responses`;
      if (p95 <= maxLatencyMs) return [];
      const slowest = context.session.slowestOf(context.operation.id);
      return [{
        ...(slowest ? { curl: slowest.curl, note: `the slowest request, shown, took ${Math.round(slowest.durationMs)} ms` } : {}),
        violations: [{ where: "latency", expected: `p95 at most ${maxLatencyMs} ms (--max-latency)`, got: measured }],
      }];
    },
  };
  return [transport, latency];
}
