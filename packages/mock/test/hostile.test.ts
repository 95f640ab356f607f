// The mock and the validation proxy under hostile input: a request Prism cannot survive, and an
// upstream that misbehaves in every way the shared hostile server knows. Each bad request gets
// an answer (an Error body where the guard refused it), and the server goes on serving.
import { HOSTILE_MODES, startHostileServer, type HostileModeName, type HostileServer } from "@hss-kit/hostile-server";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../src/index.js";

const PORTS = "/v5/p/asset/ports?host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac";
const AUTH = { "X-Auth-Token": "token-for-the-mock" };

/** Sends raw bytes and resolves to the first line of the answer. */
function rawStatusLine(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
      if (answer.includes("\r\n")) {
        socket.destroy();
        resolve(answer.split("\r\n", 1)[0]!);
      }
    });
    socket.on("error", reject);
  });
}

describe("the mock survives requests Prism cannot", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(() => mock.close());

  it.each(["/v5/%zz/asset/users", "/v5/p/asset/%E0%A4%A/users", "/v5/%C3%28/asset/users", "/v5/p/asset/ports%"])(
    "answers GET %s with a 400 Error body, then serves the next request",
    async (path) => {
      const refused = await fetch(mock.url + path, { headers: AUTH });
      expect(refused.status).toBe(400);
      expect(refused.headers.get("X-Request-Id")).toMatch(/^[0-9a-f]{32}$/);
      expect(await refused.json()).toMatchObject({ error_code: "HSSKIT.0400", error_msg: expect.stringContaining("malformed percent-escape") });
      expect((await fetch(mock.url + PORTS, { headers: AUTH })).status).toBe(200);
    },
  );

  it("answers malformed HTTP with 400 and keeps serving", async () => {
    expect(await rawStatusLine(mock.url, "GET /v5 HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request");
    expect((await fetch(mock.url + PORTS, { headers: AUTH })).status).toBe(200);
  });

  it("still answers a malformed escape in the query itself", async () => {
    const response = await fetch(`${mock.url}${PORTS}&limit=%zz`, { headers: AUTH });
    expect(response.status).toBe(400);
  });
});

/** What the proxy answers for each upstream misbehaviour: a status, and the Error code when the guard answered. */
const expected: Record<HostileModeName, { status: number; code?: string; message?: string }> = {
  "huge-body": { status: 502, code: "HSSKIT.0502", message: "body is larger than 1048576 bytes" },
  "endless-body": { status: 502, code: "HSSKIT.0502", message: "body is larger than 1048576 bytes" },
  "gzip-bomb": { status: 502, code: "HSSKIT.0502", message: "counted after decompression" },
  // Prism itself reports bodies that break the spec, as a validation proxy should.
  "invalid-json": { status: 500 },
  html: { status: 500 },
  "empty-200": { status: 500 },
  "not-a-page": { status: 500 },
  "reset-mid-body": { status: 502, code: "HSSKIT.0502", message: "was cut off" },
  "reset-before-response": { status: 502, code: "HSSKIT.0502", message: "could not be reached" },
  "redirect-cross-origin": { status: 502, code: "HSSKIT.0502", message: "the proxy does not follow redirects" },
  // The upstream's own 401 passes through: it echoes only what the caller sent it.
  "echo-credentials": { status: 401, code: "APIGW.0301" },
  "same-page": { status: 500 },
  hang: { status: 504, code: "HSSKIT.0504", message: "did not answer within 300 ms" },
};

describe("the validation proxy in front of a hostile upstream", () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer();
  });
  afterAll(() => server.close());

  it.each(HOSTILE_MODES.map((mode) => [mode.name, mode.description]))("%s (%s)", async (name) => {
    // A short deadline only where nothing answers: elsewhere it would race real work (inflating a
    // gzip bomb on a loaded machine) and fail at random.
    const upstreamTimeoutMs = name === "hang" ? 300 : 30_000;
    const proxy = await startMock({ upstream: server.baseUrl(name as HostileModeName), upstreamTimeoutMs, maxUpstreamBodyBytes: 1024 * 1024 });
    try {
      const response = await fetch(proxy.url + PORTS, { headers: AUTH });
      const want = expected[name as HostileModeName];
      expect(response.status).toBe(want.status);
      const body = (await response.json()) as { error_code?: string; error_msg?: string };
      if (want.code) expect(body.error_code).toBe(want.code);
      if (want.message) expect(body.error_msg).toContain(want.message);
      // One bad answer spoils nothing: the next request through the same proxy is answered too.
      expect((await fetch(proxy.url + PORTS, { headers: AUTH })).status).toBe(want.status);
    } finally {
      await proxy.close();
    }
    expect(server.requests.filter((request) => request.mode === "redirect-target")).toEqual([]);
  });

  it("has an expectation for every mode of the server", () => {
    expect(Object.keys(expected).sort()).toEqual(HOSTILE_MODES.map((mode) => mode.name).sort());
  });
});
