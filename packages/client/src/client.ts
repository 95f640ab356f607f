// Assembles the client: options and credentials checked once, openapi-fetch for `hss.raw` (and
// its serializers for every URL), one middleware stack for `hss.raw` and the methods alike, the
// transport for authentication and retries, and one method per operation of the generated table.

import type { Client } from "openapi-fetch";
import { budgetTimeoutError, openCallScope, sleep, totalTimeoutError } from "./abort.js";
import { createAuthorizer } from "./auth.js";
import { createCaller } from "./caller.js";
import { processEnv, resolveCredentials, resolveProjectId } from "./credentials.js";
import { endpointFor } from "./endpoint.js";
import { defaultExchange } from "./default-exchange.js";
import { fetchExchange } from "./exchange.js";
import { operations, type OperationId, type OperationMethods } from "./generated/operations.js";
import {
  baseUrlOf,
  checkClientOptionNames,
  checkTimeout,
  checkTotalTimeout,
  iamEndpointOption,
  maxResponseBytesOf,
  onEventOf,
  rateLimiterOf,
  regionOf,
  retryPolicyOf,
  validateOption,
  type HssClientOptions,
} from "./options.js";
import { createMiddlewareStack } from "./middleware.js";
import { createClient, createQuerySerializer, defaultBodySerializer, defaultPathSerializer } from "./openapi-fetch.js";
import { createPaginators } from "./paginate/paginate.js";
import { createFanOuts, type FanOuts } from "./fan-out.js";
import { withResponseOf } from "./response.js";
import type { Paginators } from "./paginate/types.js";
import { budgetTargetOf, withProjectId } from "./raw.js";
import { createBudget, credentialIdentity } from "./rate-limit.js";
import { createRedactor } from "./redact.js";
import { defaultCrypto } from "./signing/index.js";
import { createProjectLookup, iamEndpointOf } from "./project.js";
import { createTransport, outgoingOf, toResponse, type Authorize } from "./transport.js";
import type { HssPaths } from "./types.js";

/** A client of the HSS v5 API: one method per operation, `paginate` walkers, and the raw openapi-fetch client. */
export type HssClient = OperationMethods & {
  /**
   * Walks every page of a paginated operation, item by item:
   * `for await (const port of hss.paginate.listPorts({ host_id })) ...`.
   */
  readonly paginate: Paginators;
  /**
   * Runs an operation over many parameter sets within the request budget, a few calls at once,
   * yielding `{ params, data }` in the order of the sets:
   * `for await (const { params, data } of hss.fanOut.listPorts(hosts.map((host_id) => ({ host_id })))) ...`.
   */
  readonly fanOut: FanOuts;
  /**
   * The underlying openapi-fetch client, for `{ data, error, response }` results instead of
   * exceptions. Its calls are authenticated, retried and held to the request budget like the
   * client's (each request draws on the budget of the operation its path matches), without validation.
   */
  readonly raw: Client<HssPaths>;
};

/**
 * Creates a client for the HSS v5 API. Each operation is a method that takes one flat object
 * of that operation's parameters and resolves to its typed 200 body, or rejects with an
 * {@link HssError} subclass.
 *
 * @example
 * const hss = createHssClient({ region: "cn-north-4", projectId, credentials: { accessKey, secretKey } });
 * const { total_num, data_list } = await hss.listPorts({ host_id, limit: 50 });
 */
