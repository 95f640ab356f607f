// One call of one operation, the same for every operation and the only way a method reaches the
// network: defaults, validation, the request, then the 200 body or a typed error. The client's
// per-operation methods and the paginator are both built on it.
//
// A call goes from its parameters to one `fetch(url, init)` per attempt: the URL comes from
// openapi-fetch's own serializers, so it is the URL `hss.raw` sends for the same parameters.
// Middleware works on Requests, so only when some is registered does the call build one, for the
// middleware to shape before authentication (undici's Request constructor costs several
// microseconds on Node 20, which a call without middleware does not pay).

import type { HeadersOptions, MergedOptions } from "openapi-fetch";
import { budgetTimeoutError, openCallScope, totalTimeoutError } from "./abort.js";
import { readBody } from "./body.js";
import { HssRequestError, HssResponseTooLargeError, type HssRequestContext } from "./errors.js";
import { operations, type OperationId } from "./generated/operations.js";
import { canonicalUri } from "./signing/canonical.js";
import { middlewareCall, runOnError, runOnRequest, runOnResponse, type MiddlewareStack } from "./middleware.js";
import { createFinalURL, createQuerySerializer, defaultPathSerializer, mergeHeaders, removeTrailingSlash } from "./openapi-fetch.js";
import type { OperationDescriptor } from "./operation-descriptor.js";
import { CALL_OPTION_NAMES, checkMaxRetries, checkOptionNames, checkTimeout, checkTotalTimeout, type CallOptions } from "./options.js";
import { operationTarget, type Budget, type BudgetTarget } from "./rate-limit.js";
import { groupParams, layoutOf, withDefaults, type GroupedParams, type ParamLayout } from "./params.js";
import type { Redactor } from "./redact.js";
import { errorFromResponse, parseErrorBody, parseSuccessBody } from "./response-error.js";
import type { OutgoingRequest } from "./exchange.js";
import { headerRecord, outgoingOf, toResponse, type ReceivedResponse, type SendOptions, type Transport } from "./transport.js";
import { assertParamsObject, compileSendableCheck, compileValidator, type Validator } from "./validate.js";

/** What a caller is built from. */
export interface CallerConfig {
  /** The client's middleware, run on every call while registered. */
  middleware: MiddlewareStack;
  /** What middleware is told of the client's options, as openapi-fetch tells it. */
  middlewareOptions: MergedOptions;
  baseUrl: string;
  /** The project ID, or how to find it (through IAM) before the first call. */
  projectId: string | (() => Promise<string>);
  transport: Transport;
  redactor: Redactor;
  region: string | undefined;
  validate: boolean;
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
  /** The client's request budget. */
  budget: Budget;
  maxResponseBytes: number;
}

/** What a call got: the checked 200 body, and the response it came in. */
export interface CallResult {
  data: unknown;
  received: ReceivedResponse;
}

