// A guard in front of Prism: Prism 5.14 throws an uncaught URIError on a malformed escape in a
// request path (`/v5/%zz/asset/users`) and the whole process exits, so every request passes
// here first. What Prism cannot survive is answered here with a 400 Error body; everything else
// is piped through unchanged, byte for byte, to a Prism listening on an internal loopback port.

import { CORS_HEADERS, answerPreflight } from "./cors.js";
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { checkCredentials, hasCredentials, type MockCredentials } from "./auth/credentials.js";
import { sendError } from "./errors.js";

/** Why Prism could not take this request target, or undefined when it can. */
export function refusedTarget(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith("/")) return "The request target must be an absolute path.";
  const path = target.split("?", 1)[0]!;
  try {
    decodeURIComponent(path);
  } catch {
    return "The request path has a malformed percent-escape (a % not followed by two hex digits, or bytes that are not UTF-8).";
  }
  return undefined;
}

/** A running guard. */
export interface RunningGuard {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Listens on `host:port` and forwards every acceptable request to the server at `target`. With
 * credentials, a request whose token or AK/SK signature does not check out is answered 401 here,
 * with the gateway's error code and what was wrong.
 */
export async function startGuard(
  target: { host: string; port: number },
  port: number,
  host: string,
  credentials: MockCredentials = {},
): Promise<RunningGuard> {
  const sockets = new Set<Socket>();
  const checking = hasCredentials(credentials);
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const refused = refusedTarget(request.url);
    if (refused) {
      request.resume();
      sendError(response, 400, "HSSKIT.0400", refused);
      return;
    }
    const denied = checking ? checkCredentials(request, credentials) : undefined;
    if (denied) {
      request.resume();
      sendError(response, 401, "APIGW.0301", `Incorrect IAM authentication information: ${denied.reason}.`);
      return;
    }
    const upstream = forward({ ...target, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(response);
      answer.on("error", () => response.destroy());
    });
    upstream.on("error", () => sendError(response, 502, "HSSKIT.0502", "The mock could not answer this request."));
    request.pipe(upstream);
    response.on("close", () => upstream.destroy());
  };
  const server: Server = createServer((request, response) => {
    try {
      if (answerPreflight(request, response)) return;
      for (const [name, value] of CORS_HEADERS) response.setHeader(name, value);
      handle(request, response);
    } catch {
      sendError(response, 500, "HSSKIT.0500", "The mock failed on this request.");
    }
  });
  // Malformed HTTP (a bad request line, an oversized header) is answered, not thrown.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
