// One call of one operation, the same for every operation: defaults, validation, the request,
// then the 200 body or a typed error. The client's per-operation methods and the paginator are
// both built on it.
//
// Without middleware, a call goes from its parameters to one `fetch(url, init)` per attempt and
// builds no Request object (undici's Request constructor costs several microseconds on Node 20):
// the URL comes from openapi-fetch's own serializers, so it is the URL `hss.raw` sends for the
// same parameters. Middleware works on Requests, so with middleware a call goes through
// openapi-fetch, which builds one and runs the middleware on it. Both reach the same transport
// (authentication, retries, timeout) and read the response the same way.

import type { Client, HeadersOptions } from "openapi-fetch";
import { openCallScope } from "./abort.js";
import { HssApiError, HssTimeoutError } from "./errors.js";
import { operations, type OperationId } from "./generated/operations.js";
import { canonicalUri } from "./signing/canonical.js";
import { createFinalURL, createQuerySerializer, defaultPathSerializer, mergeHeaders, removeTrailingSlash } from "./openapi-fetch.js";
import type { OperationDescriptor } from "./operation-descriptor.js";
import { CALL_OPTION_NAMES, checkMaxRetries, checkOptionNames, checkTimeout, type CallOptions } from "./options.js";
import { groupParams, layoutOf, withDefaults, type GroupedParams, type ParamLayout } from "./params.js";
import type { Redactor } from "./redact.js";
import { errorFromResponse } from "./response-error.js";
import { headerRecord, outgoingOf, type OutgoingRequest, type Transport } from "./transport.js";
import type { HssPaths } from "./types.js";
import { assertParamsObject, compileValidator, type Validator } from "./validate.js";

/** What a caller is built from. */
export interface CallerConfig {
  raw: Client<HssPaths>;
  /** Whether middleware is registered; calls then go through openapi-fetch, which runs it. */
  hasMiddleware: () => boolean;
  baseUrl: string;
  projectId: string;
  transport: Transport;
  redactor: Redactor;
  region: string | undefined;
  validate: boolean;
  timeoutMs: number;
  maxRetries: number;
}

/** Calls an operation with one flat parameter object. */
export type CallOperation = (operationId: OperationId, params: unknown, options?: CallOptions) => Promise<unknown>;

type RequestFn = (method: string, path: string, init: Record<string, unknown>) => Promise<{
  data?: unknown;
  error?: unknown;
  response: Response;
}>;

/** What a call of one operation needs, worked out once per client rather than on every call. */
interface CompiledOperation {
  descriptor: OperationDescriptor;
  method: string;
  layout: ParamLayout;
  /** The URL up to the query string, with the base URL and project_id filled in. */
  prefix: string;
  /** Whether the operation has path parameters besides project_id. */
  hasPathParams: boolean;
  /** The host and canonical URI of `prefix`, when no path parameter changes it and its URL is plain. */
  base: { host: string; canonicalUri: string } | undefined;
  /** Whether the operation has header parameters. */
  hasHeaderParams: boolean;
  validate: Validator | undefined;
}

/** A 200 body, read as openapi-fetch reads it: JSON, or undefined when there is no content. */
function dataOf(response: Response): Promise<unknown> {
  const length = response.headers.get("Content-Length");
  if (length === "0" && !response.headers.get("Transfer-Encoding")?.includes("chunked")) return Promise.resolve(undefined);
  if (length) return response.json();
  return response.text().then((text) => (text ? JSON.parse(text) : undefined));
}

