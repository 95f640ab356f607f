/** What an HSS error response says, plus where it came from. */
export interface HssApiErrorDetails {
  /** HTTP status of the response. */
  status: number;
  /** `error_code` of the body, such as `HSS.0001`, when the body had one. */
  errorCode?: string;
  /** `error_msg` of the body, when the body had one. */
  errorMsg?: string;
  /** The `X-Request-Id` header, or the body's `request_id`. */
  requestId?: string;
  /** operationId of the call that failed. */
  operationId?: string;
}

/**
 * Raised when HSS answers with a status other than 200. Carries the HTTP status, HSS's
 * `error_code` and `error_msg`, and the request id to quote to support.
 */
export class HssApiError extends Error {
  override readonly name: string = "HssApiError";
  /** HTTP status of the response. */
  readonly status: number;
  /** `error_code` of the body, such as `HSS.0001`. */
  readonly errorCode: string | undefined;
  /** `error_msg` of the body. */
  readonly errorMsg: string | undefined;
  /** The request id, from the `X-Request-Id` header or the body's `request_id`. */
  readonly requestId: string | undefined;
  /** operationId of the call that failed. */
  readonly operationId: string | undefined;

  constructor(details: HssApiErrorDetails) {
    const code = details.errorCode ? ` ${details.errorCode}` : "";
    const message = details.errorMsg ? `: ${details.errorMsg}` : "";
    const request = details.requestId ? ` (request id ${details.requestId})` : "";
    super(`${details.operationId ?? "HSS request"} failed with HTTP ${details.status}${code}${message}${request}.`);
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMsg = details.errorMsg;
    this.requestId = details.requestId;
    this.operationId = details.operationId;
  }
}
