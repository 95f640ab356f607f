// Turns a response into what a call resolves to or rejects with. HSS and its gateway answer
// errors as JSON { error_code, error_msg, request_id? }; proxies in between may answer anything,
// so every field of an error body is optional and only strings are taken, and a 200 body is held
// to the shape the spec gives before the caller sees it. Everything the server sent goes through
// the redactor before it reaches an error: a gateway may echo the request's credentials anywhere.

import { apiErrorFor, HssResponseError, type HssApiError, type HssRequestContext } from "./errors.js";
import type { BodyShape } from "./operation-descriptor.js";
import type { Redactor } from "./redact.js";
import { parseRetryAfter } from "./retry.js";
import type { ReceivedResponse } from "./transport.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Most characters of a body quoted in the message of an error about it. */
const QUOTED = 60;

/**
 * Most characters of any one text a server sent (a field of its error body, a header value, a
 * string of its body) that an error holds: errors are logged, and a server could send megabytes.
 */
const MAX_FIELD = 1_000;

/**
 * Most characters of `encoded_authorization_message`: IAM's decode API needs the whole of it,
 * so it gets more room than text meant for people, but still a bound.
 */
const MAX_AUTHORIZATION_MESSAGE = 16_384;

/** How deep, and how many values in all, an error's copy of a JSON error body goes. */
const MAX_BODY_DEPTH = 16;
const MAX_BODY_VALUES = 100;

/** What stands in an error's copy of a body for what was left out of it. */
const LEFT_OUT = "…";

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
    const quoted = text === "" ? "it is empty" : `it starts ${JSON.stringify(redactor.excerpt(text, QUOTED))}`;
    throw fail(`its body is not JSON (Content-Type ${type === null ? "none" : JSON.stringify(redactor.excerpt(type, MAX_FIELD))}; ${quoted})`);
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
  request: { operationId: string; method: string; url: string },
  redactor: Redactor,
): HssApiError {
  const flat = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  // IAM and some gateways nest their error: { "error": { "code", "message", "encoded_authorization_message" } }.
  const nested = typeof flat.error === "object" && flat.error !== null ? (flat.error as Record<string, unknown>) : {};
  const text = (max: number, ...keys: Array<[Record<string, unknown>, string]>) => {
    for (const [fields, key] of keys) {
      const value = fields[key];
      if (typeof value === "string" && value !== "") return redactor.excerpt(value, max);
    }
    return undefined;
  };
  const requestId = received.headers.get("X-Request-Id");
  const headers: Record<string, string> = {};
  received.headers.forEach((value, name) => {
    headers[name] = redactor.excerpt(value, MAX_FIELD);
  });
  return apiErrorFor({
    status: received.status,
    errorCode: text(MAX_FIELD, [flat, "error_code"], [nested, "code"]),
    errorMsg: text(MAX_FIELD, [flat, "error_msg"], [nested, "message"]),
    encodedAuthorizationMessage: text(
      MAX_AUTHORIZATION_MESSAGE,
      [flat, "encoded_authorization_message"],
      [nested, "encoded_authorization_message"],
    ),
    requestId: requestId ? redactor.excerpt(requestId, MAX_FIELD) : text(MAX_FIELD, [flat, "request_id"]),
    retryAfterMs: parseRetryAfter(received.headers.get("Retry-After"), Date.now()),
    operationId: request.operationId,
    method: request.method,
    url: redactor.url(request.url),
    headers,
    body: boundedBody(body, redactor),
  });
}

/**
 * A copy of a parsed error body for an error to hold: every string redacted, then cut; at most
 * {@link MAX_BODY_DEPTH} levels deep and {@link MAX_BODY_VALUES} values in all. A hostile body can
 * nest thousands of levels (a walk without a bound overflows the stack) or hold megabytes.
 */
function boundedBody(body: unknown, redactor: Redactor): unknown {
  let budget = MAX_BODY_VALUES;
  const copy = (value: unknown, depth: number): unknown => {
    budget--;
    if (typeof value === "string") return redactor.excerpt(value, MAX_FIELD);
    if (typeof value !== "object" || value === null) return value;
    if (depth >= MAX_BODY_DEPTH) return LEFT_OUT;
    const entries: Array<[string, unknown]> = [];
    for (const [key, entry] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
      if (budget <= 0) {
        entries.push([LEFT_OUT, LEFT_OUT]);
        break;
      }
      entries.push([redactor.excerpt(String(key), MAX_FIELD), copy(entry, depth + 1)]);
    }
    return Array.isArray(value) ? entries.map(([, entry]) => entry) : Object.fromEntries(entries);
  };
  return copy(body, 0);
}