export function createHssClient(options: HssClientOptions = {}): HssClient {
  checkClientOptionNames(options);
  const env = processEnv();
  const credentials = resolveCredentials(options.credentials, env);
  const region = regionOf(options);
  const baseUrl = baseUrlOf(options);
  // Without a project ID, one is found through IAM: it takes a signature and the region's name.
  const iamEndpoint = iamEndpointOption(options, region === undefined ? undefined : iamEndpointOf(endpointFor(region)));
  const canDiscover = credentials.kind === "accessKey" && region !== undefined && iamEndpoint !== undefined;
  const projectId = resolveProjectId(options.projectId, env, canDiscover);
  const policy = retryPolicyOf(options);
  const timeoutMs = checkTimeout("timeout", options.timeout);
  const totalTimeoutMs = checkTotalTimeout("totalTimeout", options.totalTimeout);
  const onEvent = onEventOf(options.onEvent);
  const budget = createBudget({ limiter: rateLimiterOf(options.rateLimit), identity: credentialIdentity(credentials), onEvent });
  const validate = validateOption(options.validate);
  const maxResponseBytes = maxResponseBytesOf(options);
  const redactor = createRedactor(
    credentials.kind === "token" ? [credentials.token] : [credentials.secretKey, credentials.securityToken],
  );
  // A fetch given in the options takes one Request per attempt. Without one, the operation
  // methods build no Request at all: see default-exchange.ts and its Node twin.
  const userFetch = options.fetch;
  const exchange = userFetch ? fetchExchange((input, init) => userFetch(new Request(input, init))) : defaultExchange(env);
  const transportWith = (authorize: Authorize) => createTransport({
    exchange,
    authorize,
    policy,
    redactor,
    maxResponseBytes,
    // Called late rather than captured, so fake timers and spies installed later still apply.
    random: () => Math.random(),
    sleep,
    now: () => Date.now(),
    onEvent,
  });
  // Until IAM gives the project, requests are signed without one (the IAM lookup itself).
  let authorize = createAuthorizer(credentials, projectId, defaultCrypto);
  const transport = transportWith((request) => authorize(request));
  const project: string | (() => Promise<string>) =
    projectId ??
    (() => {
      const lookup = createProjectLookup({
        transport: transportWith(createAuthorizer(credentials, undefined, defaultCrypto)),
        iamEndpoint: iamEndpoint!,
        region: region!,
        redactor,
        timeoutMs,
        maxRetries: policy.maxRetries,
      });
      return async () => {
        const found = await lookup();
        authorize = createAuthorizer(credentials, found, defaultCrypto);
        return found;
      };
    })();

  // Calls made through `raw` get the client's timeouts, budget and retries; their signal is the
  // request's. (The operation methods call the transport themselves, with the call's options.)
  const targetOf = budgetTargetOf(baseUrl);
  const rawFetch = async (request: Request) => {
    const context = () => ({ method: request.method, url: redactor.url(request.url) });
    const scope = openCallScope(totalTimeoutMs, request.signal, () => totalTimeoutError(context(), totalTimeoutMs));
    const target = targetOf(request.method, request.url);
    try {
      return toResponse(
        await transport.send(await outgoingOf(request), {
          scope,
          operationId: undefined,
          maxRetries: policy.maxRetries,
          timeoutMs,
          budget: budget.forCall(target, scope, (waitMs) => budgetTimeoutError(context(), totalTimeoutMs, waitMs)),
        }),
      );
    } finally {
      scope.dispose();
    }
  };
  const base = createClient<HssPaths>({ baseUrl, fetch: rawFetch });
  // Middleware registered through `hss.raw.use` runs on the methods' calls too: openapi-fetch runs
  // it on raw calls, the caller on the methods'. openapi-fetch's `use` checks each one first.
  const middleware = createMiddlewareStack();
  const [use, eject] = [base.use.bind(base), base.eject.bind(base)];
  base.use = (...added) => {
    use(...added);
    middleware.use(...added);
  };
  base.eject = (...removed) => {
    eject(...removed);
    middleware.eject(...removed);
  };
  if (options.middleware) base.use(...options.middleware);
  const raw = withProjectId(base, project);

  const call = createCaller({
    middleware,
    middlewareOptions: Object.freeze({
      baseUrl,
      fetch: rawFetch as typeof globalThis.fetch,
      parseAs: "json",
      querySerializer: createQuerySerializer(),
      bodySerializer: defaultBodySerializer,
      pathSerializer: defaultPathSerializer,
    }),
    baseUrl,
    projectId: project,
    transport,
    redactor,
    region,
    validate,
    timeoutMs,
    totalTimeoutMs,
    maxRetries: policy.maxRetries,
    maxResponseBytes,
    budget,
  });
  const methods = Object.fromEntries(
    (Object.keys(operations) as OperationId[]).map((id) => {
      const method = async (params?: unknown, callOptions?: object) => (await call(id, params, callOptions)).data;
      const withResponse = async (params?: unknown, callOptions?: object) => withResponseOf(await call(id, params, callOptions), redactor);
      return [id, Object.freeze(Object.assign(method, { withResponse }))];
    }),
  );
  const paginate = Object.freeze(createPaginators(call, validate, (value) => redactor.mayShow(value), budget));
  const fanOut = Object.freeze(createFanOuts(call, budget));
  return Object.freeze({ ...methods, paginate, fanOut, raw }) as unknown as HssClient;
}
