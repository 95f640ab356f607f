// The client's error hierarchy, stripe-node style: one base class so `instanceof HssError` catches
// everything the client throws, and subclasses so callers can branch with `instanceof` instead of
// comparing status codes. Messages are built from already-redacted parts (see redact.ts): nothing
// here ever sees a token, a secret key or a signature.

/** Where a failed request went, for errors about a request. */
export interface HssRequestContext {
  /** operationId of the call, such as `listPorts`; absent for calls made through `hss.raw`. */
  operationId?: string | undefined;
  /** HTTP method, upper-case. */
  method?: string | undefined;
  /** The request URL with credentials removed. */
  url?: string | undefined;
}

/** Base class of every error the HSS client throws. */
export class HssError extends Error {
  override readonly name: string = "HssError";
  /**
   * On an error that ended a walk (`hss.paginate`), the `offset` to resume it from: every item
   * before it was yielded. Pass it as the walk's `offset` option.
   */
  resumeOffset?: number;
}

function describeRequest(context: HssRequestContext): string {
  const target = context.method && context.url ? `${context.method} ${context.url}` : undefined;
  if (context.operationId && target) return `${context.operationId} (${target})`;
  return context.operationId ?? target ?? "The HSS request";
}

/**
 * A request was sent and failed: the base of every error about one request (an error answer,
 * no answer, a timeout, an answer that cannot be used), holding where the request went.
 */
export class HssRequestError extends HssError {
  override readonly name: string = "HssRequestError";
  /** operationId of the call, such as `listPorts`; undefined for calls made through `hss.raw`. */
  readonly operationId: string | undefined;
  /** HTTP method of the request. */
  readonly method: string | undefined;
  /** URL of the request, with credentials removed. */
  readonly url: string | undefined;

  constructor(context: HssRequestContext, problem: string, options?: { cause?: unknown }) {
    super(`${describeRequest(context)} ${problem}`, options);
    this.operationId = context.operationId;
    this.method = context.method;
    this.url = context.url;
  }
}

/** What an HSS error response says, plus where it came from. */
export interface HssApiErrorDetails extends HssRequestContext {
  /** HTTP status of the response. */
  status: number;
  /** `error_code` of the body, such as `HSS.0001`, when the body had one. */
  errorCode?: string | undefined;
  /** `error_msg` of the body, when the body had one. */
  errorMsg?: string | undefined;
  /** The `X-Request-Id` header, or the body's `request_id`. */
  requestId?: string | undefined;
  /** The `Retry-After` header in milliseconds, when the response had a valid one. */
  retryAfterMs?: number | undefined;
  /** `encoded_authorization_message` of the body (flat or nested), on a policy denial. */
  encodedAuthorizationMessage?: string | undefined;
  /** The response headers, lower-case names, credentials redacted. */
  headers?: Readonly<Record<string, string>>;
  /** The parsed error body (or its text when it is not JSON), credentials redacted. */
  body?: unknown;
}

function apiProblem(details: HssApiErrorDetails): string {
  const code = details.errorCode ? ` ${details.errorCode}` : "";
  const text = details.errorMsg ? ` "${details.errorMsg}"` : "";
  const request = details.requestId ? ` (request id ${details.requestId})` : "";
  return `failed with HTTP ${details.status}${code}${text}${request}.`;
}

/**
 * HSS (or its API gateway) answered with a status other than 200. Carries the HTTP status, HSS's
 * `error_code` and `error_msg`, and the request id to quote to Huawei Cloud support. Statuses
 * with a dedicated subclass are raised as that subclass.
 */
export class HssApiError extends HssRequestError {
  override readonly name: string = "HssApiError";
  /** HTTP status of the response. */
  readonly status: number;
  /** `error_code` of the body, such as `HSS.0001` or `APIGW.0301`. */
  readonly errorCode: string | undefined;
  /** `error_msg` of the body. */
  readonly errorMsg: string | undefined;
  /** The request id, from the `X-Request-Id` header or the body's `request_id`. */
  readonly requestId: string | undefined;
  /** The response headers, lower-case names, credentials redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed error body (or its text when it is not JSON), credentials redacted. */
  readonly body: unknown;
  /**
   * On a 403 policy denial, the encoded reason (`encoded_authorization_message`, flat or in an
   * IAM-style nested `error`), which IAM's "decode authorization message" API turns into words.
   */
  readonly encodedAuthorizationMessage: string | undefined;

