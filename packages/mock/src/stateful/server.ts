// The stateful mock: an HTTP server that answers every operation of the spec model from seeded
// data, filtered and paged by the spec's semantics, with the spec's error bodies.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { CORS_HEADERS, answerPreflight } from "../cors.js";
import type { AddressInfo } from "node:net";
import { documentedResponse, isObject, loadModel, meetsRules, type OperationModel, type ParameterRules, type SpecModel } from "@hss-kit/spec";
import type { MockCredentials } from "../auth/credentials.js";
import { Throttle, callerOf, throttleMessage, type RateLimitOptions } from "../throttle.js";
import { faultFree, Refusal, type Tenant, type Wire } from "./behaviour.js";
import { RECORDS_PER_DATASET, generateRecords, knownValues, type StoredRecord } from "./dataset.js";
import { FAULTS, withFault, type Fault, type FaultDefinition } from "./faults.js";
import { linkedPools } from "./links.js";
import { ParameterProblem, readParameters } from "./query.js";
import { selectRecords } from "./select.js";

/** Options of {@link startStatefulMock}. */
export interface StatefulMockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; loopback by default. */
  host?: string;
  /** The spec to serve, as an OpenAPI JSON file; the bundled HSS spec by default. */
  specPath?: string;
  /** Seed of the generated data: the same seed serves the same records. Default 1. */
  seed?: number;
  /** The only `X-Auth-Token` accepted. Without it or `keys`, any non-empty token (or `Authorization` header) is. */
  token?: string;
  /** AK/SK pairs (access key to secret key): a signed request must verify under one of them. */
  keys?: ReadonlyMap<string, string>;
  /**
   * The project the credentials (`token`, `keys`) belong to: only its records are served to them,
   * other projects get 403. Without it, the credentials read every project. Each project has
   * records of its own.
   */
  projectId?: string;
  /** A second project with credentials of its own, which read its records and no others, for tenancy checks. */
  otherProject?: { projectId: string; token?: string; keys?: ReadonlyMap<string, string> };
  /** Breaks one rule of the spec, to prove that a contract check catches it; see `FAULTS`. */
  fault?: Fault;
  /**
   * Throttles as HSS's API gateway does, in front of every operation: `true` for the spec's limits
   * (`x-hss-rate-limit`: five calls of one operation a minute per credential), or limits of your
   * own (a scaled window such as 5 in 2 s for tests). Over a limit: 429 `APIGW.0308` with the
   * gateway's message, `request_id` and `X-Request-Id`, and `Retry-After` if asked for.
   */
  rateLimit?: boolean | RateLimitOptions;
  /** Records in each data set (each operation, task, server), from 1 to 20,000; default 240. */
  records?: number;
}

/** A running stateful mock. */
export interface RunningStatefulMock {
  /** Base URL, such as `http://127.0.0.1:4011`. */
  url: string;
  /** For each path parameter that scopes records (such as `task_id`), the values that have data. */
  knownValues: Record<string, string[]>;
  /** With `rateLimit`: the limits it enforces, in words. */
  rateLimit?: string;
  /** Stops the server, cutting any connection still open. */
  close(): Promise<void>;
}

interface Route {
  operation: OperationModel;
  pattern: RegExp;
  pathNames: string[];
}

function routeOf(operation: OperationModel): Route {
  const pathNames: string[] = [];
  const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
    pathNames.push(name);
    return "([^/]*)";
  });
  return { operation, pattern: new RegExp(`^${source}$`), pathNames };
}

/** The error code the spec documents for a status (from its example), so clients see HSS's own. */
function errorCode(model: SpecModel, operation: OperationModel | undefined, status: number): { code: string; gateway: boolean } {
  for (const candidate of operation ? [operation] : model.operations) {
    const example = documentedResponse(candidate, status)?.example;
    if (isObject(example) && typeof example.error_code === "string") return { code: example.error_code, gateway: example.request_id !== undefined };
  }
  return { code: `HSS.${status}`, gateway: false };
}

/** Records of all data sets kept at once: a required filter can take any value, so the cache must not grow without bound. */
const MAX_CACHED_RECORDS = 256 * RECORDS_PER_DATASET;

