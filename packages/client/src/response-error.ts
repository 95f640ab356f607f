// Turns a non-200 answer into the matching HssApiError subclass. HSS and its gateway answer
// errors as JSON { error_code, error_msg, request_id? }; proxies in between may answer anything,
// so every field is optional and only strings are taken.

import { apiErrorFor, type HssApiError } from "./errors.js";
import type { Redactor } from "./redact.js";
import { parseRetryAfter } from "./retry.js";

/** Builds the error for a response whose status is not 200, from its already-parsed body. */
export function errorFromResponse(
  response: Response,
  body: unknown,
  request: { operationId: string; method: string; url: string },
  redactor: Redactor,
): HssApiError {
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const text = (key: string) => {
    const value = fields[key];
    return typeof value === "string" && value !== "" ? redactor.text(value) : undefined;
  };
  return apiErrorFor({
    status: response.status,
    errorCode: text("error_code"),
    errorMsg: text("error_msg"),
    requestId: response.headers.get("X-Request-Id") ?? text("request_id"),
    retryAfterMs: parseRetryAfter(response.headers.get("Retry-After"), Date.now()),
    operationId: request.operationId,
    method: request.method,
    url: redactor.url(request.url),
  });
}
