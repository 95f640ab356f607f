// The Node build's way to send, undici's own fetch through its proxy-aware, connection-capped
// dispatcher, against a real loopback server: it must give what the runtime's fetch gives (the
// source build, which sends through the global fetch, is the reference for every body encoding).
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as source from "../../src/index.js";

// The Node build, typed as the source it is built from.
const nodeBuild = (await import("../../dist/node/index.js" as string)) as typeof source;

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const PAGE = JSON.stringify({ total_num: 1, data_list: [{ host_id: "h", port: 22, type: "TCP" }] });
const page = Buffer.from(PAGE);

/** How the server encodes the page, by the first segment of the path; each encoder is Node's own zlib. */
const encodings: Record<string, { contentEncoding: string; body: Buffer }> = {
  identity: { contentEncoding: "identity", body: page },
  gzip: { contentEncoding: "gzip", body: gzipSync(page) },
  "x-gzip": { contentEncoding: "x-gzip", body: gzipSync(page) },
  deflate: { contentEncoding: "deflate", body: deflateSync(page) },
  "raw-deflate": { contentEncoding: "deflate", body: deflateRawSync(page) },
  br: { contentEncoding: "br", body: brotliCompressSync(page) },
  // Applied in the order listed: gzip first, then br, so br is undone first.
  "gzip-then-br": { contentEncoding: "gzip, br", body: brotliCompressSync(gzipSync(page)) },
  "unknown-coding": { contentEncoding: "hss-unknown", body: page },
  "corrupt-gzip": { contentEncoding: "gzip", body: Buffer.concat([gzipSync(page).subarray(0, 10), Buffer.from("not deflate data at all")]) },
  "six-codings": { contentEncoding: "gzip, gzip, gzip, gzip, gzip, gzip", body: [1, 2, 3, 4, 5, 6].reduce((body) => gzipSync(body), page) },
};

let server: Server;
let url: string;
const received: IncomingHttpHeaders[] = [];
/** Called once a `/drip` response has sent its head and its first bytes. */
let onDrip = () => {};

/** A 200 whose body comes a byte at a time and never ends, until the client goes away. */
function drip(response: ServerResponse) {
  response.writeHead(200, { "Content-Type": "application/json" });
  response.write('{"total_num":1,"data_list":[');
  const timer = setInterval(() => response.write(" "), 10);
  response.on("close", () => clearInterval(timer));
  onDrip();
}

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push(request.headers);
    if (request.url?.startsWith("/drip/")) return drip(response);
    const encoding = encodings[(request.url ?? "").split("/")[1]!]!;
    response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": encoding.contentEncoding });
    response.end(encoding.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  vi.unstubAllGlobals();
  received.length = 0;
  onDrip = () => {};
});

const clientOf = (lib: typeof source, baseUrl: string) =>
  lib.createHssClient({ baseUrl, projectId: "p", credentials: { token: "node-exchange-token" }, maxRetries: 0 });

/** What a call comes to, comparable across builds: the page, or the error's class name and message. */
async function outcome(lib: typeof source, baseUrl: string): Promise<unknown> {
  try {
    return { page: await clientOf(lib, baseUrl).listPorts({ host_id: "h" }) };
  } catch (error) {
    expect(error).toBeInstanceOf(lib.HssError);
    return { error: (error as Error).name };
  }
}

describe.each([
  ["the runtime's fetch", source],
  ["undici's fetch, on Node", nodeBuild],
])("a body that never ends, through %s", (_, lib) => {
  it("ends with the call's timeout", async () => {
    // Nothing to race: the body never ends, so only the timeout can end the call.
    const hss = lib.createHssClient({ baseUrl: `${url}/drip`, projectId: "p", credentials: { token: "t" }, timeout: 300 });
    await expect(hss.listPorts({ host_id: "h" })).rejects.toBeInstanceOf(lib.HssTimeoutError);
  });

  it("ends with the caller's abort, rejecting with its reason", async () => {
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    onDrip = () => controller.abort(reason);
    const hss = clientOf(lib, `${url}/drip`);
    await expect(hss.listPorts({ host_id: "h" }, { signal: controller.signal })).rejects.toBe(reason);
  });
});

describe("the Node build sends through undici's fetch", () => {
  it.each(Object.keys(encodings))("and reads a %s body as fetch does", async (name) => {
    const viaFetch = await outcome(source, `${url}/${name}`);
    const viaDispatcher = await outcome(nodeBuild, `${url}/${name}`);
    expect(viaDispatcher).toEqual(viaFetch);
    // Every request reached the server: neither build answered from somewhere else.
    expect(received).toHaveLength(2);
  });

  it("asks for the codings it decodes, and names the client and the runtime", async () => {
    await clientOf(nodeBuild, `${url}/identity`).listPorts({ host_id: "h" });
    expect(received[0]).toMatchObject({ "x-auth-token": "node-exchange-token", "user-agent": `hss-kit-client/${version} node/${process.versions.node}` });
    expect(received[0]!["accept-encoding"]).toMatch(/gzip/);
  });
});
