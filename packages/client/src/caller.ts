// One call of one operation, the same for every operation: defaults, validation, the request
// through openapi-fetch (and so through the caller's middleware), then the 200 body or a typed
// error. The client's per-operation methods and the paginator are both built on it.

import type { Client } from "openapi-fetch";
import { openCallScope } from "./abort.js";
import { HssApiError, HssTimeoutError } from "./errors.js";
import { operations, type OperationId } from "./generated/operations.js";
import { CALL_OPTION_NAMES, checkMaxRetries, checkOptionNames, checkTimeout, type CallOptions } from "./options.js";
import { groupParams, withDefaults } from "./params.js";
import type { Redactor } from "./redact.js";
import { errorFromResponse } from "./response-error.js";
import type { Transport } from "./transport.js";
import type { HssPaths } from "./types.js";
import { assertParamsObject, validateParams } from "./validate.js";

/** What a caller is built from. */
export interface CallerConfig {
  raw: Client<HssPaths>;
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

/** Creates the function that every operation method calls. */
export function createCaller(config: CallerConfig): CallOperation {
  const { transport, redactor } = config;
  // openapi-fetch types `request` per path and method; the operation table drives the call instead.
  const request = config.raw.request as unknown as RequestFn;

  return async (operationId, params, options = {}) => {
    const descriptor = operations[operationId];
    assertParamsObject(operationId, params);
    checkOptionNames(operationId, options, CALL_OPTION_NAMES);
    const given = withDefaults(descriptor, params ?? {}, config.region);
    if (config.validate) validateParams(operationId, descriptor, given);
    const timeoutMs = checkTimeout("timeout", options.timeout, config.timeoutMs);
    const maxRetries = checkMaxRetries("maxRetries", options.maxRetries, config.maxRetries);

    const method = descriptor.method.toUpperCase();
    let url = "";
    const scope = openCallScope(
      timeoutMs,
      options.signal,
      () => new HssTimeoutError({ operationId, method, url: redactor.url(url) }, timeoutMs),
    );
    try {
      const { data, error, response } = await request(descriptor.method, descriptor.path, {
        params: groupParams(descriptor, given),
        fetch: (outgoing: Request) => {
          url = outgoing.url;
          return transport.send(outgoing, { scope, operationId, maxRetries });
        },
      });
      if (response.status !== 200) throw errorFromResponse(response, error, { operationId, method, url }, redactor);
      return data;
    } catch (error) {
      // A timeout or abort while the body was being read surfaces as a stream error; report the cause.
      if (scope.signal.aborted && !(error instanceof HssApiError)) throw scope.signal.reason;
      throw error;
    } finally {
      scope.dispose();
    }
  };
}
