// One call of one operation, the same for every operation: the parameters checked and filled in,
// then openapi-fetch (`request(method, path, { params, signal })`), which builds the Request,
// runs the middleware and calls `send` as its fetch; then the 200 body checked against the spec's
// shape, or the matching typed error. The operation methods and the paginators are built on it.

import type { Client } from "openapi-fetch";
import type { ReceivedResponse } from "./body.js";
import { CALL_OPTION_NAMES, checkMaxRetries, checkOptionNames, checkTimeout, checkTotalTimeout, type CallOptions, type HssConfig } from "./config.js";
import { HssRequestError, type HssRequestContext } from "./errors.js";
import { operations, type OperationId } from "./generated/operations.js";
import type { OperationDescriptor } from "./operation-descriptor.js";
import { operationTarget, type BudgetTarget } from "./rate-limit.js";
import { groupParams, layoutOf, withDefaults, type ParamLayout } from "./params.js";
import { errorFromResponse, parseErrorBody, parseSuccessBody } from "./response-error.js";
import { bodyRead, type Send, type SendSettings } from "./send.js";
import type { HssPaths } from "./types.js";
import { assertParamsObject, compileSendableCheck, compileValidator, type Validator } from "./validate.js";

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
  validate: Validator | undefined;
  /** Refuses what cannot be sent safely, validation or not. */
  sendable: Validator;
  /** Whose budget its calls draw on. */
  target: BudgetTarget;
}

type Request = (
  method: string,
  path: string,
  init: { params: object; parseAs: "stream"; fetch: (request: globalThis.Request) => Promise<Response> },
) => Promise<{ error?: unknown; response: Response }>;

/** Creates the function every operation method calls; `project` gives the project ID (found through IAM if need be). */
export function createOperationCall(
  config: HssConfig,
  client: Client<HssPaths>,
  send: Send,
  project: () => string | Promise<string>,
): CallOperation {
  const { redactor } = config;
  const mayShow = (value: unknown) => redactor.mayShow(value);
  const table = {} as Record<OperationId, CompiledOperation>;
  for (const id of Object.keys(operations) as OperationId[]) {
    const descriptor: OperationDescriptor = operations[id];
    table[id] = {
      descriptor,
      method: descriptor.method.toUpperCase(),
      layout: layoutOf(descriptor),
      validate: config.validate ? compileValidator(id, descriptor, mayShow) : undefined,
      sendable: compileSendableCheck(id, descriptor, mayShow),
      target: operationTarget(id, descriptor),
    };
  }
  const request = (client as unknown as { request: Request }).request;

  return async (operationId, params, options) => {
    const operation = table[operationId];
    assertParamsObject(operationId, params, mayShow);
    checkOptionNames(operationId, options, CALL_OPTION_NAMES);
    const given = withDefaults(operation.layout, params ?? {}, config.region);
    operation.validate?.(given);
    operation.sendable(given);
    const settings: SendSettings = {
      operationId,
      timeoutMs: checkTimeout("timeout", options?.timeout, config.timeoutMs),
      totalTimeoutMs: checkTotalTimeout("totalTimeout", options?.totalTimeout, config.totalTimeoutMs),
      target: operation.target,
      maxRetries: checkMaxRetries("maxRetries", options?.maxRetries, config.retry.maxRetries),
      signal: options?.signal,
      attempts: 0,
    };
    const grouped = groupParams(operation.layout, given);
    grouped.path.project_id = await project();
    const { method, descriptor } = operation;
    // openapi-fetch leaves a 2xx body unread ("stream"): `send` has read it already.
    const { error, response } = await request(method, descriptor.path, {
      params: grouped,
      parseAs: "stream",
      fetch: (sent) => send(sent, settings),
    });
    // A middleware may have answered without sending: the URL is then the path's.
    const url = settings.url ?? `${config.baseUrl}${descriptor.path}`;
    const contextOf = (): HssRequestContext => ({ operationId, method, url: redactor.url(url), attempts: settings.attempts });
    const received: ReceivedResponse = {
      status: response.status,
      headers: response.headers,
      body: response.ok ? (bodyRead(response) ?? new Uint8Array(await response.arrayBuffer())) : new Uint8Array(0),
    };
    try {
      if (response.status === 200) return { data: parseSuccessBody(received, descriptor.response, contextOf, redactor), received };
      throw errorFromResponse(received, response.ok ? parseErrorBody(received) : error, { operationId, method, url, attempts: settings.attempts }, redactor);
    } catch (failure) {
      if (failure instanceof HssRequestError) {
        config.emit({ type: "error", operationId, method, url: contextOf().url!, attempt: settings.attempts, error: failure });
      }
      throw failure;
    }
  };
}
