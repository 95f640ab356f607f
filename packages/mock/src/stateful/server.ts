// The stateful mock: an HTTP server that answers every operation of the spec model from seeded
// data, filtered and paged by the spec's semantics, with the spec's error bodies.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { CORS_HEADERS, answerPreflight } from "../cors.js";
import type { AddressInfo } from "node:net";
import { documentedResponse, isObject, loadModel, meetsRules, type OperationModel, type ParameterRules, type SpecModel } from "@hss-kit/spec";
import { checkCredentials, type MockCredentials } from "../auth/credentials.js";
import { generateRecords, knownValues, type StoredRecord } from "./dataset.js";
import { SLOW_ANSWER_MS, type Fault } from "./faults.js";
import { ParameterProblem, readParameters } from "./query.js";
import { selectPage } from "./select.js";

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
  /** The only project whose records are served; others get 403. Without it, every project has the same records. */
  projectId?: string;
  /** Breaks one rule of the spec, to prove that a contract check catches it; see `FAULTS`. */
  fault?: Fault;
}

/** A running stateful mock. */
export interface RunningStatefulMock {
  /** Base URL, such as `http://127.0.0.1:4011`. */
  url: string;
  /** For each path parameter that scopes records (such as `task_id`), the values that have data. */
  knownValues: Record<string, string[]>;
  /** Stops the server, cutting any connection still open. */
  close(): Promise<void>;
}

/** An error answer: status, the spec's code for it, and what was wrong. */
class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
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

/** The request target with only the query parameters the operation declares (the `auth.query-unsigned` fault). */
function declaredOnly(target: string, operation: OperationModel): string {
  const at = target.indexOf("?");
  if (at === -1) return target;
  const declared = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  const kept = target.slice(at + 1).split("&").filter((pair) => declared.has(decodeURIComponent(pair.split("=", 1)[0]!.replace(/\+/g, " "))));
  return `${target.slice(0, at)}${kept.length ? `?${kept.join("&")}` : ""}`;
}

/** Data sets kept at once: a required filter can take any value, so the cache must not grow without bound. */
const MAX_DATASETS = 256;

/** How many repeated-request keys the nondeterministic fault remembers before it starts over. */
const MAX_REMEMBERED_REQUESTS = 10_000;

/**
 * Starts the stateful mock on 127.0.0.1 and a free port (by default): deterministic records
 * generated from the spec's schemas, filtered and paged as the spec's `x-hss-*` semantics say,
 * every invalid request refused with the spec's error body and an `X-Request-Id`.
 */
