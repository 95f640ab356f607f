import type { Failure, Violation } from "../result.js";
import type { ResponseValidator } from "../schema.js";
import { preview } from "../schema.js";
import type { Exchange, Session } from "../session.js";
import type { ParamValues } from "../request.js";
import type { OperationModel, ParameterModel, SpecModel } from "../spec.js";

/**
 * Which checks run: `full` runs all; `mock` only those a stateless server (such as Prism) can
 * pass; `gateway` only those that send a request or two per operation, to fit a real gateway's budget.
 */
export type Profile = "full" | "mock" | "gateway";

/** Every profile, as `--profile` takes them. */
export const PROFILES: readonly Profile[] = ["full", "mock", "gateway"];

/** What every check of one operation can use. */
export interface CheckContext {
  /** The whole spec, for checks that follow a link to another operation. */
  spec: SpecModel;
  operation: OperationModel;
  session: Session;
  validator: ResponseValidator;
  profile: Profile;
  /** Values of the operation's required parameters: a valid call needs nothing more. */
  base: ParamValues;
  /** The exchange of the valid call with `base` only, sent before any check. */
  baseline: Exchange;
  /** fast-check seed and number of generated cases per operation. */
  seed: number;
  propertyRuns: number;
  /**
   * What the checks of this operation share (a cache of pages, the unfiltered answer), made on
   * first use under `key` and kept for the operation's run.
   */
  shared<T>(key: string, make: () => T): T;
}

/** A failure for one exchange: its curl line, status and violations. */
export function failureOf(session: Session, exchange: Exchange, violations: Violation[], note?: string): Failure {
  return {
    curl: session.curl(exchange),
    ...(exchange.outcome.kind === "response" ? { status: exchange.outcome.status } : {}),
    ...(note ? { note } : {}),
    violations,
  };
}

/** The transport failure of an exchange as a violation, or undefined when a response arrived. */
export function transportViolation(exchange: Exchange): Violation | undefined {
  const { outcome } = exchange;
  if (outcome.kind === "response") return undefined;
  return { where: "transport", expected: "a complete HTTP response", got: `${outcome.failure}: ${outcome.message}` };
}

/** `400 HSS.0001 "Invalid request parameter."`: the status with what an error body says. */
export function describeAnswer(session: Session, exchange: Exchange): string {
  const { outcome } = exchange;
  if (outcome.kind !== "response") return `${outcome.failure}: ${outcome.message}`;
  const parsed = session.parse(exchange);
  if (parsed.ok && typeof parsed.value === "object" && parsed.value !== null && "error_code" in parsed.value) {
    const body = parsed.value as Record<string, unknown>;
    return `${outcome.status} ${String(body.error_code)} ${preview(body.error_msg, 80)}`;
  }
  return String(outcome.status);
}

/** A list body: `{ total_num, data_list }` with the right JavaScript types. */
export interface ListBody {
  total_num: number;
  data_list: Record<string, unknown>[];
}

/**
 * The exchange's list body, or a failure explaining why there is none (transport failure,
 * non-2xx status, body not JSON or not shaped like a page). Checks that reason about pages use it.
 */
export function listBodyOf(session: Session, exchange: Exchange): { body: ListBody } | { failure: Failure } {
  const transport = transportViolation(exchange);
  if (transport) return { failure: failureOf(session, exchange, [transport]) };
  const { outcome } = exchange;
  if (outcome.kind !== "response" || outcome.status < 200 || outcome.status > 299) {
    return { failure: failureOf(session, exchange, [{ where: "status", expected: "2xx for a valid request", got: describeAnswer(session, exchange) }]) };
  }
  const parsed = session.parse(exchange);
  if (!parsed.ok) {
    return { failure: failureOf(session, exchange, [{ where: "body", expected: "JSON", got: `unparsable: ${parsed.error}` }]) };
  }
  const value = parsed.value as Partial<ListBody> | null;
  if (typeof value !== "object" || value === null || typeof value.total_num !== "number" || !Array.isArray(value.data_list)) {
    return { failure: failureOf(session, exchange, [{ where: "body", expected: "{ total_num: number, data_list: array }", got: preview(value) }]) };
  }
  return { body: value as ListBody };
}

/** The operation's query parameter of that name, if it has one. */
export function queryParameter(operation: OperationModel, name: string): ParameterModel | undefined {
  return operation.parameters.find((p) => p.in === "query" && p.name === name);
}

/** Renders parameter values the way they appear in a query string, for subjects and notes. */
export function describeParams(params: ParamValues): string {
  const shown = Object.entries(params).filter(([, value]) => value !== undefined);
  return shown.length === 0 ? "(none)" : shown.map(([name, value]) => `${name}=${String(value)}`).join("&");
}

/** `1 item`, `3 items`. */
export function itemCount(count: number): string {
  return `${count} item${count === 1 ? "" : "s"}`;
}
