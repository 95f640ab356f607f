import createClient, { defaultPathSerializer, type Client, type Middleware } from "openapi-fetch";
import { endpointFor } from "./endpoint.js";
import { HssApiError } from "./errors.js";
import { operations, type OperationId } from "./generated/operations.js";
import type { OperationDescriptor } from "./operation-descriptor.js";
import type { CallOptions, HssPaths, OperationMethod } from "./types.js";

/** IAM token credentials. */
export interface TokenCredentials {
  /** IAM user token, sent as `X-Auth-Token`. */
  token: string;
}

/** Options of {@link createHssClient}. */
export interface HssClientOptions {
  /** Region of the HSS endpoint, such as `cn-north-4`; also the default `region` header. */
  region?: string;
  /** Overrides the endpoint that `region` gives, for a proxy, a gateway or a mock. */
  baseUrl?: string;
  /** The project that every call addresses. */
  projectId: string;
  /** How to authenticate. */
  credentials: TokenCredentials;
  /** A fetch implementation, for tests or instrumentation. Defaults to `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
}

/** One method per operation of the spec, plus the raw openapi-fetch client. */
export type HssClient = { [Op in OperationId]: OperationMethod<Op> } & {
  /** The underlying openapi-fetch client, for callers who want `{ data, error, response }`. */
  readonly raw: Client<HssPaths>;
};

function tokenAuth(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("X-Auth-Token", token);
      return request;
    },
  };
}

type FlatParams = Record<string, unknown>;

function splitParams(descriptor: OperationDescriptor, flat: FlatParams, region: string | undefined) {
  const grouped = { path: {} as FlatParams, query: {} as FlatParams, header: {} as FlatParams };
  for (const parameter of descriptor.parameters) {
    if (parameter.in === "cookie" || parameter.name === "project_id") continue;
    const value = parameter.name === "region" ? (flat.region ?? region) : flat[parameter.name];
    if (value !== undefined) grouped[parameter.in][parameter.name] = value;
  }
  return grouped;
}

async function toApiError(response: Response, body: unknown, operationId: string): Promise<HssApiError> {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === "string" ? (fields[key] as string) : undefined);
  return new HssApiError({
    status: response.status,
    errorCode: text("error_code"),
    errorMsg: text("error_msg"),
    requestId: response.headers.get("X-Request-Id") ?? text("request_id"),
    operationId,
  });
}

/**
 * Creates a client for the HSS v5 API with one method per operation, each taking one flat object
 * of that operation's parameters and resolving to its typed 200 body.
 *
 * @example
 * const hss = createHssClient({ region: "cn-north-4", projectId, credentials: { token } });
 * const { total_num, data_list } = await hss.listPorts({ host_id, limit: 50 });
 */
export function createHssClient(options: HssClientOptions): HssClient {
  const { projectId, region } = options;
  const baseUrl = options.baseUrl ?? endpointFor(region ?? "");
  const raw = createClient<HssPaths>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    pathSerializer: (pathname, pathParams) => defaultPathSerializer(pathname, { project_id: projectId, ...pathParams }),
  });
  raw.use(tokenAuth(options.credentials.token));

  const call = (operationId: OperationId, descriptor: OperationDescriptor) =>
    async (params: FlatParams = {}, init: CallOptions = {}) => {
      const grouped = splitParams(descriptor, params, region);
      const requestOf = raw.request as unknown as (
        method: string,
        path: string,
        init: Record<string, unknown>,
      ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
      const { data, error, response } = await requestOf(descriptor.method, descriptor.path, {
        params: grouped,
        ...(init.signal ? { signal: init.signal } : {}),
      });
      if (response.status !== 200) throw await toApiError(response, error, operationId);
      return data;
    };

  const methods = Object.fromEntries(
    Object.entries(operations).map(([id, descriptor]) => [id, call(id as OperationId, descriptor)]),
  );
  return Object.assign(methods, { raw }) as unknown as HssClient;
}
