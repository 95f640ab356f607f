import type { Failure, Violation } from "../result.js";
import type { Exchange } from "../session.js";
import { Skip } from "../session.js";
import { documentedResponse, type OperationModel } from "../spec.js";
import { failureOf, type CheckContext, type PlannedCheck } from "./context.js";

/**
 * Judges every exchange of an operation that got a response with `judge`, and turns the
 * exchanges with violations into failures. Skips when no exchange qualified, so a check never
 * passes on nothing.
 */
async function overResponses(
  context: CheckContext,
  qualifies: (exchange: Exchange, status: number) => boolean,
  judge: (exchange: Exchange, status: number) => Violation[],
  nothingToCheck: string,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  let judged = 0;
  for (const exchange of context.session.exchangesOf(context.operation.id)) {
    if (exchange.outcome.kind !== "response") continue;
    const { status } = exchange.outcome;
    if (!qualifies(exchange, status)) continue;
    judged++;
    const violations = judge(exchange, status);
    if (violations.length > 0) failures.push(failureOf(context.session, exchange, violations));
  }
  if (judged === 0) throw new Skip(nothingToCheck);
  return failures;
}

function documentedStatuses(operation: OperationModel): string {
  return operation.responses.map((r) => r.status).join(", ");
}

function isJsonMediaType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json";
}

function bodyViolations(context: CheckContext, exchange: Exchange, status: number): Violation[] {
  const parsed = context.session.parse(exchange);
  if (!parsed.ok) return [{ where: "body", expected: "JSON", got: `unparsable: ${parsed.error}` }];
  return context.validator.validate(context.operation, status, parsed.value) ?? [];
}

function hasJsonSchema(operation: OperationModel, status: number): boolean {
  return documentedResponse(operation, status)?.schema !== undefined;
}

/**
 * The conformance checks of one operation. They run last and judge every response the run got
 * for the operation, whichever check sent the request, so every other check's requests are held
 * to the spec's statuses, media type, headers and schemas too.
 */
export function conformanceChecks(): PlannedCheck[] {
  return [
    {
      check: "conformance.status",
      subject: "",
      run: (context) =>
        overResponses(
          context,
          () => true,
          (_, status) =>
            documentedResponse(context.operation, status)
              ? []
              : [{ where: "status", expected: `a status the spec documents for ${context.operation.id} (${documentedStatuses(context.operation)})`, got: String(status) }],
          "no response arrived",
        ),
    },
    {
      check: "conformance.content-type",
      subject: "",
      run: (context) =>
        overResponses(
          context,
          (_, status) => documentedResponse(context.operation, status)?.contentTypes.includes("application/json") === true,
          (exchange) => {
            const header = exchange.outcome.kind === "response" ? exchange.outcome.headers["content-type"] : undefined;
            return isJsonMediaType(header)
              ? []
              : [{ where: "header Content-Type", expected: "application/json", got: header ?? "(absent)" }];
          },
          "no response with a documented JSON body arrived",
        ),
    },
    {
      check: "conformance.request-id",
      subject: "",
      run: (context) =>
        overResponses(
          context,
          (_, status) => (documentedResponse(context.operation, status)?.headers.length ?? 0) > 0,
          (exchange, status) => {
            const headers = exchange.outcome.kind === "response" ? exchange.outcome.headers : {};
            return (documentedResponse(context.operation, status)?.headers ?? [])
              .filter((name) => !headers[name.toLowerCase()])
              .map((name) => ({ where: `header ${name}`, expected: "present and non-empty, as the spec documents", got: "(absent)" }));
          },
          "no response with documented headers arrived",
        ),
    },
    {
      check: "conformance.body",
      subject: "",
      run: (context) =>
        overResponses(
          context,
          (_, status) => status >= 200 && status < 300 && hasJsonSchema(context.operation, status),
          (exchange, status) => bodyViolations(context, exchange, status),
          "no documented 2xx response arrived",
        ),
    },
    {
      check: "conformance.error-body",
      subject: "",
      run: (context) =>
        overResponses(
          context,
          (_, status) => status >= 400 && hasJsonSchema(context.operation, status),
          (exchange, status) => bodyViolations(context, exchange, status),
          "no documented error response arrived",
        ),
    },
  ];
}
