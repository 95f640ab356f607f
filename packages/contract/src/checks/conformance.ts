import type { Failure, Violation } from "../result.js";
import { preview, type ResponseValidator } from "../schema.js";
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
    gateway: true,
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

/** The headers the spec promises with every response of a status: those it documents, less those it marks optional. */
function promisedHeaders(operation: OperationModel, status: number): string[] {
  const response = documentedResponse(operation, status);
  return (response?.headers ?? []).filter((name) => !response?.optionalHeaders.includes(name));
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
  rule: "the response headers the spec documents for the status (`X-Request-Id`) are present and non-empty, but for those it marks `required: false` (a 429's `Retry-After`)",
  nothing: "no response with documented headers arrived",
  qualifies: (operation, status) => promisedHeaders(operation, status).length > 0,
  judge: (exchange, status) =>
    promisedHeaders(exchange.call.operation, status)
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

/** The error code and body fields the spec's 429 example shows: what a throttled answer carries. */
function throttledExample(operation: OperationModel): { code?: string; requestId: boolean } {
  const example = documentedResponse(operation, 429)?.example as Record<string, unknown> | undefined;
  return { ...(typeof example?.error_code === "string" ? { code: example.error_code } : {}), requestId: example?.request_id !== undefined };
}

/** delay-seconds or an HTTP date (RFC 9110), as `Retry-After` allows. */
const RETRY_AFTER = /^(\d{1,10}|[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)$/;

conformanceCheck({
  name: "conformance.throttled",
  rule: "a 429 is the gateway's answer to a caller over its limit: the error code the spec documents for it (`APIGW.0308`), a `request_id` equal to the `X-Request-Id` header, and a `Retry-After`, when sent, of whole seconds or an HTTP date. The run waits a 429 out and sends the request again, so no other check fails for it",
  needs: "a 429 from the target (a throttling gateway, or hss-mock --rate-limit)",
  nothing: "the target throttled no request of this run",
  planned: (operation) => documentedResponse(operation, 429) !== undefined,
  qualifies: (_operation, status) => status === 429,
  judge: (exchange, _status, session) => {
    const { code, requestId } = throttledExample(exchange.call.operation);
    const parsed = session.parse(exchange);
    const body = parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? (parsed.value as Record<string, unknown>) : {};
    const header = exchange.outcome.headers["x-request-id"];
    const retryAfter = exchange.outcome.headers["retry-after"];
    const violations: Violation[] = [];
    if (code !== undefined && body.error_code !== code) {
      violations.push({ where: "body.error_code", expected: `${code}, the code the spec documents for 429`, got: preview(body.error_code) });
    }
    if (requestId && (typeof body.request_id !== "string" || body.request_id === "" || body.request_id !== header)) {
      violations.push({ where: "body.request_id", expected: "the request's ID, as the X-Request-Id header gives it", got: `${preview(body.request_id)} (X-Request-Id: ${preview(header)})` });
    }
    if (retryAfter !== undefined && !RETRY_AFTER.test(retryAfter.trim())) {
      violations.push({ where: "header Retry-After", expected: "whole seconds or an HTTP date (RFC 9110)", got: preview(retryAfter) });
    }
    return violations;
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
