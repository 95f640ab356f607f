import type { Failure } from "../result.js";
import { failureOf, transportViolation, type PlannedCheck } from "./context.js";

/**
 * `robustness.transport`: every request of the operation got a complete HTTP response within
 * the per-request timeout and the body-size cap. A target that hangs, resets connections or
 * streams an endless body fails here instead of hanging or crashing the tool.
 */
export function robustnessChecks(): PlannedCheck[] {
  return [
    {
      check: "robustness.transport",
      subject: "",
      async run(context): Promise<Failure[]> {
        return context.session.exchangesOf(context.operation.id).flatMap((exchange) => {
          const violation = transportViolation(exchange);
          return violation ? [failureOf(context.session, exchange, [violation])] : [];
        });
      },
    },
  ];
}
