import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpTransport } from "../../src/http.js";

let server: Server | undefined;
let transport: HttpTransport | undefined;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Long enough never to race a loopback answer on a loaded machine; the timeout tests pass their own. */
const GENEROUS = { timeoutMs: 30_000, maxBodyBytes: 1024 };
const SHORT_DEADLINE = { timeoutMs: 300, maxBodyBytes: 1024 };

function send(url: string, limits = GENEROUS) {
  transport = new HttpTransport(limits);
  return transport.send({ method: "GET", url, headers: { "X-Test": "1" } });
}

afterEach(async () => {
  transport?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  }
});

describe("HttpTransport", () => {
  it("returns status, lower-cased headers and the body as sent", async () => {
    const url = await serve((req, res) => {
      res.setHeader("X-Request-Id", "abc");
      res.end(`got ${req.headers["x-test"]}`);
    });
    expect(await send(url)).toMatchObject({ kind: "response", status: 200, body: "got 1", headers: { "x-request-id": "abc" } });
  });

  it("turns a silent server into a timeout within the deadline", async () => {
    const url = await serve(() => undefined);
    expect(await send(url, SHORT_DEADLINE)).toMatchObject({ kind: "transport-failure", failure: "timeout" });
  });

  it("times out a body that starts and never ends", async () => {
    const url = await serve((_, res) => res.write("{"));
    expect(await send(url, SHORT_DEADLINE)).toMatchObject({ kind: "transport-failure", failure: "timeout" });
  });

  it("cuts off a body past the cap, announced or streamed", async () => {
    const announced = await serve((_, res) => {
      res.setHeader("Content-Length", 5000);
      res.write("x");
    });
    expect(await send(announced)).toMatchObject({ failure: "too-large", message: "Content-Length 5000 exceeds the 1024-byte cap" });
    await new Promise((resolve) => server?.close(resolve));
    const streamed = await serve((_, res) => {
      res.write("y".repeat(800));
      res.write("y".repeat(800));
    });
    expect(await send(streamed)).toMatchObject({ failure: "too-large", message: "body passed the 1024-byte cap" });
  });

  it("reports a reset connection as reset", async () => {
    const url = await serve((req) => req.socket.destroy());
    expect(await send(url)).toMatchObject({ kind: "transport-failure", failure: "reset" });
  });

  it("reports a refused connection as unreachable", async () => {
    // Port 9 is privileged: no test server can hold it.
    expect(await send("http://127.0.0.1:9/")).toMatchObject({ kind: "transport-failure", failure: "unreachable" });
  });
});
