import { Skip } from "../session.js";
import { transportViolation } from "./context.js";
import { defineCheck } from "./registry.js";

/** The value below which `share` of the sorted values fall (nearest rank). */
function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
}

/** p50 and p95 of response times, in whole milliseconds. */
export function latencyOf(durations: readonly number[]): { p50: number; p95: number } {
  const sorted = [...durations].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 0.5)), p95: Math.round(percentile(sorted, 0.95)) };
}

defineCheck({
  name: "robustness.transport",
  rule: "every request of the operation got a complete HTTP response within `--timeout` and the body cap; a hang, a reset or an endless body fails here, never as a hang or crash of the tool",
  // A target that hangs, resets connections or streams an endless body fails here instead of
  // hanging or crashing the tool: every exchange is judged as it arrives.
  judge(exchange) {
    const violation = transportViolation(exchange);
    return violation ? [violation] : [];
  },
  after: true,
  gateway: true,
  plan: () => [{ subject: "", run: async (context) => context.session.verdictOf(context.operation.id, "robustness.transport").failures }],
});

defineCheck({
  name: "robustness.latency",
  rule: "the 95th percentile of the operation's response times is within the budget; the report gives p50 and p95",
  optIn: "--max-latency MS",
  after: true,
  gateway: true,
  plan(_operation, { maxLatencyMs }) {
    if (maxLatencyMs === undefined) return [];
    return [{
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
    }];
  },
});
