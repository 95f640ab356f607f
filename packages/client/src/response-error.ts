// Turns a response into what a call resolves to or rejects with. HSS and its gateway answer
// errors as JSON { error_code, error_msg, request_id? }; proxies in between may answer anything,
// so every field of an error body is optional and only strings are taken, and a 200 body is held
// to the shape the spec gives before the caller sees it. Everything the server sent goes through
// the redactor before it reaches an error: a gateway may echo the request's credentials anywhere.

import { apiErrorFor, HssResponseError, type HssApiError, type HssRequestContext } from "./errors.js";
import type { BodyShape } from "./operation-descriptor.js";
import type { Redactor } from "./redact.js";
import { parseRetryAfter } from "./retry.js";
import type { ReceivedResponse } from "./body.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Most characters of a body quoted in an error about it. */
const QUOTED = 60;

/** An error body: JSON when it parses, else its text (as openapi-fetch reads one). */
export function parseErrorBody(received: ReceivedResponse): unknown {
  const text = new TextDecoder().decode(received.body);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = jsonType(value);
  return actual === type || (type === "number" && actual === "integer");
}

/**
 * A 200 body, parsed and held to `shape` (the spec's 200 schema: its type and the types of its
 * required properties). Anything else is an {@link HssResponseError}: a client that resolved to
 * `undefined` or to a page without `data_list` would fail later, far from the cause.
 */
export function parseSuccessBody(
  received: ReceivedResponse,
  shape: BodyShape | undefined,
  contextOf: () => HssRequestContext,
  redactor: Redactor,
): unknown {
  const fail = (problem: string) => new HssResponseError({ ...contextOf(), status: received.status }, problem);
  let text: string;
  try {
    text = utf8.decode(received.body);
  } catch {
    throw fail("its body is not UTF-8 text");
  }
  if (shape === undefined && text === "") return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const type = received.headers.get("Content-Type");
    const start = redactor.text(text.slice(0, QUOTED));
    const quoted = text === "" ? "it is empty" : `it starts ${JSON.stringify(start)}${text.length > QUOTED ? "…" : ""}`;
    throw fail(`its body is not JSON (Content-Type ${type === null ? "none" : JSON.stringify(redactor.text(type))}; ${quoted})`);
  }
  if (shape === undefined) return data;
  if (!hasType(data, shape.type)) throw fail(`its body is ${jsonType(data)} where the spec gives ${shape.type}`);
  for (const [name, type] of Object.entries(shape.required)) {
    const value = (data as Record<string, unknown>)[name];
    if (value === undefined) throw fail(`its body has no ${name}, which the spec requires`);
    if (!hasType(value, type)) throw fail(`its ${name} is ${jsonType(value)} where the spec gives ${type}`);
  }
  return data;
}

/** Builds the error for a response whose status is not 200, from its already-parsed body. */
export function errorFromResponse(
  received: ReceivedResponse,
  body: unknown,
  request: { operationId: string; method: string; url: string; attempts?: number | undefined },
  redactor: Redactor,
): HssApiError {
  const flat = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  // IAM and some gateways nest their error: { "error": { "code", "message", "encoded_authorization_message" } }.
  const nested = typeof flat.error === "object" && flat.error !== null ? (flat.error as Record<string, unknown>) : {};
  const text = (...keys: Array<[Record<string, unknown>, string]>) => {
    for (const [fields, key] of keys) {
      const value = fields[key];
      if (typeof value === "string" && value !== "") return redactor.text(value);
    }
    return undefined;
  };
  const requestId = received.headers.get("X-Request-Id");
  const headers: Record<string, string> = {};
  received.headers.forEach((value, name) => {
    headers[name] = redactor.text(value);
  });
  return apiErrorFor({
    status: received.status,
    errorCode: text([flat, "error_code"], [nested, "code"]),
    errorMsg: text([flat, "error_msg"], [nested, "message"]),
    encodedAuthorizationMessage: text([flat, "encoded_authorization_message"], [nested, "encoded_authorization_message"]),
    requestId: requestId ? redactor.text(requestId) : text([flat, "request_id"]),
    retryAfterMs: parseRetryAfter(received.headers.get("Retry-After"), Date.now()),
    operationId: request.operationId,
    method: request.method,
    url: redactor.url(request.url),
    attempts: request.attempts,
    headers,
    body: redactedBody(body, redactor),
  });
}

/** A copy of a parsed body with every string in it redacted. */
function redactedBody(body: unknown, redactor: Redactor): unknown {
  if (typeof body === "string") return redactor.text(body);
  if (Array.isArray(body)) return body.map((entry) => redactedBody(entry, redactor));
  if (typeof body === "object" && body !== null) {
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [redactor.text(key), redactedBody(value, redactor)]));
  }
  return body;
}
