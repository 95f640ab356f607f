// The stateful mock's behaviour as a few seams: how a request arrives, how its credentials are
// checked, how each parameter is read, how each filter selects, how the selected records are
// paged, and how an answer goes on the wire. The server calls only these; a planted fault (see
// faults.ts) replaces one or two of them and falls back on the fault-free ones.
import type { ServerResponse } from "node:http";
import type { FilterSemantics, OperationModel, ParameterModel, SpecModel } from "@hss-kit/spec";
import { checkCredentials, type MockCredentials } from "../auth/credentials.js";
import type { IncomingRequestLike } from "../auth/verify.js";
import type { StoredRecord } from "./dataset.js";
import { readValue, type Value } from "./query.js";
import { ParameterProblem } from "./query.js";
import { pageOf, type Page } from "./select.js";

/** An error answer: its status, what was wrong, and headers of its own (a 429's `Retry-After`). */
export class Refusal extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** How one filter of a request selects records. */
export interface Criterion {
  parameter: ParameterModel;
  filter: FilterSemantics;
  /** The value records must match. */
  wanted: Value;
  /** Whether the caller gave the filter (false: its default applies). */
  given: boolean;
  /** Whether part of a value matches (partial matching, or its switch on). */
  partial: boolean;
  caseSensitive: boolean;
  /** Values that also match `wanted`. */
  aliases: readonly string[];
}

/** What a request selected, to be paged. */
export interface Selection {
  operation: OperationModel;
  /** The records the filters' defaults leave (those the caller did not give). */
  scoped: readonly StoredRecord[];
  /** The records every filter selects. */
  matched: readonly StoredRecord[];
  values: ReadonlyMap<string, Value>;
  /** The page size: the `limit` given, or its documented default (unbounded without one). */
  limit: number;
  /** Whether the caller gave the limit. */
  limitGiven: boolean;
  offset: number;
  /** Path and query of the request, which tell two identical requests apart from others. */
  target: string;
}

/** An answer before it goes on the wire. */
export interface Answer {
  status: number;
  /** The JSON body. */
  body: unknown;
  requestId: string;
  /** For a page: whether more pages follow. */
  more: boolean;
  /** Path and query of the request. */
  target: string;
}

/** An answer as it goes on the wire. */
export interface Wire {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** How long to wait before sending it. */
  delayMs?: number;
  /** Writes the answer itself instead of `text` (an endless body). */
  write?: (response: ServerResponse) => void;
}

/** Who a request's credentials name: the project they belong to, or none for a mock open to every project. */
export interface Principal {
  project?: string;
}

/** The seams of the mock's behaviour. */
export interface Behaviour {
  /** What to do with a request as it arrives: answer it, leave it hanging, or reset its connection. */
  arrive(): "answer" | "hang" | "reset";
  /** Whom the request's credentials name, or why they are refused. */
  authenticate(request: IncomingRequestLike, operation: OperationModel): Principal | Refusal;
  /** The project whose records a principal reads at a path's `project_id`, or why it may not. */
  tenant(principal: Principal, pathProject: string): string | Refusal;
  /**
   * Reads one parameter from its raw text (undefined when absent) as its rules say: the value,
   * undefined for a parameter read as absent, or a thrown {@link ParameterProblem}.
   */
  readParameter(parameter: ParameterModel, raw: string | undefined): Value | undefined;
  /** How a filter selects, with the request's values; undefined when it selects everything. */
  criterion(parameter: ParameterModel & { filter: FilterSemantics }, values: ReadonlyMap<string, Value>): Criterion | undefined;
  /** The page of what a request selected; may throw a {@link Refusal}. */
  page(selection: Selection): Page;
  /** The answer as it goes on the wire. */
  respond(answer: Answer): Wire;
}

/** A project with the credentials that belong to it. */
export interface Tenant {
  projectId: string;
  credentials: MockCredentials;
}

/** What the behaviour is built from. */
export interface BehaviourEnv {
  model: SpecModel;
  /**
   * The projects the mock serves, each with its own credentials; one tenant without a project
   * (`projectId` empty) serves every project to its credentials.
   */
  tenants: readonly Tenant[];
}

/** Checks credentials with `check` against each tenant's: the first tenant they belong to, or the first tenant's refusal. */
export function principalOf(env: BehaviourEnv, check: (credentials: MockCredentials) => string | undefined): Principal | Refusal {
  let reason: string | undefined;
  for (const tenant of env.tenants) {
    const refused = check(tenant.credentials);
    if (refused === undefined) return tenant.projectId === "" ? {} : { project: tenant.projectId };
    reason ??= refused;
  }
  return new Refusal(401, `Incorrect IAM authentication information: ${reason ?? "no credentials are configured"}.`);
}

/** The mock's behaviour without any fault: the spec's rules, as HSS keeps them. */
export function faultFree(env: BehaviourEnv): Behaviour {
  return {
    arrive: () => "answer",
    authenticate: (request) => principalOf(env, (credentials) => checkCredentials(request, credentials)?.reason),
    tenant: (principal, pathProject) =>
      principal.project === undefined || principal.project === pathProject ? pathProject : new Refusal(403, "Insufficient permissions for this project."),
    readParameter(parameter, raw) {
      if (raw !== undefined) return readValue(parameter, raw);
      if (parameter.required) throw new ParameterProblem(`${parameter.name} is required.`);
      return undefined;
    },
    criterion(parameter, values) {
      const { filter } = parameter;
      const given = values.get(parameter.name);
      const wanted = given ?? parameter.rules.default;
      if (wanted === undefined || (typeof wanted === "string" && filter.matchAll.includes(wanted))) return undefined;
      const switchedOn = filter.partialWith !== undefined && values.get(filter.partialWith) === true;
      return {
        parameter,
        filter,
        wanted,
        given: given !== undefined,
        partial: filter.match === "partial" || switchedOn,
        caseSensitive: filter.caseSensitive,
        aliases: typeof wanted === "string" && Object.hasOwn(filter.aliases, wanted) ? filter.aliases[wanted]! : [],
      };
    },
    page: pageOf,
    respond: ({ status, body, requestId }) => ({
      status,
      headers: { "Content-Type": "application/json", "X-Request-Id": requestId },
      text: JSON.stringify(body),
    }),
  };
}
