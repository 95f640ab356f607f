// How the operation methods reach fetch, on their one request path. Without middleware they call
// the global fetch with the URL string and a plain init, and build no Request; that URL must be
// the one `hss.raw` (openapi-fetch itself) sends for the same parameters. With middleware the
// Request the middleware shaped is sent, and the middleware follows openapi-fetch's rules. Either
// way, a call leaves no timer or listener behind.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HssApiError, HssTimeoutError, createHssClient, type HssClientOptions, type Middleware } from "../src/index.js";
import { json } from "./helpers/fake-fetch.js";

const BASE = "https://hss.cn-north-4.myhuaweicloud.com";
const PAGE = { total_num: 0, data_list: [] };

interface Seen {
  input: string | Request;
  init: RequestInit | undefined;
  /** The request as fetch builds it from input and init: what goes on the wire. */
  request: Request;
}

/** Stubs the global fetch, which the client uses when given none, and records its calls. */
function stubFetch(respond: (request: Request, index: number) => Response | Promise<Response> = () => json(200, PAGE)) {
  const seen: Seen[] = [];
  vi.stubGlobal("fetch", async (input: string | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({ input, init, request });
    return respond(request, seen.length - 1);
  });
  return seen;
}

function client(options: HssClientOptions = {}) {
  return createHssClient({
    region: "cn-north-4",
    projectId: "proj-1",
    credentials: { token: "iam-token-value-123" },
    retryDelay: { initialMs: 0, maxMs: 0 },
    ...options,
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("a call without middleware", () => {
  it("calls the global fetch with the URL string and a plain init: no Request is built", async () => {
    const seen = stubFetch();
    await client().listPorts({ host_id: "h1", limit: 10 });
    expect(seen).toHaveLength(1);
    const [{ input, init }] = seen as [Seen];
    expect(input).toBe(`${BASE}/v5/proj-1/asset/ports?host_id=h1&limit=10`);
    expect(Object.keys(init!).sort()).toEqual(["headers", "method", "redirect", "signal"]);
    expect(init!.redirect).toBe("manual");
    expect(init!.method).toBe("GET");
    expect(init!.headers).toEqual({ "x-auth-token": "iam-token-value-123" });
    expect(init!.signal).toBeInstanceOf(AbortSignal);
  });

  it("sends header parameters as openapi-fetch would, lower-cased", async () => {
    const seen = stubFetch();
    await client().listLocalImageHosts({ image_name: "nginx" });
    expect(seen[0]!.init!.headers).toEqual({ region: "cn-north-4", "x-auth-token": "iam-token-value-123" });
  });

  it("refuses a header value that Headers refuses with HssValidationError, validation off or not, without sending", async () => {
    const seen = stubFetch();
    await expect(client({ validate: false }).listLocalImageHosts({ region: "cn\nnorth" })).rejects.toThrow(
      'listLocalImageHosts: region must be a header value of printable ASCII (no line break, control character or character beyond ASCII); got "cn\\nnorth".',
    );
    expect(seen).toHaveLength(0);
  });

  it("signs with AK/SK on every attempt, each with a fresh date, over the exact URL sent", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-22T12:00:00Z"));
    const seen = stubFetch((_, index) => {
      vi.setSystemTime(Date.now() + 1000);
      return json(index === 0 ? 503 : 200, PAGE);
    });
    const hss = client({ credentials: { accessKey: "AK-1", secretKey: "secret-key-value-1" } });
    await hss.listUsers({ user_name: "a b" });
    expect(seen).toHaveLength(2);
    const headers = seen.map(({ init }) => init!.headers as Record<string, string>);
    expect(headers.map((sent) => sent["x-sdk-date"])).toEqual(["20261122T120000Z", "20261122T120001Z"]);
    expect(headers[0]!.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AK-1, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(headers[0]!.authorization).not.toBe(headers[1]!.authorization);
    expect(seen.every(({ input }) => input === `${BASE}/v5/proj-1/asset/users?user_name=a%20b`)).toBe(true);
  });

  it("reads a 200 streamed without a length", async () => {
    stubFetch(() => new Response(new Blob(['{"total_num":3,', '"data_list":[]}']).stream(), { status: 200 }));
    await expect(client().listUsers()).resolves.toEqual({ total_num: 3, data_list: [] });
  });

  it.each([
    ["with Content-Length 0", () => new Response(null, { status: 200, headers: { "Content-Length": "0" } })],
    ["streamed without a length", () => new Response(new ReadableStream({ start: (c) => c.close() }), { status: 200 })],
  ])("refuses an empty 200 %s: the spec gives a page", async (_name, respond) => {
    stubFetch(respond);
    await expect(client().listUsers()).rejects.toThrow(
      "listUsers (GET https://hss.cn-north-4.myhuaweicloud.com/v5/proj-1/asset/users) got an HTTP 200 response that cannot be used: its body is not JSON (Content-Type none; it is empty).",
    );
  });
});

describe("a call's URL is byte for byte hss.raw's", () => {
  const TRICKY = ["web server 01", "名前-é-😀", "!'()*~", "a&b=c+d/e?f#g%h", "1+1 %41", " "];

  it.each(TRICKY)("query and path values %j", async (value) => {
    const seen = stubFetch();
    const hss = client();
    await hss.listVulScanTaskHost({ task_id: value, scan_status: "failed" });
    await hss.raw.GET("/v5/{project_id}/vulnerability/scan-task/{task_id}/hosts", {
      params: { path: { task_id: value }, query: { scan_status: "failed" } },
    });
    await hss.listUsers({ user_name: value, host_name: value });
    await hss.raw.GET("/v5/{project_id}/asset/users", { params: { query: { user_name: value, host_name: value } } });
    const [direct, raw, directQuery, rawQuery] = seen as [Seen, Seen, Seen, Seen];
    // The methods hand fetch the string openapi-fetch builds; hss.raw hands it openapi-fetch's
    // Request, which holds that string as the URL parser normalizes it (a quote becomes %27).
    expect(typeof direct.input).toBe("string");
    expect(raw.input).toBeInstanceOf(Request);
    expect(new URL(direct.input as string).href).toBe((raw.input as Request).url);
    expect(direct.request.url).toBe(raw.request.url);
    expect(directQuery.request.url).toBe(rawQuery.request.url);
    if (!value.includes("'")) expect(directQuery.input).toBe((rawQuery.input as Request).url);
    expect(new URL(directQuery.request.url).searchParams.get("user_name")).toBe(value);
  });

  it("with validation off: arrays, unknown names and odd keys", async () => {
    const seen = stubFetch();
    const hss = client({ validate: false });
    const query = { user_group: ["wheel", "a b"], "odd key?": "x#y", empty: [], nothing: null };
    await hss.listUsers(query as never);
    await hss.raw.GET("/v5/{project_id}/asset/users", { params: { query: query as never } });
    expect(seen[0]!.request.url).toBe(seen[1]!.request.url);
    expect(seen[0]!.request.url).toBe(`${BASE}/v5/proj-1/asset/users?user_group=wheel&user_group=a%20b&odd%20key?=x%23y`);
  });

  it("with a base URL that has a path", async () => {
    const seen = stubFetch();
    const hss = client({ baseUrl: "http://127.0.0.1:8080/hss/" });
    await hss.listPorts({ host_id: "h" });
    await hss.raw.GET("/v5/{project_id}/asset/ports", { params: { query: { host_id: "h" } } });
    expect(seen[0]!.input).toBe("http://127.0.0.1:8080/hss/v5/proj-1/asset/ports?host_id=h");
    expect(seen[1]!.request.url).toBe(seen[0]!.input);
  });
});

describe("a call with middleware", () => {
  const trace: Middleware = {
    onRequest({ request }) {
      request.headers.set("X-Trace-Id", "trace-1");
      return request;
    },
  };

  it("hands fetch the Request the middleware shaped, then authenticated", async () => {
    const seen = stubFetch();
    await client({ middleware: [trace] }).listUsers({ user_name: "root" });
    expect(seen[0]!.input).toBeInstanceOf(Request);
    expect(seen[0]!.request.url).toBe(`${BASE}/v5/proj-1/asset/users?user_name=root`);
    expect(seen[0]!.request.headers.get("x-trace-id")).toBe("trace-1");
    expect(seen[0]!.request.headers.get("x-auth-token")).toBe("iam-token-value-123");
  });

  it("runs middleware added through hss.raw.use on every later call, until it is ejected", async () => {
    const seen = stubFetch();
    const hss = client();
    await hss.listUsers();
    hss.raw.use(trace);
    await hss.listUsers();
    await hss.raw.GET("/v5/{project_id}/asset/users");
    hss.raw.eject(trace);
    await hss.listUsers();
    expect(typeof seen[0]!.input).toBe("string");
    expect(seen.slice(1, 3).map(({ request }) => request.headers.get("x-trace-id"))).toEqual(["trace-1", "trace-1"]);
    expect(seen[3]!.request.headers.get("x-trace-id")).toBeNull();
  });

  it("lets onRequest answer in place of the server, and sends nothing", async () => {
    const seen = stubFetch();
    const cached: Middleware = { onRequest: () => json(200, { total_num: 3, data_list: [] }) };
    await expect(client({ middleware: [cached] }).listUsers()).resolves.toEqual({ total_num: 3, data_list: [] });
    expect(seen).toHaveLength(0);
  });

  it("lets onError answer for a request that failed, and runs onResponse on that answer, last middleware first", async () => {
    stubFetch(() => Promise.reject(new TypeError("fetch failed")));
    const order: string[] = [];
    const fallback: Middleware = { onError: () => json(200, { total_num: 0, data_list: [] }) };
    const tag = (name: string): Middleware => ({ onRequest: () => void order.push(`request ${name}`), onResponse: () => void order.push(`response ${name}`) });
    await expect(client({ maxRetries: 0, middleware: [tag("a"), fallback, tag("b")] }).listUsers()).resolves.toEqual({ total_num: 0, data_list: [] });
    expect(order).toEqual(["request a", "request b", "response b", "response a"]);
  });

  it("rethrows the failure, as a typed error, when no onError answers", async () => {
    stubFetch(() => Promise.reject(new TypeError("fetch failed")));
    const error = await client({ maxRetries: 0, middleware: [trace] }).listUsers().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "HssNetworkError" });
  });

  it("refuses a hook that answers with something other than a Request or Response", async () => {
    stubFetch();
    const wrong = { onRequest: () => "no" } as unknown as Middleware;
    await expect(client({ middleware: [wrong] }).listUsers()).rejects.toThrow("onRequest: must return new Request() or Response()");
  });

  it("an empty middleware list builds no Request", async () => {
    const seen = stubFetch();
    await client({ middleware: [] }).listUsers();
    expect(typeof seen[0]!.input).toBe("string");
  });

  it("reads the response the middleware answers with, 200 or error", async () => {
    stubFetch(() => json(200, PAGE));
    const replace = (status: number, body: unknown): Middleware => ({ onResponse: () => json(status, body) });
    await expect(client({ middleware: [replace(200, { total_num: 7, data_list: [] })] }).listUsers()).resolves.toEqual({
      total_num: 7,
      data_list: [],
    });
    const error = await client({ middleware: [replace(404, { error_code: "HSS.0404" })] })
      .listUsers()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssApiError);
    expect(error).toMatchObject({ status: 404, errorCode: "HSS.0404", url: `${BASE}/v5/proj-1/asset/users` });
  });
});

describe("a call cleans up after itself", () => {
  it.each([
    ["direct", {}],
    ["middleware", { middleware: [{ onRequest: () => undefined }] }],
  ])("%s: the caller's signal is unhooked and the timer cleared, on success and on failure", async (_path, options) => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let status = 200;
    stubFetch(() => json(status, PAGE));
    const hss = client({ maxRetries: 0, ...(options as HssClientOptions) });
    const controller = new AbortController();
    await hss.listUsers({}, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    status = 500;
    await expect(hss.listUsers({}, { signal: controller.signal })).rejects.toBeInstanceOf(HssApiError);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the timeout still aborts the request in flight", async () => {
    vi.useFakeTimers();
    const seen = stubFetch(
      (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
    );
    const outcome = client({ timeout: 1000 })
      .listUsers()
      .catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await outcome;
    expect(error).toBeInstanceOf(HssTimeoutError);
    expect((error as Error).message).toBe(`listUsers (GET ${BASE}/v5/proj-1/asset/users) timed out after 1000 ms.`);
    expect(seen[0]!.init!.signal!.aborted).toBe(true);
  });
});