/** An error body, read as openapi-fetch reads it: JSON when it parses, else the text. */
async function errorBodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The host and canonical URI of a URL with no query or fragment, as the URL parser sees them. */
function baseOf(prefix: string): CompiledOperation["base"] {
  try {
    const { host, pathname } = new URL(prefix);
    return /[?#]/.test(prefix) ? undefined : { host, canonicalUri: canonicalUri(pathname) };
  } catch {
    return undefined;
  }
}

/** Creates the function that every operation method calls. */
export function createCaller(config: CallerConfig): CallOperation {
  const { transport, redactor } = config;
  // openapi-fetch types `request` per path and method; the operation table drives the call instead.
  const request = config.raw.request as unknown as RequestFn;
  const querySerializer = createQuerySerializer();
  const baseUrl = removeTrailingSlash(config.baseUrl);

  const compiled = {} as Record<OperationId, CompiledOperation>;
  for (const id of Object.keys(operations) as OperationId[]) {
    const descriptor: OperationDescriptor = operations[id];
    const layout = layoutOf(descriptor);
    // openapi-fetch serializes path parameters over the base URL and path together; project_id
    // is the same on every call, so it is filled in here, the same way.
    const prefix = defaultPathSerializer(`${baseUrl}${descriptor.path}`, { project_id: config.projectId });
    const hasPathParams = [...layout.location.values()].includes("path");
    compiled[id] = {
      descriptor,
      method: descriptor.method.toUpperCase(),
      layout,
      prefix,
      hasPathParams,
      base: hasPathParams ? undefined : baseOf(prefix),
      hasHeaderParams: [...layout.location.values()].includes("header"),
      validate: config.validate ? compileValidator(id, descriptor) : undefined,
    };
  }

  /** The request openapi-fetch would build from these parameters, as plain data. */
  function outgoing(operation: CompiledOperation, params: GroupedParams): OutgoingRequest {
    const { prefix } = operation;
    const url = createFinalURL(prefix, {
      baseUrl: "",
      // Without path parameters left to fill, createFinalURL skips the path serializer.
      params: operation.hasPathParams ? params : { query: params.query },
      querySerializer,
      pathSerializer: defaultPathSerializer,
    });
    return {
      method: operation.method,
      url,
      // Signing takes the URL in these pieces rather than parsing it again.
      base: operation.base,
      search: url.slice(prefix.length + 1),
      // mergeHeaders is how openapi-fetch turns header parameters into Headers (arrays, nulls, invalid values).
      headers: operation.hasHeaderParams ? headerRecord(mergeHeaders(params.header as HeadersOptions)) : {},
    };
  }

  return async (operationId, params, options) => {
    const operation = compiled[operationId];
    assertParamsObject(operationId, params);
    checkOptionNames(operationId, options, CALL_OPTION_NAMES);
    const given = withDefaults(operation.layout, params ?? {}, config.region);
    operation.validate?.(given);
    const timeoutMs = checkTimeout("timeout", options?.timeout, config.timeoutMs);
    const maxRetries = checkMaxRetries("maxRetries", options?.maxRetries, config.maxRetries);
    const grouped = groupParams(operation.layout, given);

    const { method } = operation;
    const direct = config.hasMiddleware() ? undefined : outgoing(operation, grouped);
    // With middleware, the URL is known once the middleware has run.
    let url = direct?.url ?? "";
    const scope = openCallScope(
      timeoutMs,
      options?.signal,
      () => new HssTimeoutError({ operationId, method, url: redactor.url(url) }, timeoutMs),
    );
    const send = { scope, operationId, maxRetries };
    try {
      let response: Response;
      let read: { error: unknown } | undefined;
      if (direct) {
        response = await transport.send(direct, send);
      } else {
        const result = await request(operation.descriptor.method, operation.descriptor.path, {
          params: grouped,
          // Leaves a 200 body unread, to be read below as on the direct path; an error body
          // openapi-fetch reads itself.
          parseAs: "stream",
          fetch: async (shaped: Request) => {
            url = shaped.url;
            return transport.send(await outgoingOf(shaped), send);
          },
        });
        response = result.response;
        if ("error" in result) read = { error: result.error };
      }
      if (response.status === 200) return await dataOf(response);
      const body = read ? read.error : await errorBodyOf(response);
      throw errorFromResponse(response, body, { operationId, method, url }, redactor);
    } catch (error) {
      // A timeout or abort while the body was being read surfaces as a stream error; report the cause.
      if (scope.signal.aborted && !(error instanceof HssApiError)) throw scope.signal.reason;
      throw error;
    } finally {
      scope.dispose();
    }
  };
}
