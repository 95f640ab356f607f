import type { Failure, Violation } from "../result.js";
import type { ResponseValidator } from "../schema.js";
import { Skip, type Exchange, type ResponseJudge, type Session } from "../session.js";
import { documentedResponse, type OperationModel } from "../spec.js";
import type { PlannedCheck } from "./context.js";
import type { CheckName } from "./registry.js";

/** A response judge that looks only at exchanges that got a response. */
function responseJudge(
  check: CheckName,
  qualifies: (operation: OperationModel, status: number) => boolean,
  judge: (exchange: Exchange & { outcome: { kind: "response" } }, status: number, session: Session) => Violation[],
): ResponseJudge {
  return {
    check,
    judge(exchange, session) {
      if (exchange.outcome.kind !== "response") return undefined;
      const { status } = exchange.outcome;
      if (!qualifies(exchange.call.operation, status)) return undefined;
      return judge(exchange as Exchange & { outcome: { kind: "response" } }, status, session);
    },
  };
}

function documentedStatuses(operation: OperationModel): string {
  return operation.responses.map((r) => r.status).join(", ");
}

function isJsonMediaType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json";
}

function hasJsonSchema(operation: OperationModel, status: number): boolean {
  return documentedResponse(operation, status)?.schema !== undefined;
}

/** A plausible epoch-millisecond time: from 2000 to 2100. Seconds (10 digits) and microseconds (16) fall outside. */
const EPOCH_MS_RANGE = { low: Date.UTC(2000, 0, 1), high: Date.UTC(2100, 0, 1) };

function timeUnitViolations(operation: OperationModel, body: unknown): Violation[] {
  const timed = operation.fields.filter((field) => field.unit === "epoch-milliseconds");
  const items = (body as { data_list?: unknown } | null)?.data_list;
  if (!Array.isArray(items)) return [];
  const violations: Violation[] = [];
  items.forEach((item, index) => {
    for (const field of timed) {
      const value = (item as Record<string, unknown> | null)?.[field.name];
      if (typeof value !== "number") continue;
      if (value < EPOCH_MS_RANGE.low || value > EPOCH_MS_RANGE.high) {
        violations.push({
          where: `body.data_list[${index}].${field.name}`,
          expected: "milliseconds since the Unix epoch (x-hss-unit: epoch-milliseconds), a value from 946684800000 (2000) to 4102444800000 (2100)",
          got: `${value}${value >= EPOCH_MS_RANGE.low / 1000 && value <= EPOCH_MS_RANGE.high / 1000 ? " (a time in seconds)" : ""}`,
        });
      }
    }
  });
  return violations;
}

/**
 * The judges of the conformance checks: they hold every response of the run to the spec's
 * statuses, media type, headers and schemas as it arrives, whichever check sent the request.
 */
export function conformanceJudges(validator: ResponseValidator): ResponseJudge[] {
  const bodyViolations = (exchange: Exchange, status: number, session: Session): Violation[] => {
    const parsed = session.parse(exchange);
    if (!parsed.ok) return [{ where: "body", expected: "JSON", got: `unparsable: ${parsed.error}` }];
    return validator.validate(exchange.call.operation, status, parsed.value) ?? [];
  };
  return [
    responseJudge("conformance.status", () => true, (exchange, status) =>
      documentedResponse(exchange.call.operation, status)
        ? []
        : [{ where: "status", expected: `a status the spec documents for ${exchange.operation} (${documentedStatuses(exchange.call.operation)})`, got: String(status) }]),
    responseJudge(
      "conformance.content-type",
      (operation, status) => documentedResponse(operation, status)?.contentTypes.includes("application/json") === true,
      (exchange) => {
        const header = exchange.outcome.headers["content-type"];
        return isJsonMediaType(header) ? [] : [{ where: "header Content-Type", expected: "application/json", got: header ?? "(absent)" }];
      },
    ),
    responseJudge(
      "conformance.request-id",
      (operation, status) => (documentedResponse(operation, status)?.headers.length ?? 0) > 0,
      (exchange, status) =>
        (documentedResponse(exchange.call.operation, status)?.headers ?? [])
          .filter((name) => !exchange.outcome.headers[name.toLowerCase()])
          .map((name) => ({ where: `header ${name}`, expected: "present and non-empty, as the spec documents", got: "(absent)" })),
    ),
    responseJudge("conformance.body", (operation, status) => status >= 200 && status < 300 && hasJsonSchema(operation, status), bodyViolations),
    responseJudge("conformance.error-body", (operation, status) => status >= 400 && hasJsonSchema(operation, status), bodyViolations),
    responseJudge(
      "conformance.time-unit",
      (operation, status) => status >= 200 && status < 300 && operation.fields.some((field) => field.unit !== undefined),
      (exchange, _status, session) => {
        const parsed = session.parse(exchange);
        return parsed.ok ? timeUnitViolations(exchange.call.operation, parsed.value) : [];
      },
    ),
  ];
}

/** What each conformance check says when no response of the operation was its to judge. */
const NOTHING_TO_JUDGE: Partial<Record<CheckName, string>> = {
  "conformance.status": "no response arrived",
  "conformance.content-type": "no response with a documented JSON body arrived",
  "conformance.request-id": "no response with documented headers arrived",
  "conformance.body": "no documented 2xx response arrived",
  "conformance.error-body": "no documented error response arrived",
  "conformance.time-unit": "no 2xx response of an operation with time fields arrived",
};

/**
 * The conformance checks of one operation: what their judges concluded of every response the
 * run got for it. They are reported after the operation's other checks, whose requests they
 * judged; a check that judged nothing is skipped, never passed on nothing.
 */
export function conformanceChecks(operation: OperationModel): PlannedCheck[] {
  const timed = operation.fields.some((field) => field.unit !== undefined);
  const planned = (Object.keys(NOTHING_TO_JUDGE) as CheckName[]).filter((check) => check !== "conformance.time-unit" || timed);
  return planned.map((check) => ({
    check,
    subject: "",
    async run(context): Promise<Failure[]> {
      const verdict = context.session.verdictOf(operation.id, check);
      if (verdict.judged === 0) throw new Skip(NOTHING_TO_JUDGE[check] ?? "nothing to judge");
      return verdict.failures;
    },
  }));
}
