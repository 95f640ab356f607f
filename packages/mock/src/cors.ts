// CORS for the mocks, so a page in a browser (the docs' try-it console, a front end under
// development) can call them from another origin. They are test servers on loopback serving
// generated data, so any origin may read their answers; credentials are headers the page sends
// itself (X-Auth-Token, a signature), never cookies, so no origin is trusted with anything.

import type { IncomingMessage, ServerResponse } from "node:http";

/** Headers every answer carries: any origin may read it, and X-Request-Id with it. */
export const CORS_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["Access-Control-Allow-Origin", "*"],
  ["Access-Control-Expose-Headers", "X-Request-Id"],
];

/** A header list as a preflight names it: tokens separated by commas, nothing else. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/**
 * Answers a CORS preflight (an OPTIONS request with Origin and Access-Control-Request-Method)
 * and returns true; returns false for any other request, which the server answers as usual.
 */
export function answerPreflight(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "OPTIONS" || !request.headers.origin || !request.headers["access-control-request-method"]) return false;
  const requested = request.headers["access-control-request-headers"];
  const headers: Record<string, string> = {
    ...Object.fromEntries(CORS_HEADERS),
    "Access-Control-Allow-Methods": "GET, HEAD",
    "Access-Control-Max-Age": "600",
    "Content-Length": "0",
  };
  if (typeof requested === "string" && HEADER_LIST.test(requested.trim())) headers["Access-Control-Allow-Headers"] = requested.trim();
  response.writeHead(204, headers);
  response.end();
  return true;
}
