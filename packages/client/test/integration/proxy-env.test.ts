// HTTP_PROXY and NO_PROXY on Node, through the built Node entry (the seam that adds them is
// resolved by the build): a forward proxy on loopback is asked to tunnel to the client's host
// (CONNECT, as undici's proxy agent asks) and a host NO_PROXY names is reached directly.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
// The Node build, typed as the source it is built from.
const { createHssClient } = (await import("../../dist/node/index.js" as string)) as typeof import("../../src/index.js");

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
