// Every request the client makes with AK/SK credentials must pass an independent verifier over
// real HTTP: awkward query values, repeated keys, path parameters, temporary credentials,
// concurrent pages and retries, each retry signed afresh.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HssAuthenticationError, createHssClient, type HssClientOptions } from "../../src/index.js";
import { startSignatureServer, type SignatureServer } from "../helpers/signature-server.js";

const AK = "HPUAINTEGRATIONAK";
const SK = "integration/secret+key=with~odd!chars";
let server: SignatureServer;

beforeAll(async () => {
  server = await startSignatureServer({ [AK]: SK });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.seen.length = 0;
  server.onRequest = undefined;
  vi.useRealTimers();
});

function client(options: HssClientOptions = {}) {
  return createHssClient({
    baseUrl: server.url,
    region: "cn-north-4",
    projectId: "0123456789abcdef0123456789abcdef",
    credentials: { accessKey: AK, secretKey: SK },
    retryDelay: { initialMs: 0, maxMs: 0 },
    ...options,
  });
}

function expectAllVerified() {
  expect(server.seen.length).toBeGreaterThan(0);
  for (const request of server.seen) expect(request.verdict, request.url).toEqual({ ok: true });
}

describe("the verifier accepts", () => {
  it("every operation, with the project id sent and signed", async () => {
    const hss = client();
    await hss.listProcessesHost({ path: "/usr/bin/bash", category: "host" });
    await hss.listUsers({ user_name: "daemon", login_permission: true, limit: 10, offset: 0 });
    await hss.listPorts({ host_id: "dd91cd32-a238-4c0e-bc01-3b11653714ac", type: "UDP", port: 68 });
    await hss.listVulScanTaskHost({ task_id: "task-1", scan_status: "failed" });
    await hss.listLocalImageHosts({ image_name: "nginx" });
    expectAllVerified();
    for (const request of server.seen) {
      expect(request.headers["x-project-id"]).toBe("0123456789abcdef0123456789abcdef");
      expect(request.headers.authorization).toMatch(/SignedHeaders=host;x-project-id;x-sdk-date,/);
    }
    expect(server.seen.at(-1)!.headers.region).toBe("cn-north-4");
  });

  it.each([
    ["spaces", "web server 01"],
    ["unicode", "名前-é-😀"],
    ["reserved characters", "!'()*~"],
    ["delimiters", "a&b=c+d/e?f#g%h"],
    ["a plus and a percent escape look-alike", "1+1 %41"],
  ])("query values with %s", async (_name, value) => {
    await client().listUsers({ user_name: value, host_name: value });
    expectAllVerified();
    const query = new URLSearchParams(server.seen[0]!.url.split("?")[1]);
    expect(query.get("user_name")).toBe(value);
  });

  it("reserved characters as they go on the wire: mostly unescaped, though the signature escapes them", async () => {
    await client().listUsers({ user_name: "!'()*~" });
    expectAllVerified();
    // encodeURIComponent keeps !'()*~ and the URL parser then escapes the quote in a query.
    expect(server.seen[0]!.url).toContain("user_name=!%27()*~");
  });

  it("path parameters with spaces, unicode and reserved characters", async () => {
    await client().listVulScanTaskHost({ task_id: "task 1/é!'()*~" });
    expectAllVerified();
  });

  it("repeated query keys (validation off, array value)", async () => {
    await client({ validate: false }).listUsers({ user_group: ["wheel", "adm", "a b", "adm"] } as never);
    expectAllVerified();
    expect(server.seen[0]!.url).toContain("user_group=wheel&user_group=adm&user_group=a%20b&user_group=adm");
  });

  it("requests through hss.raw and a middleware that adds a query parameter", async () => {
    const hss = client({
      middleware: [
        {
          onRequest: ({ request }) => new Request(`${request.url}&trace=${encodeURIComponent("x y/z")}`, request),
        },
      ],
    });
    await hss.raw.GET("/v5/{project_id}/asset/users", { params: { query: { user_name: "root" } } });
    await hss.listPorts({ host_id: "h" });
    expectAllVerified();
    expect(server.seen.every((request) => request.url.includes("trace=x%20y%2Fz"))).toBe(true);
  });

  it("temporary credentials, with X-Security-Token sent and signed", async () => {
    await client({ credentials: { accessKey: AK, secretKey: SK, securityToken: "sts-token-value" } }).listUsers();
    expectAllVerified();
    expect(server.seen[0]!.headers["x-security-token"]).toBe("sts-token-value");
    expect(server.seen[0]!.headers.authorization).toMatch(/SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,/);
  });

  it("concurrent page requests of a walk", async () => {
    await client().paginate.listUsers.all({}, { pageSize: 10, concurrency: 4 });
    expectAllVerified();
  });

  it("each retry, signed afresh with a new X-Sdk-Date", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-22T12:00:00Z"));
    // Each attempt reaches the server two seconds after the previous one.
    server.onRequest = () => vi.setSystemTime(Date.now() + 2000);
    server.failNext(503, 502);
    await expect(client().listUsers({ user_name: "root" })).resolves.toEqual({ total_num: 0, data_list: [] });
    expectAllVerified();
    const dates = server.seen.map((request) => request.headers["x-sdk-date"]);
    expect(dates).toEqual(["20261122T120000Z", "20261122T120002Z", "20261122T120004Z"]);
    const signatures = server.seen.map((request) => /Signature=(\w+)/.exec(request.headers.authorization!)![1]);
    expect(new Set(signatures).size).toBe(3);
  });
});

describe("the verifier refuses", () => {
  it("a wrong secret key, which the client reports as HssAuthenticationError", async () => {
    const error = await client({ credentials: { accessKey: AK, secretKey: "not-the-secret" } })
      .listUsers()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssAuthenticationError);
    expect((error as Error).message).toContain("signature mismatch");
    expect(server.seen[0]!.verdict).toEqual({ ok: false, reason: "signature mismatch" });
  });
});
