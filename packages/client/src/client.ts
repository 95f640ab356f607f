// Assembles the client: the options resolved once into a config, openapi-fetch with `send` as
// its fetch (so the methods, `hss.raw` and the middleware share one request path), one method per
// operation of the generated table, the paginators and the fan-outs.

import type { Client } from "openapi-fetch";
import { createOperationCall } from "./call.js";
import { resolveConfig, type HssClientOptions } from "./config.js";
import { operations, type OperationId, type OperationMethods } from "./generated/operations.js";
import { createClient } from "./openapi-fetch.js";
import { createFanOuts, type FanOuts } from "./fan-out.js";
import { createPaginators } from "./paginate/paginate.js";
import type { Paginators } from "./paginate/types.js";
import { createProjectLookup } from "./project.js";
import { withProjectId } from "./raw.js";
import { withResponseOf } from "./response.js";
import { createSend } from "./send.js";
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
   * exceptions. Its calls are authenticated, budgeted and retried like the client's, without validation.
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
  const config = resolveConfig(options);
  // Until IAM gives the project, requests are signed without one (the IAM lookup itself).
  let projectId = config.projectId;
  const send = createSend(config, () => projectId);
  const lookup =
    projectId === undefined
      ? createProjectLookup({ send, iamEndpoint: config.iamEndpoint!, region: config.region!, redactor: config.redactor })
      : undefined;
  const project = (): string | Promise<string> =>
    projectId ??
    lookup!().then((found) => {
      projectId = found;
      return found;
    });

  const base = createClient<HssPaths>({ baseUrl: config.baseUrl, fetch: (request) => send(request) });
  base.use(...config.middleware);
  const call = createOperationCall(config, base, send, project);
  const methods = Object.fromEntries(
    (Object.keys(operations) as OperationId[]).map((id) => {
      const method = async (params?: unknown, callOptions?: object) => (await call(id, params, callOptions)).data;
      const withResponse = async (params?: unknown, callOptions?: object) => withResponseOf(await call(id, params, callOptions), config.redactor);
      return [id, Object.freeze(Object.assign(method, { withResponse }))];
    }),
  );
  const paginate = Object.freeze(createPaginators(call, config.validate, (value) => config.redactor.mayShow(value), config.budget));
  const fanOut = Object.freeze(createFanOuts(call, config.budget));
  return Object.freeze({ ...methods, paginate, fanOut, raw: withProjectId(base, project) }) as unknown as HssClient;
}
