// Assembles the client: options and credentials checked once, openapi-fetch for `hss.raw` (and
// its serializers for every URL), one middleware stack for `hss.raw` and the methods alike, the
// transport for authentication and retries, and one method per operation of the generated table.

import type { Client } from "openapi-fetch";
import { openCallScope, sleep } from "./abort.js";
import { createAuthorizer } from "./auth.js";
import { createCaller } from "./caller.js";
import { processEnv, resolveCredentials, resolveProjectId } from "./credentials.js";
import { endpointFor } from "./endpoint.js";
import { defaultExchange } from "./default-exchange.js";
import { fetchExchange } from "./exchange.js";
import { operations, type OperationId, type OperationMethods } from "./generated/operations.js";
import { HssTimeoutError } from "./errors.js";
import {
  baseUrlOf,
  checkClientOptionNames,
  checkTimeout,
  iamEndpointOption,
  maxResponseBytesOf,
  regionOf,
  retryPolicyOf,
  validateOption,
  type HssClientOptions,
} from "./options.js";
import { createMiddlewareStack } from "./middleware.js";
import { createClient, createQuerySerializer, defaultBodySerializer, defaultPathSerializer } from "./openapi-fetch.js";
import { createPaginators } from "./paginate/paginate.js";
import { withResponseOf } from "./response.js";
import type { Paginators } from "./paginate/types.js";
import { withProjectId } from "./raw.js";
import { createRedactor } from "./redact.js";
import { checkConfigured } from "./validate.js";
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
   * The underlying openapi-fetch client, for `{ data, error, response }` results instead of
   * exceptions. Its calls are authenticated and retried like the client's, without validation.
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
  const redactor = createRedactor(
    credentials.kind === "token" ? [credentials.token] : [credentials.secretKey, credentials.securityToken],
  );
  const mayShow = (value: unknown) => redactor.mayShow(value);
  const region = regionOf(options);
  if (region !== undefined) checkConfigured("region", "region", region, mayShow);
  const baseUrl = baseUrlOf(options);
  // Without a project ID, one is found through IAM: it takes a signature and the region's name.
  const iamEndpoint = iamEndpointOption(options, region === undefined ? undefined : iamEndpointOf(endpointFor(region)));
  const canDiscover = credentials.kind === "accessKey" && region !== undefined && iamEndpoint !== undefined;
  const projectId = resolveProjectId(options.projectId, env, canDiscover, mayShow);
  const policy = retryPolicyOf(options);
  const timeoutMs = checkTimeout("timeout", options.timeout);
  const validate = validateOption(options.validate);
  const maxResponseBytes = maxResponseBytesOf(options);
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

  // Calls made through `raw` get the client's timeout and retries; their signal is the request's.
  // (The operation methods call the transport themselves, with the call's options.)
  const rawFetch = async (request: Request) => {
    const scope = openCallScope(
      timeoutMs,
      request.signal,
      () => new HssTimeoutError({ method: request.method, url: redactor.url(request.url) }, timeoutMs),
    );
    try {
      return toResponse(await transport.send(await outgoingOf(request), { scope, operationId: undefined, maxRetries: policy.maxRetries }));
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
    maxRetries: policy.maxRetries,
    maxResponseBytes,
  });
  const methods = Object.fromEntries(
    (Object.keys(operations) as OperationId[]).map((id) => {
      const method = async (params?: unknown, callOptions?: object) => (await call(id, params, callOptions)).data;
      const withResponse = async (params?: unknown, callOptions?: object) => withResponseOf(await call(id, params, callOptions), redactor);
      return [id, Object.freeze(Object.assign(method, { withResponse }))];
    }),
  );
  const paginate = Object.freeze(createPaginators(call, validate, mayShow));
  return Object.freeze({ ...methods, paginate, raw }) as unknown as HssClient;
}