/** Calls an operation with one flat parameter object. */
export type CallOperation = (operationId: OperationId, params: unknown, options?: CallOptions) => Promise<CallResult>;

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
  /** Refuses what cannot be sent safely, validation or not. */
  sendable: Validator;
  /** Whose budget its calls draw on. */
  target: BudgetTarget;
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
  const mayShow = (value: unknown) => redactor.mayShow(value);
  const querySerializer = createQuerySerializer();
  const baseUrl = removeTrailingSlash(config.baseUrl);

  /** What every operation's call needs, worked out once the project is known. */
  const compile = (projectId: string): Record<OperationId, CompiledOperation> => {
    const table = {} as Record<OperationId, CompiledOperation>;
    for (const id of Object.keys(operations) as OperationId[]) {
      const descriptor: OperationDescriptor = operations[id];
      const layout = layoutOf(descriptor);
      // openapi-fetch serializes path parameters over the base URL and path together; project_id
      // is the same on every call, so it is filled in here, the same way.
      const prefix = defaultPathSerializer(`${baseUrl}${descriptor.path}`, { project_id: projectId });
      const hasPathParams = [...layout.location.values()].includes("path");
      table[id] = {
        descriptor,
        method: descriptor.method.toUpperCase(),
        layout,
        prefix,
        hasPathParams,
        base: hasPathParams ? undefined : baseOf(prefix),
        hasHeaderParams: [...layout.location.values()].includes("header"),
        validate: config.validate ? compileValidator(id, descriptor, mayShow) : undefined,
        sendable: compileSendableCheck(id, descriptor, mayShow),
        target: operationTarget(id, descriptor),
      };
    }
    return table;
  };
  const { projectId } = config;
  let compiled = typeof projectId === "string" ? compile(projectId) : undefined;
  /** The table once the project is found; only a client without a project ID waits for it. */
  const compiledLater = async () => (compiled ??= compile(await (projectId as () => Promise<string>)()));

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

  /**
   * Sends a request through the middleware: onRequest shapes it (or answers it), the transport
   * authenticates and sends it, onError may answer for a failure, onResponse may replace the answer.
   */
  async function throughMiddleware(
    stack: MiddlewareStack["items"],
    schemaPath: string,
    params: GroupedParams,
    request: OutgoingRequest,
    send: SendOptions,
    sentTo: (url: string) => void,
  ): Promise<Response> {
    const call = middlewareCall(schemaPath, params, config.middlewareOptions);
    const shaped = await runOnRequest(stack, new Request(request.url, { method: request.method, headers: request.headers }), call);
    sentTo(shaped.request.url);
    if (shaped.response) return shaped.response;
    let response: Response;
    try {
      response = toResponse(await transport.send(await outgoingOf(shaped.request), send));
    } catch (error) {
      response = await runOnError(stack, shaped.request, error, call);
    }
    return runOnResponse(stack, shaped.request, response, call);
  }

  return async (operationId, params, options) => {
    const operation = (compiled ?? (await compiledLater()))[operationId];
    assertParamsObject(operationId, params, mayShow);
    checkOptionNames(operationId, options, CALL_OPTION_NAMES);
    const given = withDefaults(operation.layout, params ?? {}, config.region);
    operation.validate?.(given);
    operation.sendable(given);
    const timeoutMs = checkTimeout("timeout", options?.timeout, config.timeoutMs);
    const totalTimeoutMs = checkTotalTimeout("totalTimeout", options?.totalTimeout, config.totalTimeoutMs);
    const maxRetries = checkMaxRetries("maxRetries", options?.maxRetries, config.maxRetries);
    const grouped = groupParams(operation.layout, given);

    const { method } = operation;
    const request = outgoing(operation, grouped);
    let { url } = request;
    const contextOf = (): HssRequestContext => ({ operationId, method, url: redactor.url(url) });
    const scope = openCallScope(totalTimeoutMs, options?.signal, () => totalTimeoutError(contextOf(), totalTimeoutMs));
    const budget = config.budget.forCall(operation.target, scope, (waitMs) => budgetTimeoutError(contextOf(), totalTimeoutMs, waitMs));
    const send: SendOptions = { scope, operationId, maxRetries, timeoutMs, budget };
    try {
      let received: ReceivedResponse;
      const stack = config.middleware.items;
      if (stack.length === 0) {
        received = await transport.send(request, send);
      } else {
        const shaped = await throughMiddleware(stack, operation.descriptor.path, grouped, request, send, (next) => (url = next));
        const read = await readBody(shaped, config.maxResponseBytes);
        if ("tooLarge" in read) throw new HssResponseTooLargeError({ ...contextOf(), status: shaped.status }, config.maxResponseBytes);
        received = { status: shaped.status, headers: shaped.headers, body: read.bytes };
      }
      if (received.status === 200) return { data: parseSuccessBody(received, operation.descriptor.response, contextOf, redactor), received };
      throw errorFromResponse(received, parseErrorBody(received), { operationId, method, url }, redactor);
    } catch (error) {
      // A timeout or abort while the body was being read surfaces as a stream error; report the cause.
      if (scope.signal.aborted && !(error instanceof HssRequestError)) throw scope.signal.reason;
      throw error;
    } finally {
      scope.dispose();
    }
  };
}