export async function startStatefulMock(options: StatefulMockOptions = {}): Promise<RunningStatefulMock> {
  const model = loadModel(options.specPath);
  const seed = options.seed ?? 1;
  const { fault, projectId } = options;
  const credentials: MockCredentials = {
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.keys !== undefined ? { keys: options.keys } : {}),
  };
  const routes = model.operations.map(routeOf);
  const scopes = new Map<string, Set<string>>();
  for (const operation of model.operations) {
    for (const parameter of operation.parameters) {
      if (parameter.in === "path" && !parameter.config) scopes.set(parameter.name, new Set(knownValues(parameter)));
    }
  }
  const datasets = new Map<string, StoredRecord[]>();
  const seen = new Set<string>();
  let counter = 0;

  const send = (response: ServerResponse, status: number, body: unknown, requestId: string) => {
    const ok = status >= 200 && status < 300;
    let text = JSON.stringify(body);
    if (ok && fault === "robustness.malformed-json") text = text.slice(0, Math.floor(text.length / 2));
    response.writeHead(status, {
      "Content-Type": ok && fault === "conformance.content-type" ? "text/plain; charset=utf-8" : "application/json",
      "Content-Length": Buffer.byteLength(text),
      ...(fault === "conformance.request-id" ? {} : { "X-Request-Id": requestId }),
    });
    response.end(text);
  };

  const refuse = (response: ServerResponse, operation: OperationModel | undefined, refusal: Refusal, requestId: string) => {
    const { code, gateway } = errorCode(model, operation, refusal.status);
    const body = fault === "conformance.error-body"
      ? { code, message: refusal.message }
      : { error_code: code, error_msg: refusal.message, ...(gateway ? { request_id: requestId } : {}) };
    send(response, refusal.status, body, requestId);
  };

  /** Why the request's credentials are refused, or undefined; each auth fault is a one-line slip of this. */
  const refusal = (request: IncomingMessage, operation: OperationModel): Refusal | undefined => {
    const token = request.headers["x-auth-token"];
    if (token === undefined && request.headers.authorization === undefined && fault === "auth.no-auth") return undefined;
    if (token === "" && fault === "auth.empty-token") return undefined;
    if (typeof token === "string" && token !== "" && fault === "auth.any-token") return undefined;
    const verified = fault === "auth.query-unsigned" ? { ...request, url: declaredOnly(request.url ?? "/", operation), headers: request.headers } : request;
    const reason = checkCredentials(verified, credentials, {
      acceptAnySignature: fault === "auth.any-signature",
      broken: { dateWindow: fault === "auth.no-date-window" },
    })?.reason;
    if (reason === undefined) return undefined;
    const status = fault === "auth.signed-header-400" && reason.includes("signed header") ? 400 : 401;
    return new Refusal(status, `Incorrect IAM authentication information: ${reason}.`);
  };

  const answer = (request: IncomingMessage, response: ServerResponse, requestId: string) => {
    const url = new URL(request.url ?? "/", "http://mock.invalid");
    const route = routes.find((r) => r.operation.method === request.method && r.pattern.test(url.pathname));
    if (!route) {
      refuse(response, undefined, new Refusal(404, "The API does not exist or has not been published in the environment."), requestId);
      return;
    }
    const { operation } = route;
    try {
      const refused = refusal(request, operation);
      if (refused !== undefined) throw refused;
      const match = route.pattern.exec(url.pathname)!;
      const path = new Map<string, string>();
      route.pathNames.forEach((name, index) => {
        try {
          path.set(name, decodeURIComponent(match[index + 1] ?? ""));
        } catch {
          throw new ParameterProblem(`${name} is not a well-formed percent-encoded path segment.`);
        }
      });
      const values = readParameters(operation, { path, query: url.searchParams, headers: request.headers }, fault);
      const optionalFilters = operation.parameters.filter((p) => p.filter && values.has(p.name) && !p.required);
      if (fault === "inputs.combination-crash" && optionalFilters.length >= 2) throw new Refusal(500, "System error.");
      if (projectId !== undefined && values.get("project_id") !== projectId) {
        throw new Refusal(403, "Insufficient permissions for this project.");
      }
      const scope: string[] = [];
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
      let records = datasets.get(key);
      if (!records) {
        records = generateRecords(operation, seed, scope.join("/"), fixed);
        if (datasets.size >= MAX_DATASETS) datasets.clear();
        datasets.set(key, records);
      }
      let repeated = false;
      if (fault === "pagination.nondeterministic") {
        const requestKey = url.pathname + url.search;
        repeated = seen.has(requestKey);
        if (seen.size >= MAX_REMEMBERED_REQUESTS) seen.clear();
        seen.add(requestKey);
      }
      const page = selectPage(operation, records, values, fault, repeated);
      if (fault === "robustness.huge-body") {
        streamHugeBody(response, requestId);
        return;
      }
      const offset = Number(values.get(operation.parameters.find((p) => p.paging === "offset")?.name ?? "") ?? 0) || 0;
      const more = offset + page.data_list.length < page.total_num;
      const status = fault === "conformance.status" && more ? 206 : 200;
      if (fault === "robustness.slow") setTimeout(() => send(response, status, page, requestId), SLOW_ANSWER_MS);
      else send(response, status, page, requestId);
    } catch (error) {
      const refusal = error instanceof Refusal
        ? error
        : error instanceof ParameterProblem
          ? new Refusal(400, `Invalid request parameter: ${error.message}`)
          : new Refusal(500, "System error.");
      refuse(response, operation, refusal, requestId);
    }
  };

  const server = createServer((request, response) => {
    counter++;
    const requestId = counter.toString(16).padStart(32, "0");
    if (fault === "robustness.hang") return;
    if (fault === "robustness.reset") {
      request.socket.destroy();
      return;
    }
    try {
      if (answerPreflight(request, response)) return;
      for (const [name, value] of CORS_HEADERS) response.setHeader(name, value);
      answer(request, response, requestId);
    } catch {
      // Anything unforeseen is a 500 with the spec's body: a bug here must never take the server down.
      refuse(response, undefined, new Refusal(500, "System error."), requestId);
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
