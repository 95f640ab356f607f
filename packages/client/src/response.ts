// What `withResponse()` gives besides the body: the response's status, headers and request id,
// as openai-node's `.withResponse()` and Octokit's `{ data, status, headers }` give them.

import type { CallResult } from "./call.js";
import type { Redactor } from "./redact.js";

/** The response a call's body came in. */
export interface HssResponseInfo {
  /** HTTP status: 200, since any other raises an error. */
  readonly status: number;
  /** The response headers, lower-case names, credentials redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The `X-Request-Id` header, to quote to Huawei Cloud support. */
  readonly requestId: string | undefined;
}

/** A call's body together with the response it came in. */
export interface WithResponse<Data> {
  readonly data: Data;
  readonly response: HssResponseInfo;
}

/** Describes the response of a finished call, redacting what the redactor knows as secret. */
export function withResponseOf<Data>(result: CallResult, redactor: Redactor): WithResponse<Data> {
  const headers: Record<string, string> = {};
  result.received.headers.forEach((value, name) => {
    headers[name] = redactor.text(value);
  });
  return {
    data: result.data as Data,
    response: { status: result.received.status, headers, requestId: headers["x-request-id"] },
  };
}