  constructor(details: HssApiErrorDetails, problem = apiProblem(details)) {
    super(details, problem);
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMsg = details.errorMsg;
    this.requestId = details.requestId;
    this.headers = details.headers ?? {};
    this.body = details.body;
    this.encodedAuthorizationMessage = details.encodedAuthorizationMessage;
  }
}

/** HTTP 400: HSS refused a parameter (`HSS.0001`) or could not parse the request (`HSS.0002`). */
export class HssInvalidRequestError extends HssApiError {
  override readonly name: string = "HssInvalidRequestError";
}

/** HTTP 401: the token is missing, expired or invalid, or the AK/SK signature does not match. */
export class HssAuthenticationError extends HssApiError {
  override readonly name: string = "HssAuthenticationError";
}

/**
 * HTTP 403: the caller is authenticated but lacks the permission. A subclass of
 * {@link HssAuthenticationError} so one `instanceof` check covers every credentials problem.
 */
export class HssPermissionError extends HssAuthenticationError {
  override readonly name: string = "HssPermissionError";
}

/** HTTP 404: the API, the project or the resource (such as a scan task) does not exist. */
export class HssNotFoundError extends HssApiError {
  override readonly name: string = "HssNotFoundError";
}

/**
 * HTTP 429: the API gateway throttled the caller; raised when waiting for the throttle's window
 * would outlast the call's `totalTimeout` (with `rateLimit: false`, once the retries are spent).
 */
export class HssRateLimitError extends HssApiError {
  override readonly name: string = "HssRateLimitError";
  /** How long the gateway asked to wait, from `Retry-After`, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(details: HssApiErrorDetails) {
    super(details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** HTTP 5xx: HSS or its gateway failed; raised once the client's retries are spent. */
export class HssServerError extends HssApiError {
  override readonly name: string = "HssServerError";
}

/**
 * HTTP 3xx: the server answered with a redirect. HSS never redirects, so the client does not
 * follow one: following it would hand the token or the security token to whatever host the
 * `Location` names. Not retried.
 */
export class HssRedirectError extends HssApiError {
  override readonly name: string = "HssRedirectError";
  /** The `Location` the server named, with credentials removed; undefined when the runtime hides it (browsers). */
  readonly location: string | undefined;

  constructor(details: HssApiErrorDetails & { location?: string | undefined }) {
    const status = details.status ? `HTTP ${details.status}` : "a redirect";
    const target = details.location ? ` to ${details.location}` : "";
    super(
      details,
      `was answered with ${status}${target}; HSS does not redirect, so the client does not follow it (credentials never go to another host).`,
    );
    this.location = details.location;
  }
}

/** Picks the subclass for a status, so callers can rely on `instanceof`. */
export function apiErrorFor(details: HssApiErrorDetails): HssApiError {
  const { status } = details;
  if (status === 400) return new HssInvalidRequestError(details);
  if (status === 401) return new HssAuthenticationError(details);
  if (status === 403) return new HssPermissionError(details);
  if (status === 404) return new HssNotFoundError(details);
  if (status === 429) return new HssRateLimitError(details);
  if (status >= 500 && status <= 599) return new HssServerError(details);
  return new HssApiError(details);
}

/**
 * No whole HTTP response arrived: DNS, connection, TLS, a reset, or a body cut off before its
 * end; raised once the client's retries are spent.
 */
export class HssNetworkError extends HssRequestError {
  override readonly name: string = "HssNetworkError";

  constructor(context: HssRequestContext, reason: string, options?: { cause?: unknown }) {
    super(context, `got no response from HSS: ${reason}.`, options);
  }
}

/**
 * An attempt's `timeout` or the call's `totalTimeout` ran out, or the call's slot in the request
 * budget would come after its `totalTimeout` (then nothing was sent). The message says which.
 */
export class HssTimeoutError extends HssRequestError {
  override readonly name: string = "HssTimeoutError";
  /** The timeout that ran out, in milliseconds. */
  readonly timeoutMs: number;

