// The Node build's transport, through the built Node entry (the seam that adds it is resolved by
// the build): HTTP_PROXY and NO_PROXY (a forward proxy on loopback is asked to tunnel to the
// client's host with CONNECT, and a host NO_PROXY names is reached directly), a proxy that refuses
// or never answers the tunnel (a typed error within the timeout, one CONNECT an attempt), and a
// burst of concurrent calls to one origin (a bounded number of sockets).
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
// The Node build, typed as the source it is built from.
const { createHssClient } = (await import("../../dist/node/index.js" as string)) as typeof import("../../src/index.js");
import { MAX_CONNECTIONS_PER_ORIGIN } from "../../src/engine.node.js";

const PAGE = JSON.stringify({ total_num: 0, data_list: [] });

function listen(onRequest: (request: IncomingMessage) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    onRequest(request);
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(PAGE) });
    response.end(PAGE);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

let proxy: { server: Server; url: string };
let direct: { server: Server; url: string };
const viaProxy: string[] = [];
const reachedDirectly: string[] = [];

beforeAll(async () => {
  direct = await listen((request) => reachedDirectly.push(`${request.method} ${request.url}`));
  proxy = await listen((request) => viaProxy.push(`${request.method} ${request.url}`));
  // Every tunnel leads to the loopback server, whatever host was asked for: the test's DNS.
  proxy.server.on("connect", (request: IncomingMessage, socket, head: Buffer) => {
    viaProxy.push(`CONNECT ${request.url}`);
    const upstream = connect(Number(new URL(direct.url).port), "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
});
afterAll(async () => {
  await Promise.all([proxy, direct].map(({ server }) => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  })));
});
afterEach(() => {
  vi.unstubAllEnvs();
  viaProxy.length = 0;
  reachedDirectly.length = 0;
});

const client = (baseUrl: string) => createHssClient({ baseUrl, projectId: "p1", credentials: { token: "proxy-test-token" }, maxRetries: 0 });

describe("HTTP_PROXY on Node", () => {
  it("sends every request through the proxy it names, as curl does", async () => {
    vi.stubEnv("HTTP_PROXY", proxy.url);
    vi.stubEnv("NO_PROXY", "");
    await client("http://hss.example.invalid").listUsers();
    expect(viaProxy).toEqual(["CONNECT hss.example.invalid:80"]);
    expect(reachedDirectly).toEqual(["GET /v5/p1/asset/users"]);
  });

  it("leaves the hosts NO_PROXY names to be reached directly", async () => {
    vi.stubEnv("HTTP_PROXY", proxy.url);
    vi.stubEnv("NO_PROXY", "127.0.0.1");
    await client(direct.url).listUsers();
    expect(viaProxy).toEqual([]);
    expect(reachedDirectly).toEqual(["GET /v5/p1/asset/users"]);
  });

  it("is not used when no proxy variable is set", async () => {
    for (const name of ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"]) vi.stubEnv(name, "");
    await client(direct.url).listUsers();
    expect(viaProxy).toEqual([]);
    expect(reachedDirectly).toHaveLength(1);
  });
});

/** A proxy that answers every CONNECT with `status`, drops the connection ("drop"), or never answers (undefined). */
async function refusingProxy(status: number | "drop" | undefined) {
  const server = createServer((_, response) => response.writeHead(405).end());
  const connects: string[] = [];
  const tunnels: Array<{ destroy(): void }> = [];
  server.on("connect", (request: IncomingMessage, socket) => {
    connects.push(request.url ?? "");
    tunnels.push(socket);
    socket.on("error", () => undefined);
    if (status === "drop") socket.destroy();
    else if (status !== undefined) socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects,
    close: () => new Promise((resolve) => {
      // A CONNECT's socket is the handler's, not the server's: closeAllConnections leaves it open.
      for (const socket of tunnels) socket.destroy();
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

describe("a proxy that will not tunnel", () => {
  it.each<[string, number | "drop", string]>([
    ["answering 403", 403, "Proxy response (403) !== 200 when HTTP Tunneling"],
    ["dropping the connection", "drop", "the proxy closed the connection instead of opening a tunnel"],
  ])("%s: a typed network error naming the refusal, one CONNECT per attempt, not a loop", async (_, answer, reason) => {
    const refusing = await refusingProxy(answer);
    try {
      vi.stubEnv("HTTP_PROXY", refusing.url);
      vi.stubEnv("NO_PROXY", "");
      const hss = createHssClient({ baseUrl: "http://hss.example.invalid", projectId: "p1", credentials: { token: "proxy-test-token" }, maxRetries: 1, retryDelay: { initialMs: 0, maxMs: 0 }, timeout: 5000 });
      const error = await hss.listUsers().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "HssNetworkError", attempts: 2 });
      expect((error as Error).message).toContain(reason);
      expect(refusing.connects).toEqual(["hss.example.invalid:80", "hss.example.invalid:80"]);
    } finally {
      await refusing.close();
    }
  });

  it("silent: the call's timeout ends it with HssTimeoutError", async () => {
    const silent = await refusingProxy(undefined);
    try {
      vi.stubEnv("HTTP_PROXY", silent.url);
      vi.stubEnv("NO_PROXY", "");
      // Nothing to race: the proxy never answers, so only the timeout can end the call.
      const hss = createHssClient({ baseUrl: "http://hss.example.invalid", projectId: "p1", credentials: { token: "proxy-test-token" }, maxRetries: 0, timeout: 300 });
      await expect(hss.listUsers()).rejects.toMatchObject({ name: "HssTimeoutError", attempts: 1 });
      expect(silent.connects).toHaveLength(1);
    } finally {
      await silent.close();
    }
  });
});

describe("many concurrent calls to one origin", () => {
  it("share a bounded number of sockets", async () => {
    const sockets = new Set<unknown>();
    const server = createServer((_, response) => {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(PAGE) });
      response.end(PAGE);
    });
    server.on("connection", (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      for (const name of ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"]) vi.stubEnv(name, "");
      // Without the request budget, which would space 1,000 calls of one operation over 200 minutes.
      const hss = createHssClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, projectId: "p1", credentials: { token: "proxy-test-token" }, maxRetries: 0, rateLimit: false });
      const pages = await Promise.all(Array.from({ length: 1000 }, () => hss.listUsers()));
      expect(pages).toHaveLength(1000);
      expect(sockets.size).toBeGreaterThan(0);
      expect(sockets.size).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_ORIGIN);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
