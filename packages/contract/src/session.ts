import { createRedactor, type Redactor } from "@hss-kit/client/internal";
import type { CheckName } from "./checks/registry.js";
import type { HttpTransport, Outcome, RawRequest } from "./http.js";
import { secretsOf, signed, toCurl, toRawRequest, type ApiCall, type RunCredentials } from "./request.js";
import type { Failure, Violation } from "./result.js";

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
  /** Milliseconds from sending the request to the last byte of the answer. */
  durationMs: number;
}

/**
 * A check that judges responses as they arrive, whichever check sent the request. `judge`
 * returns the violations of one exchange, or undefined when the exchange is not its to judge.
 */
export interface ResponseJudge {
  check: CheckName;
  judge(exchange: Exchange, session: Session): Violation[] | undefined;
}

/** What the judges concluded of one operation's exchanges, per check. */
export interface Verdict {
  /** Exchanges the check judged. */
  judged: number;
  failures: Failure[];
}

/**
 * How a run lives within the target's throttle: a slot of a request budget before every request,
 * and after a 429 a wait before the same request goes again.
 */
export interface Pacing {
  /**
   * Resolves when the operation's budget has a slot for one more request, and takes it; the
   * function it resolves to is called once the answer is in.
   */
  slot(operation: string): Promise<() => void>;
  /**
   * After the `attempt`-th answer of a request was 429: closes the operation's budget for as long
   * as the target asked (`Retry-After`) or a window, and says so; false to give up and let the
   * check see the 429.
   */
  throttled(operation: string, retryAfter: string | undefined, attempt: number): boolean;
}

/** After this many transport failures on one operation, its remaining requests are not sent. */
export const TRANSPORT_FAILURE_BUDGET = 3;

/**
 * Most response body bytes one run reads in all. Each body is capped on its own (maxBodyBytes),
 * but a run sends hundreds of requests: a target that answers every one at the cap would keep a
 * run reading gigabytes. Once passed, no further request is sent.
 */
export const RETAINED_BODY_BUDGET = 64 * 1024 * 1024;

/**
 * Sends the run's requests and has every response judged as it arrives by the response judges
 * (conformance, transport, latency), whichever check sent it; only the verdicts are kept, not
 * the exchanges. An operation whose requests keep failing at transport level (hangs, resets)
 * stops being called: that bounds the run's time against a hanging target.
 */
export class Session {
  private sent = 0;
  private throttledAnswers = 0;
  private readonly transportFailures = new Map<string, number>();
  private readonly parsed = new WeakMap<Exchange, ParsedBody>();
  private readonly verdicts = new Map<string, Map<CheckName, Verdict>>();
  private readonly durations = new Map<string, number[]>();
  private readonly slowest = new Map<string, { durationMs: number; curl: string }>();
  private retainedBodyBytes = 0;
  private readonly redactor: Redactor;

  constructor(
    private readonly transport: HttpTransport,
    private readonly baseUrl: string,
    private readonly credentials: RunCredentials,
    private readonly judges: readonly ResponseJudge[] = [],
    private readonly pacing?: Pacing,
    /** A credential of another project, which calls with `auth: "other"` carry. */
    private readonly other?: RunCredentials,
  ) {
    this.redactor = createRedactor([...secretsOf(credentials), ...(other ? secretsOf(other) : [])]);
  }

  private get token(): string | undefined {
    return this.credentials.kind === "token" ? this.credentials.token : undefined;
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
    for (let attempt = 1; ; attempt++) {
      const answered = await this.pacing?.slot(operation);
      const exchange = await this.exchange(call, check, failures);
      answered?.();
      // A 429 is judged like any answer (conformance.throttled holds it to the spec), then waited
      // out: the check that sent the request gets the answer that came after the wait.
      const { outcome } = exchange;
      if (outcome.kind !== "response" || outcome.status !== 429) return exchange;
      if (!this.pacing?.throttled(operation, outcome.headers["retry-after"], attempt)) return exchange;
      this.throttledAnswers++;
    }
  }

  /** One request sent (signed afresh, so each attempt has its own date) and judged. */
  protected async exchange(call: ApiCall, check: string, failures: number): Promise<Exchange> {
    const operation = call.operation.id;
    if (call.auth === "other" && !this.other) throw new Skip("no credential of another project given (--other-token, or --other-access-key and --other-secret-key)");
    const credentials = call.auth === "other" && this.other ? this.other : this.credentials;
    const unsigned = toRawRequest(this.baseUrl, credentials.kind === "token" ? credentials.token : undefined, call);
    const request = credentials.kind === "accessKey" ? await signed(unsigned, credentials, call.auth ?? "credentials") : unsigned;
    this.sent++;
    const started = performance.now();
    const outcome = this.scrubbed(await this.transport.send(request));
    const durationMs = performance.now() - started;
    if (outcome.kind === "transport-failure") this.transportFailures.set(operation, failures + 1);
    else this.retainedBodyBytes += outcome.body.length;
    const exchange: Exchange = { operation, check, call, request, outcome, durationMs };
    this.judge(exchange);
    return exchange;
  }

  private judge(exchange: Exchange): void {
    let byCheck = this.verdicts.get(exchange.operation);
    if (!byCheck) this.verdicts.set(exchange.operation, (byCheck = new Map()));
    if (exchange.outcome.kind === "response") {
      const durations = this.durations.get(exchange.operation) ?? [];
      durations.push(exchange.durationMs);
      this.durations.set(exchange.operation, durations);
      if (exchange.durationMs > (this.slowest.get(exchange.operation)?.durationMs ?? -1)) {
        this.slowest.set(exchange.operation, { durationMs: exchange.durationMs, curl: this.curl(exchange) });
      }
    }
    for (const { check, judge } of this.judges) {
      const violations = judge(exchange, this);
      if (violations === undefined) continue;
      const verdict = byCheck.get(check) ?? { judged: 0, failures: [] };
      verdict.judged++;
      if (violations.length > 0) {
        verdict.failures.push({
          curl: this.curl(exchange),
          ...(exchange.outcome.kind === "response" ? { status: exchange.outcome.status } : {}),
          violations,
        });
      }
      byCheck.set(check, verdict);
    }
  }

  /** What a response judge concluded of an operation's exchanges so far. */
  verdictOf(operation: string, check: CheckName): Verdict {
    return this.verdicts.get(operation)?.get(check) ?? { judged: 0, failures: [] };
  }

  /** The response times of an operation's answered requests so far, in milliseconds, in order sent. */
  durationsOf(operation: string): readonly number[] {
    return this.durations.get(operation) ?? [];
  }

  /** The slowest answered request of an operation so far, as curl, with its time. */
  slowestOf(operation: string): { durationMs: number; curl: string } | undefined {
    return this.slowest.get(operation);
  }

  /** Number of requests sent. */
  get requestCount(): number {
    return this.sent;
  }

  /** Number of 429 answers the run waited out and sent again. */
  get throttledCount(): number {
    return this.throttledAnswers;
  }

  /** The exchange's request as a curl command with the token (and any signature) redacted. */
  curl(exchange: Exchange): string {
    return this.redactor.text(toCurl(exchange.request, this.token));
  }

  /** Whether the run signs with AK/SK rather than sending a token. */
  get signs(): boolean {
    return this.credentials.kind === "accessKey";
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
