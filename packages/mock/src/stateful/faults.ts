// The faults the stateful mock can plant, defined in one place: each breaks one rule of the spec
// the way real implementations do, by overriding one or two seams of the mock's behaviour
// (behaviour.ts) and falling back on the fault-free ones.
import type { ServerResponse } from "node:http";
import type { FilterSemantics, Json, OperationModel, ParameterModel } from "@hss-kit/spec";
import { checkCredentials } from "../auth/credentials.js";
import { principalOf, Refusal, type Behaviour, type BehaviourEnv } from "./behaviour.js";
import { ParameterProblem } from "./query.js";
import type { RateLimitOptions } from "../throttle.js";
import { meetsCriterion } from "./select.js";

/** How much the `robustness.slow` fault delays every answer. */
export const SLOW_ANSWER_MS = 30;

/** What a fault is: the check that must catch it, what it breaks, and the seams it overrides. */
export interface FaultDefinition {
  /** The contract check that must catch it. */
  check: string;
  /** What it breaks, in a few words. */
  breaks: string;
  /** Whether no other check of hss-contract catches it. */
  alone?: boolean;
  /** The seams it overrides, given the fault-free behaviour to fall back on. */
  overrides(base: Behaviour, env: BehaviourEnv): Partial<Behaviour>;
  /** The gateway throttle the fault needs in front of the mock, when the mock is given none. */
  throttle?: RateLimitOptions;
}

const HUGE_BODY_BYTES = 50 * 1024 * 1024;

function streamHugeBody(response: ServerResponse, requestId: string): void {
  response.writeHead(200, { "Content-Type": "application/json", "X-Request-Id": requestId });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let remaining = HUGE_BODY_BYTES;
  response.write('{"total_num":1,"data_list":[');
  const pump = () => {
    while (remaining > 0) {
      remaining -= chunk.length;
      if (!response.write(chunk)) {
        response.once("drain", pump);
        return;
      }
    }
    response.end("]}");
  };
  response.on("close", () => { remaining = 0; });
  pump();
}

/** The request target with only the query parameters the operation declares. */
function declaredOnly(target: string, operation: OperationModel): string {
  const at = target.indexOf("?");
  if (at === -1) return target;
  const declared = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  const kept = target.slice(at + 1).split("&").filter((pair) => declared.has(decodeURIComponent(pair.split("=", 1)[0]!.replace(/\+/g, " "))));
  return `${target.slice(0, at)}${kept.length ? `?${kept.join("&")}` : ""}`;
}