  constructor(context: HssRequestContext, timeoutMs: number, problem = `timed out after ${timeoutMs} ms.`) {
    super(context, problem);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A whole response arrived but cannot be used: a 200 whose body is not JSON, not UTF-8, or not
 * the shape the spec gives (such as `{ total_num, data_list[] }`). Not retried: the same server
 * would most likely answer the same way.
 */
export class HssResponseError extends HssRequestError {
  override readonly name: string = "HssResponseError";
  /** HTTP status of the response. */
  readonly status: number;

  constructor(context: HssRequestContext & { status: number }, problem: string) {
    super(context, `got an HTTP ${context.status} response that cannot be used: ${problem}.`);
    this.status = context.status;
  }
}

/**
 * A response body is larger than the client's `maxResponseBytes` (counted after decompression),
 * so the client stopped reading it rather than hold it in memory. Not retried.
 */
export class HssResponseTooLargeError extends HssResponseError {
  override readonly name: string = "HssResponseTooLargeError";
  /** The limit that was passed, in bytes. */
  readonly limitBytes: number;

  constructor(context: HssRequestContext & { status: number }, limitBytes: number) {
    super(context, `its body is larger than maxResponseBytes (${limitBytes} bytes)`);
    this.limitBytes = limitBytes;
  }
}

/** Longest rendering of a refused value in a message, so a huge string cannot flood a log. */
const MAX_SHOWN = 80;

function show(value: unknown): string {
  let text: string;
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") text = `${value}n`;
  else if (typeof value === "function" || typeof value === "symbol") text = String(value);
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** Why a parameter was refused. */
export type HssValidationProblem = "missing" | "unknown" | "invalid";

/** What {@link HssValidationError} reports. */
export interface HssValidationErrorDetails {
  /** operationId of the call, or the function the option belongs to (such as `paginate.listPorts`). */
  operationId: string;
  /** The parameter or option that was refused. */
  parameter: string;
  /**
   * The value given: undefined when a required parameter is missing or the name is unknown (an
   * unknown name's value is never shown: it may be a credential passed under the wrong name), and
   * {@link REDACTED_VALUE} when the value is, contains or encodes a configured credential.
   */
  value: unknown;
  /** What would have been accepted, such as `an integer from 10 to 200`, or the known names. */
  allowed: string;
  /** A required parameter is missing, the name is not a parameter, or the value breaks a rule. */
  problem: HssValidationProblem;
}

/** What a validation error holds in place of a value that is, contains or encodes a credential. */
export const REDACTED_VALUE = "[REDACTED]";

function validationMessage(details: HssValidationErrorDetails): string {
  const { operationId, parameter, allowed } = details;
  if (details.problem === "missing") return `${operationId}: ${parameter} is required and must be ${allowed}.`;
  if (details.problem === "unknown") {
    return `${operationId}: ${parameter} is not a parameter of ${operationId} (its value is not shown); the parameters are ${allowed}.`;
  }
  const got = details.value === REDACTED_VALUE ? "a value that holds a credential, not shown" : show(details.value);
  return `${operationId}: ${parameter} must be ${allowed}; got ${got}.`;
}

/**
 * A parameter broke the spec's rules (type, bounds, enum, length, required, unknown name) and
 * was refused before any request was sent. Turn off with `validate: false`.
 */
export class HssValidationError extends HssError {
  override readonly name: string = "HssValidationError";
  /** operationId of the call. */
  readonly operationId: string;
  /** The parameter that was refused. */
  readonly parameter: string;
  /** The value given. */
  readonly value: unknown;
  /** What the parameter accepts, or the known parameter names when the name is unknown. */
  readonly allowed: string;
  /** Why the parameter was refused. */
  readonly problem: HssValidationProblem;

  constructor(details: HssValidationErrorDetails) {
    super(validationMessage(details));
    this.operationId = details.operationId;
    this.parameter = details.parameter;
    this.value = details.problem === "unknown" ? undefined : details.value;
    this.allowed = details.allowed;
    this.problem = details.problem;
  }
}

/**
 * A paginated walk cannot go on without duplicating or dropping items: `total_num` changed
 * between pages, or a page came back shorter than `total_num` promised.
 */
export class HssPaginationError extends HssError {
  override readonly name: string = "HssPaginationError";
  /** operationId of the walk. */
  readonly operationId: string;
  /** `offset` of the page that revealed the problem. */
  readonly offset: number;

  constructor(operationId: string, offset: number, problem: string) {
    super(`${operationId} pagination stopped at offset ${offset}: ${problem}.`);
    this.operationId = operationId;
    this.offset = offset;
  }
}

/**
 * The client cannot be built: missing credentials or project id, an unknown region, or an
 * option out of range. Names what is missing or wrong, never a secret's value.
 */
export class HssConfigurationError extends HssError {
  override readonly name: string = "HssConfigurationError";
}
