// The error bodies the mock's own guards answer with. They have the spec's Error shape
// (`error_code`, `error_msg`, with `request_id` equal to the X-Request-Id header) so a client
// reads them as it reads HSS's; the codes are this toolkit's (HSSKIT.*), never Huawei's.

import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";

/** Answers `status` with an Error body, unless the response has already begun (then it is cut off). */
export function sendError(response: ServerResponse, status: number, errorCode: string, errorMsg: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const requestId = randomUUID().replace(/-/g, "");
  const body = JSON.stringify({ error_code: errorCode, error_msg: errorMsg, request_id: requestId });
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "X-Request-Id": requestId,
  });
  response.end(body);
}
