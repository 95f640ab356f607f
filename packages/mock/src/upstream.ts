// Sits between Prism's validation proxy and the implementation it proxies, because Prism's own
// forwarding trusts the upstream: it follows redirects to any host with X-Auth-Token still on the
// request, waits for an answer forever, and buffers and validates whole bodies at about nine
// times their size. Here each upstream answer is bounded in time and in size (counted after
// decompression) and a redirect is never followed; a bad answer becomes a 502 or 504 Error body
// for that one request, and the proxy goes on serving everyone else.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { signForward } from "./auth/verify.js";
import { sendError } from "./errors.js";


/** Headers about one hop's connection or encoding, which are not passed on. */
const HOP_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "proxy-connection",
  "proxy-authorization",
  "te",
  "trailer",
  "host",
  "content-length",
  "content-encoding",
  "accept-encoding",
]);

/** Options of {@link startUpstreamGuard}. */
export interface UpstreamGuardOptions {
  /** The implementation; requests keep their path and query and go to its origin. */
  upstream: URL;
  timeoutMs: number;
  maxBodyBytes: number;
  /** A key pair to re-sign every signed request with, for the upstream's host. */
  resign?: { accessKey: string; secretKey: string };
}

/** A running upstream guard; `url` is what Prism is told is the upstream. */
export interface RunningUpstreamGuard {
  readonly url: string;
  close(): Promise<void>;
}

async function readBounded(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}

/** Starts the guard on 127.0.0.1, port 0. */
export async function startUpstreamGuard(options: UpstreamGuardOptions): Promise<RunningUpstreamGuard> {
  const { upstream, timeoutMs, maxBodyBytes } = options;
  const sockets = new Set<Socket>();

  async function relay(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || HOP_HEADERS.has(name)) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    const body = await readBounded(request, maxBodyBytes);
    if (body === undefined) return sendError(response, 413, "HSSKIT.0413", `The request body is larger than ${maxBodyBytes} bytes.`);
    const signal = AbortSignal.timeout(timeoutMs);
    const target = new URL(request.url ?? "/", upstream.origin);
    // A signature covers the Host the caller sent to, which is not the upstream's: re-signed here.
    if (options.resign && headers.get("authorization")?.startsWith("SDK-HMAC-SHA256")) {
      headers.delete("authorization");
      headers.delete("x-sdk-date");
      for (const [name, value] of Object.entries(signForward(request.method ?? "GET", target, options.resign))) headers.set(name, value);
    }
    let answer: Response;
    try {
      answer = await fetch(target, {
        method: request.method ?? "GET",
        headers,
        body: body.length > 0 ? new Uint8Array(body) : null,
        redirect: "manual",
        signal,
      });
    } catch (error) {
      if (signal.aborted) return sendError(response, 504, "HSSKIT.0504", `The upstream did not answer within ${timeoutMs} ms.`);
      return sendError(response, 502, "HSSKIT.0502", `The upstream could not be reached: ${describe(error)}.`);
    }
    if (answer.status >= 300 && answer.status <= 399) {
      await answer.body?.cancel().catch(() => undefined);
      const location = answer.headers.get("Location");
      const where = location === null ? "" : ` to ${JSON.stringify(new URL(location, target).origin)}`;
      return sendError(
        response,
        502,
        "HSSKIT.0502",
        `The upstream answered HTTP ${answer.status} with a redirect${where}; the proxy does not follow redirects, so credentials never go to another host.`,
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      const reader = answer.body?.getReader();
      for (;;) {
        const next = reader ? await reader.read() : { done: true as const, value: undefined };
        if (next.done) break;
        size += next.value.byteLength;
        if (size > maxBodyBytes) {
          await reader!.cancel().catch(() => undefined);
          return sendError(response, 502, "HSSKIT.0502", `The upstream's body is larger than ${maxBodyBytes} bytes (counted after decompression).`);
        }
        chunks.push(next.value);
      }
    } catch (error) {
      if (signal.aborted) return sendError(response, 504, "HSSKIT.0504", `The upstream's answer did not end within ${timeoutMs} ms.`);
      return sendError(response, 502, "HSSKIT.0502", `The upstream's answer was cut off: ${describe(error)}.`);
    }
    const passed: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name)) passed[name] = value;
    });
    const bytes = Buffer.concat(chunks);
    response.writeHead(answer.status, { ...passed, "content-length": String(bytes.length) });
    response.end(bytes);
  }

  const server = createServer((request, response) => {
    relay(request, response).catch((error: unknown) => sendError(response, 502, "HSSKIT.0502", `The proxy failed: ${describe(error)}.`));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, "")}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
