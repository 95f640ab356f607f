import type { Failure, Violation } from "../result.js";
import type { ResponseValidator } from "../schema.js";
import { Skip, type Exchange, type Session } from "../session.js";
import { documentedResponse, type OperationModel } from "../spec.js";
import { defineCheck, type CheckName } from "./registry.js";
import { failureOf } from "./context.js";

type Answered = Exchange & { outcome: { kind: "response" } };

/**
 * Defines a conformance check: a judge of every response that `qualifies` (by operation and
 * status), reported after the operation's other checks, whose requests it judged. A check that
 * judged nothing is skipped with `nothing`, never passed on nothing.
 */
function conformanceCheck(definition: {
  name: CheckName;
  rule: string;
  needs?: string;
  nothing: string;
  planned?: (operation: OperationModel) => boolean;
  qualifies: (operation: OperationModel, status: number) => boolean;
  judge: (exchange: Answered, status: number, session: Session, validator: ResponseValidator) => Violation[];
}): void {
  const { name, nothing, qualifies, judge, planned } = definition;
  defineCheck({
    name,
    rule: definition.rule,
    ...(definition.needs ? { needs: definition.needs } : {}),
    judge(exchange, session, validator) {
      if (exchange.outcome.kind !== "response") return undefined;
      const { status } = exchange.outcome;
      if (!qualifies(exchange.call.operation, status)) return undefined;
      return judge(exchange as Answered, status, session, validator);
    },
    after: true,
    plan: (operation) => (planned && !planned(operation) ? [] : [{
      subject: "",
      async run(context): Promise<Failure[]> {
        const verdict = context.session.verdictOf(operation.id, name);
        if (verdict.judged === 0) throw new Skip(nothing);
        return verdict.failures;
      },
    }]),
  });
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

function bodyViolations(exchange: Exchange, status: number, session: Session, validator: ResponseValidator): Violation[] {
  const parsed = session.parse(exchange);
  if (!parsed.ok) return [{ where: "body", expected: "JSON", got: `unparsable: ${parsed.error}` }];
  return validator.validate(exchange.call.operation, status, parsed.value) ?? [];
}

conformanceCheck({
  name: "conformance.status",
  rule: "every status is one the spec documents for the operation (exact code, `4XX`-style range or `default`)",
  nothing: "no response arrived",
  qualifies: () => true,
  judge: (exchange, status) =>
    documentedResponse(exchange.call.operation, status)
      ? []
      : [{ where: "status", expected: `a status the spec documents for ${exchange.operation} (${documentedStatuses(exchange.call.operation)})`, got: String(status) }],
});

conformanceCheck({
  name: "conformance.content-type",
  rule: "a status documented with a JSON body comes as `application/json`",
  nothing: "no response with a documented JSON body arrived",
  qualifies: (operation, status) => documentedResponse(operation, status)?.contentTypes.includes("application/json") === true,
  judge: (exchange) => {
    const header = exchange.outcome.headers["content-type"];
    return isJsonMediaType(header) ? [] : [{ where: "header Content-Type", expected: "application/json", got: header ?? "(absent)" }];
  },
});

conformanceCheck({
  name: "conformance.request-id",
  rule: "the response headers the spec documents for the status (`X-Request-Id`) are present and non-empty",
  nothing: "no response with documented headers arrived",
  qualifies: (operation, status) => (documentedResponse(operation, status)?.headers.length ?? 0) > 0,
  judge: (exchange, status) =>
    (documentedResponse(exchange.call.operation, status)?.headers ?? [])
      .filter((name) => !exchange.outcome.headers[name.toLowerCase()])
      .map((name) => ({ where: `header ${name}`, expected: "present and non-empty, as the spec documents", got: "(absent)" })),
});

conformanceCheck({
  name: "conformance.body",
  rule: "every 2xx body validates against the schema the spec documents for its status (JSON Schema 2020-12, strict, int32/int64 ranges checked)",
  nothing: "no documented 2xx response arrived",
  qualifies: (operation, status) => status >= 200 && status < 300 && hasJsonSchema(operation, status),
  judge: bodyViolations,
});

conformanceCheck({
  name: "conformance.error-body",
  rule: "every 4xx/5xx body validates against the schema of its status (the spec's `Error`)",
  nothing: "no documented error response arrived",
  qualifies: (operation, status) => status >= 400 && hasJsonSchema(operation, status),
  judge: bodyViolations,
});

conformanceCheck({
  name: "conformance.time-unit",
  rule: "every time field the spec gives a unit (`x-hss-unit: epoch-milliseconds`) holds a plausible value of that unit, from 2000 to 2100, so seconds or microseconds fail",
  needs: "a field with x-hss-unit",
  nothing: "no 2xx response of an operation with time fields arrived",
  planned: (operation) => operation.fields.some((field) => field.unit !== undefined),
  qualifies: (operation, status) => status >= 200 && status < 300 && operation.fields.some((field) => field.unit !== undefined),
  judge: (exchange, _status, session) => {
    const parsed = session.parse(exchange);
    return parsed.ok ? timeUnitViolations(exchange.call.operation, parsed.value) : [];
  },
});

defineCheck({
  name: "conformance.distinct-request-id",
  rule: "two identical requests get two different `X-Request-Id` values: each answer names its own request, even behind a cache",
  notInMock: "Prism answers the header's example on every response",
  plan: (operation) => (documentedResponse(operation, 200)?.headers.some((name) => name.toLowerCase() === "x-request-id")
    ? [{
        subject: "the valid call sent twice",
        async run(context): Promise<Failure[]> {
          const first = await context.session.send({ operation, params: context.base }, "conformance.distinct-request-id");
          const second = await context.session.send({ operation, params: context.base }, "conformance.distinct-request-id");
          const ids = [first, second].map((exchange) => (exchange.outcome.kind === "response" ? exchange.outcome.headers["x-request-id"] : undefined));
          if (ids[0] === undefined || ids[1] === undefined || ids[0] === "") throw new Skip("an answer came without X-Request-Id (see conformance.request-id)");
          if (ids[0] !== ids[1]) return [];
          return [failureOf(context.session, second, [{ where: "header X-Request-Id", expected: "a value of its own, not the previous answer's", got: `${ids[1]}, the same as the first answer's` }])];
        },
      }]
    : []),
});