/** Most records one data set may hold. */
const MAX_RECORDS = 20_000;

/**
 * Starts the stateful mock on 127.0.0.1 and a free port (by default): deterministic records
 * generated from the spec's schemas, filtered and paged as the spec's `x-hss-*` semantics say,
 * every invalid request refused with the spec's error body and an `X-Request-Id`.
 */
export async function startStatefulMock(options: StatefulMockOptions = {}): Promise<RunningStatefulMock> {
  const model = loadModel(options.specPath);
  const seed = options.seed ?? 1;
  const credentialsOf = (from: { token?: string; keys?: ReadonlyMap<string, string> }): MockCredentials => ({
    ...(from.token !== undefined ? { token: from.token } : {}),
    ...(from.keys !== undefined ? { keys: from.keys } : {}),
  });
  const tenants: Tenant[] = [{ projectId: options.projectId ?? "", credentials: credentialsOf(options) }];
  if (options.otherProject) {
    if (options.projectId === undefined) throw new Error("otherProject needs projectId: the first project's credentials would read every project.");
    tenants.push({ projectId: options.otherProject.projectId, credentials: credentialsOf(options.otherProject) });
  }
  const env = { model, tenants };
  const behaviour = withFault(faultFree(env), env, options.fault);
  const routes = model.operations.map(routeOf);
  const scopes = new Map<string, Set<string>>();
  for (const operation of model.operations) {
    for (const parameter of operation.parameters) {
      if (parameter.in === "path" && !parameter.config) scopes.set(parameter.name, new Set(knownValues(parameter)));
    }
  }
  const records = options.records ?? RECORDS_PER_DATASET;
  if (!Number.isSafeInteger(records) || records < 1 || records > MAX_RECORDS) {
    throw new RangeError(`records must be a whole number from 1 to ${MAX_RECORDS}; got ${JSON.stringify(options.records)}.`);
  }
  const pools = new Map(tenants.map(({ projectId }) => [projectId, linkedPools(model, seed, projectId, behaviour, records)]));
  const maxDatasets = Math.max(2, Math.floor(MAX_CACHED_RECORDS / records));
  const rateLimit = options.rateLimit === true ? {} : options.rateLimit || (options.fault && (FAULTS[options.fault] as FaultDefinition).throttle) || undefined;
  const throttle = rateLimit && new Throttle((id) => model.operations.find((o) => o.id === id)?.rateLimit, rateLimit);
  const retryAfter = rateLimit?.retryAfter ?? false;
  const throttling = throttle && `${throttle.describe(model.operations.map((o) => o.id))}; Retry-After ${retryAfter ? "sent" : "not sent"}`;
  const datasets = new Map<string, StoredRecord[]>();
  let counter = 0;

  const send = (response: ServerResponse, wire: Wire) => {
    if (wire.write) {
      wire.write(response);
      return;
    }
    const write = () => {
      response.writeHead(wire.status, { ...wire.headers, "Content-Length": String(Buffer.byteLength(wire.text)) });
      response.end(wire.text);
    };
    if (wire.delayMs) setTimeout(write, wire.delayMs);
    else write();
  };

  const refuse = (response: ServerResponse, operation: OperationModel | undefined, refusal: Refusal, requestId: string, target: string) => {
    const { code, gateway } = errorCode(model, operation, refusal.status);
    const body = { error_code: code, error_msg: refusal.message, ...(gateway ? { request_id: requestId } : {}) };
    const wire = behaviour.respond({ status: refusal.status, body, requestId, more: false, target });
    send(response, { ...wire, headers: { ...wire.headers, ...refusal.headers } });
  };

  const answer = (request: IncomingMessage, response: ServerResponse, requestId: string) => {
    const target = request.url ?? "/";
    const url = new URL(target, "http://mock.invalid");
    const route = routes.find((r) => r.operation.method === request.method && r.pattern.test(url.pathname));
    if (!route) {
      refuse(response, undefined, new Refusal(404, "The API does not exist or has not been published in the environment."), requestId, target);
      return;
    }
    const { operation } = route;
    try {
      const principal = behaviour.authenticate(request, operation);
      if (principal instanceof Refusal) throw principal;
      // The gateway throttles what it has authenticated, before the service sees the request.
      const throttled = throttle?.admit(operation.id, callerOf(request.headers, request.socket.remoteAddress));
      if (throttled) {
        const wait: Record<string, string> = retryAfter ? { "Retry-After": String(Math.max(1, Math.ceil(throttled.retryAfterMs / 1000))) } : {};
        throw new Refusal(429, throttleMessage(throttled), wait);
      }
      const match = route.pattern.exec(url.pathname)!;
      const path = new Map<string, string>();
      route.pathNames.forEach((name, index) => {
        try {
          path.set(name, decodeURIComponent(match[index + 1] ?? ""));
        } catch {
          throw new ParameterProblem(`${name} is not a well-formed percent-encoded path segment.`);
        }
      });
      const values = readParameters(operation, { path, query: url.searchParams, headers: request.headers }, behaviour.readParameter);
      const project = behaviour.tenant(principal, String(values.get("project_id") ?? ""));
      if (project instanceof Refusal) throw project;
      const scope: string[] = [project];
      for (const name of route.pathNames) {
        const known = scopes.get(name);
        if (!known) continue;
        const value = String(values.get(name));
        if (!known.has(value)) throw new Refusal(404, `No ${name} ${JSON.stringify(value)} exists.`);
        scope.push(value);
      }
      // A required filter (the server whose ports are listed) picks the records of its value.
      const fixed: Record<string, string | number | boolean> = {};
      for (const parameter of operation.parameters) {
        const value = values.get(parameter.name);
        const field = operation.fields.find((f) => f.name === parameter.filter?.field);
        // A value the items could never hold (an empty `host_id`) selects nothing, not records that break their schema.
        if (!parameter.required || !field || value === undefined || !meetsRules(field.schema as ParameterRules, value)) continue;
        fixed[field.name] = value;
        scope.push(`${parameter.name}=${String(value)}`);
      }
      const key = `${operation.id}|${scope.join("/")}`;
      let stored = datasets.get(key);
      if (!stored) {
        stored = generateRecords(operation, seed, scope.join("/"), fixed, pools.get(project)?.get(operation.id), records);
        if (datasets.size >= maxDatasets) datasets.clear();
        datasets.set(key, stored);
      }
      const limitName = operation.parameters.find((p) => p.paging === "limit")?.name;
      const offsetName = operation.parameters.find((p) => p.paging === "offset")?.name;
      const limitGiven = limitName !== undefined && values.has(limitName);
      const fallback = operation.parameters.find((p) => p.paging === "limit")?.rules.default;
      const offset = Number((offsetName !== undefined ? values.get(offsetName) : undefined) ?? 0) || 0;
      const page = behaviour.page({
        operation,
        ...selectRecords(operation, stored, values, behaviour.criterion),
        values,
        limit: limitGiven ? Number(values.get(limitName!)) : typeof fallback === "number" ? fallback : Number.POSITIVE_INFINITY,
        limitGiven,
        offset,
        target,
      });
      const more = offset + page.data_list.length < page.total_num;
      send(response, behaviour.respond({ status: 200, body: page, requestId, more, target }));
    } catch (error) {
      const refusal = error instanceof Refusal
        ? error
        : error instanceof ParameterProblem
          ? new Refusal(400, `Invalid request parameter: ${error.message}`)
          : new Refusal(500, "System error.");
      refuse(response, operation, refusal, requestId, target);
    }
  };

  const server = createServer((request, response) => {
    counter++;
    const requestId = counter.toString(16).padStart(32, "0");
    const arrival = behaviour.arrive();
    if (arrival === "hang") return;
    if (arrival === "reset") {
      request.socket.destroy();
      return;
    }
    try {
      if (answerPreflight(request, response)) return;
      for (const [name, value] of CORS_HEADERS) response.setHeader(name, value);
      answer(request, response, requestId);
    } catch {
      // Anything unforeseen is a 500 with the spec's body: a bug here must never take the server down.
      refuse(response, undefined, new Refusal(500, "System error."), requestId, request.url ?? "/");
    }
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    knownValues: Object.fromEntries([...scopes].map(([name, values]) => [name, [...values]])),
    ...(throttling ? { rateLimit: throttling } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