/** A text read back as its UTF-8 bytes taken one by one as Latin-1 characters: mojibake, as a server that decodes wrongly sees it. */
function latin1(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

/** Breaks the first field of an item with a value of the wrong type. */
function corrupted(item: Record<string, Json>): Record<string, Json> {
  const [name, value] = Object.entries(item)[0] ?? [];
  if (name === undefined) return item;
  return { ...item, [name]: typeof value === "string" ? 5 : String(value) };
}

/** An item whose epoch-millisecond fields are given in seconds. */
function inSeconds(operation: OperationModel, item: Record<string, Json>): Record<string, Json> {
  const copy = { ...item };
  for (const field of operation.fields) {
    const value = copy[field.name];
    if (field.unit === "epoch-milliseconds" && typeof value === "number") copy[field.name] = Math.floor(value / 1000);
  }
  return copy;
}

/** The parameter with some of its rules dropped, as a server that does not check them reads it. */
function without(parameter: ParameterModel, ...rules: ("enum" | "minLength" | "maxLength")[]): ParameterModel {
  const kept = { ...parameter.rules };
  for (const rule of rules) delete kept[rule];
  return { ...parameter, rules: kept };
}

/** An integer value past a bound, clamped to it instead of refused. */
function clamped(parameter: ParameterModel, raw: string | undefined, bound: "minimum" | "maximum"): number | undefined {
  const limit = parameter.rules[bound];
  if (parameter.rules.type !== "integer" || raw === undefined || limit === undefined || !/^-?\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return (bound === "minimum" ? value < limit : value > limit) ? limit : undefined;
}

/**
 * A raw value as a lenient parser reads it, written back in the strict form: integers as
 * JavaScript's Number does (10.5, 1e1 and 0x14 read as 10, 10 and 20), booleans from 1/0 and t/f
 * in any case, enum values in any case. Anything it cannot read stays as it was.
 */
function leniently(parameter: ParameterModel, raw: string): string | undefined {
  const { rules } = parameter;
  if (rules.type === "integer") {
    if (raw.trim() === "") return undefined;
    const value = Number(raw);
    return Number.isFinite(value) ? String(Math.trunc(value)) : raw;
  }
  if (rules.type === "boolean") return /^(1|t|true)$/i.test(raw) ? "true" : /^(0|f|false)$/i.test(raw) ? "false" : raw;
  return rules.enum?.map(String).find((value) => value.toLowerCase() === raw.toLowerCase()) ?? raw;
}

/** How many repeated-request keys the nondeterministic fault remembers before it starts over. */
const MAX_REMEMBERED_REQUESTS = 10_000;

const header = (request: { headers: Record<string, string | string[] | undefined> }, name: string) => request.headers[name];

/**
 * Faults the stateful mock can plant, each breaking one rule of the spec the way real
 * implementations do, with the contract check that must catch it (`alone`: and no other check
 * of hss-contract does). They exist so that a contract suite (hss-contract's own tests, or
 * yours) can show that each of its checks can fail.
 */
export const FAULTS = {
  "robustness.hang": { check: "robustness.transport", breaks: "never answers: the connection stays open and silent", alone: true, overrides: () => ({ arrive: () => "hang" }) },
  "robustness.reset": { check: "robustness.transport", breaks: "resets every connection instead of answering", alone: true, overrides: () => ({ arrive: () => "reset" }) },
  "robustness.huge-body": {
    check: "robustness.transport",
    breaks: "streams a 50 MB body",
    alone: true,
    overrides: (base) => ({ respond: (answer) => (answer.status === 200 ? { ...base.respond(answer), write: (response) => streamHugeBody(response, answer.requestId) } : base.respond(answer)) }),
  },
  "robustness.malformed-json": {
    check: "conformance.body",
    breaks: "2xx bodies are cut-off JSON",
    overrides: (base) => ({
      respond(answer) {
        const wire = base.respond(answer);
        return wire.status >= 200 && wire.status < 300 ? { ...wire, text: wire.text.slice(0, Math.floor(wire.text.length / 2)) } : wire;
      },
    }),
  },
  "conformance.status": {
    check: "conformance.status",
    breaks: "answers 206 Partial Content when more pages follow",
    alone: true,
    overrides: (base) => ({ respond: (answer) => base.respond(answer.more && answer.status === 200 ? { ...answer, status: 206 } : answer) }),
  },
  "conformance.content-type": {
    check: "conformance.content-type",
    breaks: "sends JSON as text/plain",
    alone: true,
    overrides: (base) => ({
      respond(answer) {
        const wire = base.respond(answer);
        return wire.status >= 200 && wire.status < 300 ? { ...wire, headers: { ...wire.headers, "Content-Type": "text/plain; charset=utf-8" } } : wire;
      },
    }),
  },
  "conformance.request-id": {
    check: "conformance.request-id",
    breaks: "sends no X-Request-Id header",
    alone: true,
    overrides: (base) => ({
      respond(answer) {
        const { "X-Request-Id": _dropped, ...headers } = base.respond(answer).headers;
        return { ...base.respond(answer), headers };
      },
    }),
  },
  "conformance.throttle-body": {
    check: "conformance.throttled",
    breaks: "throttles at 20 calls of an operation a second and answers 429 with a made-up code (HSS.0429) and no request_id",
    alone: true,
    throttle: { perCredential: { requests: 20, windowMs: 1_000 }, retryAfter: true },
    overrides: (base) => ({
      respond(answer) {
        if (answer.status !== 429) return base.respond(answer);
        const { error_msg: message } = answer.body as { error_msg?: unknown };
        return base.respond({ ...answer, body: { error_code: "HSS.0429", error_msg: message } });
      },
    }),
  },
  "conformance.body": {
    check: "conformance.body",
    breaks: "the first field of every item has a value of the wrong type",
    overrides: (base) => ({ page: (selection) => { const page = base.page(selection); return { ...page, data_list: page.data_list.map(corrupted) }; } }),
  },
  "conformance.error-body": {
    check: "conformance.error-body",
    breaks: "error bodies are { code, message } instead of { error_code, error_msg }",
    alone: true,
    overrides: (base) => ({
      respond(answer) {
        if (answer.status < 400) return base.respond(answer);
        const { error_code: code, error_msg: message } = answer.body as { error_code?: unknown; error_msg?: unknown };
        return base.respond({ ...answer, body: { code, message } });
      },
    }),
  },
  "inputs.rejects-boundary": {
    check: "inputs.accepted",
    breaks: "treats the maximum limit as exclusive: refuses limit at its maximum",
    overrides: (base) => ({
      readParameter(parameter, raw) {
        const value = base.readParameter(parameter, raw);
        if (parameter.paging === "limit" && value === parameter.rules.maximum) throw new ParameterProblem(`${parameter.name} must be below ${String(parameter.rules.maximum)}; got ${JSON.stringify(raw)}.`);
        return value;
      },
    }),
  },
  "inputs.no-minimum": {
    check: "inputs.below-min",
    breaks: "clamps values below a minimum instead of refusing them",
    alone: true,
    overrides: (base) => ({ readParameter: (parameter, raw) => clamped(parameter, raw, "minimum") ?? base.readParameter(parameter, raw) }),
  },
  "inputs.no-maximum": {
    check: "inputs.above-max",
    breaks: "clamps values above a maximum instead of refusing them",
    alone: true,
    overrides: (base) => ({ readParameter: (parameter, raw) => clamped(parameter, raw, "maximum") ?? base.readParameter(parameter, raw) }),
  },
  "inputs.lenient-types": {
    check: "inputs.wrong-type",
    breaks: "reads a non-number as the default and a non-boolean as false",
    overrides: (base) => ({
      readParameter(parameter, raw) {
        if (raw !== undefined && parameter.rules.type === "integer" && !/^-?\d+$/.test(raw)) return undefined;
        if (raw !== undefined && parameter.rules.type === "boolean" && raw !== "true" && raw !== "false") return false;
        return base.readParameter(parameter, raw);
      },
    }),
  },
  "inputs.enum-unchecked": {
    check: "inputs.bad-enum",
    breaks: "accepts values outside an enum",
    overrides: (base) => ({ readParameter: (parameter, raw) => base.readParameter(without(parameter, "enum"), raw) }),
  },
  "inputs.length-unchecked": {
    check: "inputs.too-long",
    breaks: "does not enforce maxLength",
    alone: true,
    overrides: (base) => ({ readParameter: (parameter, raw) => base.readParameter(without(parameter, "maxLength"), raw) }),
  },
  "inputs.empty-accepted": {
    check: "inputs.too-short",
    breaks: "does not enforce minLength",
    alone: true,
    overrides: (base) => ({ readParameter: (parameter, raw) => base.readParameter(without(parameter, "minLength"), raw) }),
  },
  "inputs.required-unchecked": {
    check: "inputs.missing-required",
    breaks: "treats required query and header parameters as optional",
    alone: true,
    overrides: (base) => ({ readParameter: (parameter, raw) => (raw === undefined && parameter.in !== "path" ? undefined : base.readParameter(parameter, raw)) }),
  },
  "inputs.combination-crash": {
    check: "inputs.generated",
    breaks: "fails with 500 when two optional filters are combined",
    overrides: (base) => ({
      page(selection) {
        const given = selection.operation.parameters.filter((p) => p.filter && !p.required && selection.values.has(p.name));
        if (given.length >= 2) throw new Refusal(500, "System error.");
        return base.page(selection);
      },
    }),
  },
  "auth.no-auth": {
    check: "auth.missing-token",
    breaks: "serves requests that carry no credentials",
    alone: true,
    overrides: (base) => ({
      authenticate: (request, operation) =>
        header(request, "x-auth-token") === undefined && header(request, "authorization") === undefined ? {} : base.authenticate(request, operation),
    }),
  },
  "auth.empty-token": {
    check: "auth.empty-token",
    breaks: "serves requests whose X-Auth-Token is empty",
    alone: true,
    overrides: (base) => ({ authenticate: (request, operation) => (header(request, "x-auth-token") === "" ? {} : base.authenticate(request, operation)) }),
  },
  "auth.any-token": {
    check: "auth.wrong-token",
    breaks: "accepts any non-empty token",
    overrides: (base) => ({
      authenticate(request, operation) {
        const token = header(request, "x-auth-token");
        return typeof token === "string" && token !== "" ? {} : base.authenticate(request, operation);
      },
    }),
  },
  "auth.any-signature": {
    check: "auth.wrong-signature",
    breaks: "accepts any Authorization header without verifying it",
    overrides: (_base, env) => ({ authenticate: (request) => principalOf(env, (credentials) => checkCredentials(request, credentials, { acceptAnySignature: true })?.reason) }),
  },
  "auth.no-date-window": {
    check: "auth.stale-date",
    breaks: "accepts an X-Sdk-Date of any age in the past (the future is still refused)",
    alone: true,
    overrides: (_base, env) => ({ authenticate: (request) => principalOf(env, (credentials) => checkCredentials(request, credentials, { broken: { dateWindow: "past" } })?.reason) }),
  },
  "auth.query-unsigned": {
    check: "auth.tampered-query",
    breaks: "verifies the signature over the declared query parameters only, so an added one goes unnoticed",
    alone: true,
    overrides: (base) => ({ authenticate: (request, operation) => base.authenticate({ method: request.method, url: declaredOnly(request.url ?? "/", operation), headers: request.headers }, operation) }),
  },
  "auth.signed-header-400": {
    check: "auth.missing-signed-header",
    breaks: "answers a request that lacks a signed header with 400, not 401",
    alone: true,
    overrides: (base) => ({
      authenticate(request, operation) {
        const outcome = base.authenticate(request, operation);
        return outcome instanceof Refusal && outcome.message.includes("signed header") ? new Refusal(400, outcome.message) : outcome;
      },
    }),
  },
  "pagination.limit-plus-one": {
    check: "pagination.limit",
    breaks: "returns limit + 1 items",
    overrides: (base) => ({ page: (selection) => ({ ...base.page({ ...selection, limit: selection.limit + 1 }), total_num: base.page(selection).total_num }) }),
  },
  "pagination.total-changes": {
    check: "pagination.total-stable",
    breaks: "total_num counts only the items from offset on",
    alone: true,
    overrides: (base) => ({ page: (selection) => { const page = base.page(selection); return { ...page, total_num: Math.max(0, page.total_num - selection.offset) }; } }),
  },
  "pagination.unstable-order": {
    check: "pagination.compose",
    breaks: "orders items differently when limit is above 10",
    alone: true,
    overrides: (base) => ({ page: (selection) => base.page(selection.limit > 10 ? { ...selection, matched: [...selection.matched].reverse() } : selection) }),
  },
  "pagination.drops-last": {
    check: "pagination.walk",
    breaks: "never returns the last item, though total_num counts it",
    overrides: (base) => ({ page: (selection) => ({ ...base.page({ ...selection, matched: selection.matched.slice(0, -1) }), total_num: selection.matched.length }) }),
  },
  "pagination.past-end-wraps": {
    check: "pagination.past-end",
    breaks: "an offset at or past the end returns the last page",
    alone: true,
    overrides: (base) => ({
      page: (selection) => base.page(selection.offset >= selection.matched.length
        ? { ...selection, offset: Math.max(0, selection.matched.length - selection.limit) }
        : selection),
    }),
  },
  "pagination.default-limit": {
    check: "pagination.default-limit",
    breaks: "an omitted limit means twice its documented default",
    alone: true,
    overrides: (base) => ({ page: (selection) => base.page(selection.limitGiven ? selection : { ...selection, limit: selection.limit * 2 }) }),
  },
  "pagination.nondeterministic": {
    check: "pagination.idempotent",
    breaks: "a repeated request gets its items in reverse order",
    overrides(base) {
      const seen = new Set<string>();
      return {
        page(selection) {
          const page = base.page(selection);
          const repeated = seen.has(selection.target);
          if (seen.size >= MAX_REMEMBERED_REQUESTS) seen.clear();
          seen.add(selection.target);
          return repeated ? { ...page, data_list: [...page.data_list].reverse() } : page;
        },
      };
    },
  },
  "filters.ignored": {
    check: "filters.match",
    breaks: "ignores every optional filter",
    overrides: (base) => ({ page: (selection) => base.page({ ...selection, matched: selection.scoped }) }),
  },
  "filters.total-unfiltered": {
    check: "filters.total",
    breaks: "total_num counts the records before the optional filters",
    overrides: (base) => ({ page: (selection) => ({ ...base.page(selection), total_num: selection.scoped.length }) }),
  },
  "filters.substring": {
    check: "filters.exact",
    breaks: "exact filters match any value that contains the given one",
    alone: true,
    overrides: (base) => ({ criterion: (parameter, values) => { const rule = base.criterion(parameter, values); return rule && { ...rule, partial: true }; } }),
  },
  "filters.case-insensitive": {
    check: "filters.case",
    breaks: "case-sensitive filters ignore case",
    alone: true,
    overrides: (base) => ({ criterion: (parameter, values) => { const rule = base.criterion(parameter, values); return rule && { ...rule, caseSensitive: false }; } }),
  },
  "filters.part-match-ignored": {
    check: "filters.partial",
    breaks: "part_match=true changes nothing: matching stays exact",
    alone: true,
    overrides: (base) => ({ criterion: (parameter, values) => { const rule = base.criterion(parameter, values); return rule && { ...rule, partial: parameter.filter.match === "partial" }; } }),
  },
  "filters.boolean-drops": {
    check: "filters.boolean",
    breaks: "a boolean filter returns every other matching record, total_num counting only those",
    alone: true,
    overrides: (base) => ({
      page(selection) {
        const booleanGiven = selection.operation.parameters.some((p) => p.filter && p.rules.type === "boolean" && selection.values.has(p.name));
        return base.page(booleanGiven ? { ...selection, matched: selection.matched.filter((_, index) => index % 2 === 0) } : selection);
      },
    }),
  },
  "filters.latin1": {
    check: "filters.non-ascii",
    breaks: "query values are read as Latin-1, so a value outside ASCII never matches",
    overrides: (base) => ({ readParameter: (parameter, raw) => base.readParameter(parameter, parameter.in === "query" && raw !== undefined ? latin1(raw) : raw) }),
  },
  "filters.alias-ignored": {
    check: "filters.alias",
    breaks: "a value with aliases (status=unknown) matches only itself, not unknow",
    alone: true,
    overrides: (base) => ({ criterion: (parameter, values) => { const rule = base.criterion(parameter, values); return rule && { ...rule, aliases: [] }; } }),
  },
  "filters.match-all-refused": {
    check: "filters.match-all",
    breaks: "refuses all_granted_eps with 400, as if it were an unknown enterprise project",
    alone: true,
    overrides: (base) => ({
      readParameter(parameter, raw) {
        if (raw !== undefined && parameter.filter?.matchAll.includes(raw)) throw new ParameterProblem(`${parameter.name} ${JSON.stringify(raw)} is not a known value.`);
        return base.readParameter(parameter, raw);
      },
    }),
  },
  "filters.default-ignored": {
    check: "filters.default",
    breaks: "a filter left out selects everything, not its documented default (category=host)",
    alone: true,
    overrides: (base) => ({ criterion: (parameter, values) => (values.has(parameter.name) ? base.criterion(parameter, values) : undefined) }),
  },
  "pagination.limit-capped": {
    check: "pagination.limits",
    breaks: "a limit above 100 gives 100 items",
    alone: true,
    overrides: (base) => ({ page: (selection) => base.page({ ...selection, limit: Math.min(selection.limit, 100) }) }),
  },
  "conformance.seconds": {
    check: "conformance.time-unit",
    breaks: "time fields are in seconds, not milliseconds",
    alone: true,
    overrides: (base) => ({ page: (selection) => { const page = base.page(selection); return { ...page, data_list: page.data_list.map((item) => inSeconds(selection.operation, item)) }; } }),
  },
  "robustness.slow": {
    check: "robustness.latency",
    breaks: `every answer takes ${SLOW_ANSWER_MS} ms more`,
    alone: true,
    overrides: (base) => ({ respond: (answer) => ({ ...base.respond(answer), delayMs: SLOW_ANSWER_MS }) }),
  },
  "auth.future-date": {
    check: "auth.future-date",
    breaks: "accepts an X-Sdk-Date in the future (only the past is held to the window)",
    alone: true,
    overrides: (_base, env) => ({ authenticate: (request) => principalOf(env, (credentials) => checkCredentials(request, credentials, { broken: { dateWindow: "future" } })?.reason) }),
  },
  "tenancy.any-project": {
    check: "tenancy.other-credential",
    breaks: "a valid credential of any project reads every project's records",
    alone: true,
    overrides: () => ({ tenant: (_principal, pathProject) => pathProject }),
  },
  "tenancy.path-ignored": {
    check: "tenancy.made-up-project",
    breaks: "the path's project_id is ignored: a credential reads its own project's records under any project_id",
    alone: true,
    overrides: () => ({ tenant: (principal, pathProject) => principal.project ?? pathProject }),
  },
  "conformance.cached-request-id": {
    check: "conformance.distinct-request-id",
    breaks: "a cache in front replays the X-Request-Id of the first answer to identical requests",
    alone: true,
    overrides(base) {
      const first = new Map<string, string>();
      return {
        respond(answer) {
          if (!first.has(answer.target)) {
            if (first.size >= MAX_REMEMBERED_REQUESTS) first.clear();
            first.set(answer.target, answer.requestId);
          }
          return base.respond({ ...answer, requestId: first.get(answer.target)! });
        },
      };
    },
  },
  "filters.first-only": {
    check: "filters.combined",
    breaks: "of several filters given, only the first is applied",
    alone: true,
    overrides: (base) => ({
      page(selection) {
        const given = selection.operation.parameters.filter((p) => p.filter && !p.required && selection.values.has(p.name));
        const rule = given[0] && base.criterion(given[0] as ParameterModel & { filter: FilterSemantics }, selection.values);
        if (given.length < 2 || !rule) return base.page(selection);
        return base.page({ ...selection, matched: selection.scoped.filter((record) => meetsCriterion(rule, record)) });
      },
    }),
  },
  "inputs.lenient-parsing": {
    check: "inputs.strict-parsing",
    breaks: "reads integers as JavaScript's Number and parseInt do (10.5, 1e1, 0x14, an empty value), booleans as 1/0, t/f in any case, and enum values in any case",
    alone: true,
    overrides: (base) => ({ readParameter: (parameter, raw) => base.readParameter(parameter, raw === undefined ? undefined : leniently(parameter, raw)) }),
  },
} as const satisfies Record<string, FaultDefinition>;

/** A fault the stateful mock can plant. */
export type Fault = keyof typeof FAULTS;

/** Whether a text names a fault. */
export function isFault(name: string): name is Fault {
  return Object.hasOwn(FAULTS, name);
}

/** The behaviour with a fault planted: the fault-free seams, with those the fault overrides replaced. */
export function withFault(base: Behaviour, env: BehaviourEnv, fault: Fault | undefined): Behaviour {
  return fault === undefined ? base : { ...base, ...(FAULTS[fault] as FaultDefinition).overrides(base, env) };
}
