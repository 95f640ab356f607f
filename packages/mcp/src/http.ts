// Streamable HTTP: one node:http server on loopback by default, stateless (each POST gets its own
// MCP server and transport, all of them calling the one client), with the Host header checked so
// a web page cannot reach the server through DNS rebinding.

import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

/** Options of {@link startHttpServer}. */
export interface HttpOptions {
  /** Makes the MCP server for one request; see `createServerFactory`. */
  newServer: () => Server;
  /** Address to bind. Default 127.0.0.1: the server acts with the credentials it was started with. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** Host header values accepted besides the address bound (`localhost:PORT` is accepted on loopback). */
  allowedHosts?: readonly string[];
}

/** A running HTTP server. */
export interface RunningHttpServer {
  /** The MCP endpoint, such as `http://127.0.0.1:3001/mcp`. */
  url: string;
  /** Stops the server, cutting any connection still open. */
  close(): Promise<void>;
}

/** The path of the MCP endpoint. */
export const MCP_PATH = "/mcp";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

function answer(response: import("node:http").ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

/** Serves MCP over streamable HTTP at `/mcp`. */
export async function startHttpServer(options: HttpOptions): Promise<RunningHttpServer> {
  const host = options.host ?? "127.0.0.1";
  let allowedHosts: string[] = [];
  const http: HttpServer = createServer((request, response) => {
    const path = (request.url ?? "").split("?", 1)[0];
    if (path !== MCP_PATH) return answer(response, 404, `Not found: the MCP endpoint is ${MCP_PATH}.`);
    if (request.method !== "POST") {
      response.setHeader("allow", "POST");
      return answer(response, 405, "This server is stateless: send JSON-RPC messages with POST.");
    }
    const server = options.newServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, enableDnsRebindingProtection: true, allowedHosts });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(request, response))
      .catch(() => {
        if (!response.headersSent) answer(response, 500, "Internal error.");
        else response.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shown = host.includes(":") ? `[${host}]` : host;
  allowedHosts = [`${shown}:${port}`, ...(LOOPBACK.has(host) ? [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`] : []), ...(options.allowedHosts ?? [])];
  return {
    url: `http://${shown}:${port}${MCP_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.closeAllConnections();
        http.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
