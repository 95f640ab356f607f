import { createRedactor, type Redactor } from "@hss-kit/client";
import type { HttpTransport, Outcome, RawRequest } from "./http.js";
import { toCurl, toRawRequest, type ApiCall } from "./request.js";

/** Thrown by a check that cannot run; the runner reports it as skipped with this reason. */
export class Skip extends Error {
  override readonly name = "Skip";
}

/** A parsed body: the value, or why it would not parse. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

/** One request the run sent and what came back. */
export interface Exchange {
  /** operationId of the call. */
  operation: string;
  /** Name of the check that sent it. */
  check: string;
  call: ApiCall;
  request: RawRequest;
  outcome: Outcome;
}

/** After this many transport failures on one operation, its remaining requests are not sent. */
export const TRANSPORT_FAILURE_BUDGET = 3;

/**
 * Most response body bytes one run keeps for its conformance judgement. Each body is capped on its
 * own (maxBodyBytes), but a run sends hundreds of requests: a target that answers every one at
 * the cap would otherwise hold gigabytes. Once passed, no further request is sent.
 */
export const RETAINED_BODY_BUDGET = 64 * 1024 * 1024;

/**
 * Sends the run's requests and keeps every exchange, so conformance can be judged over all of
 * them. An operation whose requests keep failing at transport level (hangs, resets) stops being
 * called: that bounds the run's time against a hanging target.
 */
export class Session {
  private readonly log: Exchange[] = [];
  private readonly transportFailures = new Map<string, number>();
  private readonly parsed = new WeakMap<Exchange, ParsedBody>();
  private retainedBodyBytes = 0;
  private readonly redactor: Redactor;

  constructor(
    private readonly transport: HttpTransport,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {
    this.redactor = createRedactor([token]);
  }

  /**
   * The outcome with the token removed from its body and headers, in every encoding: a target may
   * echo it, and every report line is built from what is kept here (shortened excerpts included,
   * which a later scrub of the whole report could no longer recognise).
   */
  private scrubbed(outcome: Outcome): Outcome {
    if (outcome.kind !== "response") return { ...outcome, message: this.redactor.text(outcome.message) };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(outcome.headers)) headers[name] = this.redactor.text(value);
    return { ...outcome, headers, body: this.redactor.text(outcome.body) };
  }

  /** Sends a call on behalf of a check; throws {@link Skip} once the operation's transport budget is spent. */
  async send(call: ApiCall, check: string): Promise<Exchange> {
    const operation = call.operation.id;
    const failures = this.transportFailures.get(operation) ?? 0;
    if (failures >= TRANSPORT_FAILURE_BUDGET) {
      throw new Skip(`not sent: ${operation} already failed ${failures} times at transport level (see robustness.transport)`);
    }
    if (this.retainedBodyBytes > RETAINED_BODY_BUDGET) {
      throw new Skip(`not sent: the target's answers passed ${RETAINED_BODY_BUDGET} bytes of body in all, the most one run keeps`);
    }
    const request = toRawRequest(this.baseUrl, this.token, call);
    const outcome = this.scrubbed(await this.transport.send(request));
    if (outcome.kind === "transport-failure") this.transportFailures.set(operation, failures + 1);
    else this.retainedBodyBytes += outcome.body.length;
    const exchange: Exchange = { operation, check, call, request, outcome };
    this.log.push(exchange);
    return exchange;
  }

  /** Every exchange so far of one operation, in the order sent. */
  exchangesOf(operation: string): Exchange[] {
    return this.log.filter((exchange) => exchange.operation === operation);
  }

  /** Number of requests sent. */
  get requestCount(): number {
    return this.log.length;
  }

  /** The exchange's request as a curl command with the token redacted. */
  curl(exchange: Exchange): string {
    return toCurl(exchange.request, this.token);
  }

  /** The response body parsed as JSON (cached per exchange). */
  parse(exchange: Exchange): ParsedBody {
    const cached = this.parsed.get(exchange);
    if (cached) return cached;
    let result: ParsedBody;
    if (exchange.outcome.kind !== "response") result = { ok: false, error: "no response" };
    else {
      try {
        result = { ok: true, value: JSON.parse(exchange.outcome.body) as unknown };
      } catch (error) {
        result = { ok: false, error: (error as Error).message };
      }
    }
    this.parsed.set(exchange, result);
    return result;
  }
}
