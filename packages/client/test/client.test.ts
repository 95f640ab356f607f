// The client through a fake fetch: URLs, parameters, headers, results and errors, without a server.
import { loadModel } from "@hss-kit/spec";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  HSS_REGIONS,
  HssApiError,
  HssAuthenticationError,
  HssConfigurationError,
  HssError,
  HssInvalidRequestError,
  HssNetworkError,
  HssNotFoundError,
  HssPermissionError,
  HssRateLimitError,
  HssServerError,
  HssTimeoutError,
  HssValidationError,
  createHssClient,
  operations,
  type HssClientOptions,
  type Middleware,
} from "../src/index.js";
import { fakeFetch, json, queryOf, type Responder } from "./helpers/fake-fetch.js";

const BASE = "https://hss.cn-north-4.myhuaweicloud.com";
const PAGE = { total_num: 1, data_list: [{ port: 22 }] };

function client(respond?: Responder, options: HssClientOptions = {}) {
  const fake = fakeFetch(respond);
  const hss = createHssClient({
    region: "cn-north-4",
    projectId: "proj-1",
    credentials: { token: "iam-token-value-123" },
    retryDelay: { initialMs: 0, maxMs: 0 },
    fetch: fake.fetch,
    ...options,
  });
  return { hss, requests: fake.requests };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe("operation methods", () => {
  it("exist for exactly the operationIds of the bundled spec, driven by the generated table", () => {
    const ids = loadModel().operations.map((operation) => operation.id);
    const { hss } = client();
    expect(Object.keys(operations).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(typeof hss[id as keyof typeof operations]).toBe("function");
  });

  it("listPorts sends a GET with the project, the query and the token, and resolves to the 200 body", async () => {
    const { hss, requests } = client(() => json(200, PAGE));
    await expect(hss.listPorts({ host_id: "h1", limit: 50 })).resolves.toEqual(PAGE);
    const [request] = requests;
    expect(request!.method).toBe("GET");
    expect(request!.url).toBe(`${BASE}/v5/proj-1/asset/ports?host_id=h1&limit=50`);
    expect(request!.headers.get("X-Auth-Token")).toBe("iam-token-value-123");
  });

  it("puts task_id in the path, encoded, and not in the query", async () => {
    const { hss, requests } = client();
    await hss.listVulScanTaskHost({ task_id: "task 1/2", scan_status: "failed" });
    expect(requests[0]!.url).toBe(`${BASE}/v5/proj-1/vulnerability/scan-task/task%201%2F2/hosts?scan_status=failed`);
  });

  it("sends the client's region as the region header, unless the call names one", async () => {
    const { hss, requests } = client();
    await hss.listLocalImageHosts({ image_name: "nginx" });
    await hss.listLocalImageHosts({ region: "ap-southeast-1" });
    expect(requests.map((request) => request.headers.get("region"))).toEqual(["cn-north-4", "ap-southeast-1"]);
    expect(queryOf(requests[0]!)).toEqual([["image_name", "nginx"]]);
  });

  it("takes no parameters for operations that need none", async () => {
    const { hss, requests } = client();
    await hss.listUsers();
    await hss.listProcessesHost();
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/v5/proj-1/asset/users",
      "/v5/proj-1/asset/processes/detail",
    ]);
  });

  it("encodes query values with spaces, unicode and reserved characters", async () => {
    const { hss, requests } = client();
    await hss.listUsers({ user_name: "a b", host_name: "名前!'()*~" });
    expect(Object.fromEntries(queryOf(requests[0]!))).toEqual({ user_name: "a b", host_name: "名前!'()*~" });
  });
});

describe("errors from HSS", () => {
  it.each([
    [400, HssInvalidRequestError],
    [401, HssAuthenticationError],
    [403, HssPermissionError],
    [404, HssNotFoundError],
    [405, HssApiError],
    [429, HssRateLimitError],
    [500, HssServerError],
    [503, HssServerError],
  ])("HTTP %i rejects with %o", async (status, type) => {
    const { hss } = client(() => json(status, { error_code: "HSS.0001", error_msg: "Invalid request parameter." }), {
      maxRetries: 0,
    });
    const error = await rejection(hss.listPorts({ host_id: "h1" }));
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(HssApiError);
    expect(error).toBeInstanceOf(HssError);
  });

  it("a 403 is also an authentication error", async () => {
    const { hss } = client(() => json(403, {}));
    expect(await rejection(hss.listUsers())).toBeInstanceOf(HssAuthenticationError);
  });

  it("carries status, error code and message, request id, operation, method and URL", async () => {
    const { hss } = client(() =>
      json(404, { error_code: "APIGW.0101", error_msg: "The API does not exist." }, { "X-Request-Id": "req-42" }),
    );
    const error = (await rejection(hss.listPorts({ host_id: "h1" }))) as HssApiError;
    expect(error).toMatchObject({
      name: "HssNotFoundError",
      status: 404,
      errorCode: "APIGW.0101",
      errorMsg: "The API does not exist.",
      requestId: "req-42",
      operationId: "listPorts",
      method: "GET",
      url: `${BASE}/v5/proj-1/asset/ports?host_id=h1`,
    });
    expect(error.message).toBe(
      `listPorts (GET ${BASE}/v5/proj-1/asset/ports?host_id=h1) failed with HTTP 404 APIGW.0101 "The API does not exist." (request id req-42).`,
    );
  });

  it("takes the body's request_id when the header is absent", async () => {
    const { hss } = client(() => json(401, { error_code: "APIGW.0301", error_msg: "Bad token", request_id: "body-id" }));
    expect(await rejection(hss.listUsers())).toMatchObject({ requestId: "body-id" });
  });

  it("copes with a body that is not HSS's JSON", async () => {
    const { hss } = client(() => new Response("<html>Bad Gateway</html>", { status: 502 }), { maxRetries: 0 });
    const error = (await rejection(hss.listUsers())) as HssApiError;
    expect(error).toBeInstanceOf(HssServerError);
    expect(error.errorCode).toBeUndefined();
    expect(error.message).toBe(`listUsers (GET ${BASE}/v5/proj-1/asset/users) failed with HTTP 502.`);
  });

  it("treats any status but 200 as an error, 2xx included", async () => {
    const { hss } = client(() => new Response(null, { status: 204 }));
    expect(await rejection(hss.listUsers())).toMatchObject({ name: "HssApiError", status: 204 });
  });

  it("a 429 reports Retry-After once retries are spent", async () => {
    const { hss, requests } = client(() => json(429, {}, { "Retry-After": "0" }));
    const error = (await rejection(hss.listUsers())) as HssRateLimitError;
    expect(requests).toHaveLength(3);
    expect(error.retryAfterMs).toBe(0);
  });
});

describe("retries through the client", () => {
  it("retries a 503 and resolves to the later 200", async () => {
    const { hss, requests } = client((_, index) => (index === 0 ? json(503, {}) : json(200, PAGE)));
    await expect(hss.listPorts({ host_id: "h1" })).resolves.toEqual(PAGE);
    expect(requests).toHaveLength(2);
  });

  it("uses maxRetries from the call over the client's", async () => {
    const { hss, requests } = client(() => json(500, {}), { maxRetries: 5 });
    await rejection(hss.listUsers({}, { maxRetries: 1 }));
    expect(requests).toHaveLength(2);
  });

  it("reports a connection failure as HssNetworkError after the retries", async () => {
    const { hss, requests } = client(() => {
      throw new TypeError("fetch failed");
    });
    const error = await rejection(hss.listUsers());
    expect(error).toBeInstanceOf(HssNetworkError);
    expect(requests).toHaveLength(3);
  });
});

describe("timeout and abort", () => {
  const hang: Responder = (request) =>
    new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));

  it("a call that outlasts its timeout rejects with HssTimeoutError", async () => {
    vi.useFakeTimers();
    const { hss } = client(hang, { timeout: 2000 });
    const outcome = rejection(hss.listPorts({ host_id: "h1" }));
    await vi.advanceTimersByTimeAsync(2000);
    const error = await outcome;
    expect(error).toBeInstanceOf(HssTimeoutError);
    expect(error.message).toBe(`listPorts (GET ${BASE}/v5/proj-1/asset/ports?host_id=h1) timed out after 2000 ms.`);
  });

  it("skips a backoff that would outlast the timeout, failing at once with the last answer", async () => {
    const { hss, requests } = client(() => json(429, {}, { "Retry-After": "20" }), {
      timeout: 5000,
      retryDelay: { initialMs: 0, maxMs: 60_000 },
    });
    const started = Date.now();
    const error = await rejection(hss.listUsers());
    expect(error).toBeInstanceOf(HssRateLimitError);
    expect((error as HssRateLimitError).retryAfterMs).toBe(20_000);
    expect(requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("a per-call timeout overrides the client's", async () => {
    vi.useFakeTimers();
    const { hss } = client(hang, { timeout: 60_000 });
    const outcome = rejection(hss.listUsers({}, { timeout: 10 }));
    await vi.advanceTimersByTimeAsync(10);
    expect(await outcome).toMatchObject({ name: "HssTimeoutError", timeoutMs: 10 });
  });

  it("the caller's AbortSignal cancels the request in flight with the signal's reason", async () => {
    const { hss, requests } = client(hang);
    const controller = new AbortController();
    const outcome = rejection(hss.listUsers({}, { signal: controller.signal }));
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    const error = await outcome;
    expect(error.name).toBe("AbortError");
    expect(requests[0]!.signal.aborted).toBe(true);
  });

  it("an aborted signal cancels a pending backoff; no further attempt is made", async () => {
    const { hss, requests } = client(() => json(503, {}, { "Retry-After": "60" }), {
      timeout: 120_000,
      retryDelay: { initialMs: 0, maxMs: 60_000 },
    });
    const controller = new AbortController();
    const outcome = rejection(hss.listUsers({}, { signal: controller.signal }));
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort(new Error("stop"));
    expect((await outcome).message).toBe("stop");
    expect(requests).toHaveLength(1);
  });
});

describe("validation before sending", () => {
  it.each([
    [{}, "listPorts: host_id is required and must be a string of at most 128 characters."],
    [{ host_id: "h", limit: 5 }, "listPorts: limit must be an integer from 10 to 200; got 5."],
    [{ host_id: "h", type: "ICMP" }, 'listPorts: type must be one of "TCP", "UDP"; got "ICMP".'],
    [{ host_id: "h", hostname: "x" }, 'listPorts: hostname is not a parameter of listPorts (its value is not shown)'],
  ])("refuses %j without a request", async (params, message) => {
    const { hss, requests } = client();
    const error = await rejection(hss.listPorts(params as never));
    expect(error).toBeInstanceOf(HssValidationError);
    expect(error.message).toContain(message);
    expect(requests).toHaveLength(0);
  });

  it("refuses listVulScanTaskHost without task_id", async () => {
    const { hss, requests } = client();
    await expect(hss.listVulScanTaskHost({} as never)).rejects.toThrow(
      "listVulScanTaskHost: task_id is required and must be a string from 1 to 256 characters.",
    );
    expect(requests).toHaveLength(0);
  });

  it("refuses listLocalImageHosts without a region when the client has none", async () => {
    const { hss } = client(undefined, { region: undefined, baseUrl: "http://127.0.0.1:1" });
    await expect(hss.listLocalImageHosts()).rejects.toThrow("listLocalImageHosts: region is required and must be a string.");
  });

  it("with validate: false, sends invalid and unknown parameters as given", async () => {
    const { hss, requests } = client(() => json(400, { error_code: "HSS.0001" }), { validate: false });
    const error = await rejection(hss.listPorts({ limit: 5000, type: "ICMP", extra: "x y" } as never));
    expect(error).toBeInstanceOf(HssInvalidRequestError);
    expect(queryOf(requests[0]!)).toEqual([
      ["limit", "5000"],
      ["type", "ICMP"],
      ["extra", "x y"],
    ]);
  });

  it.each([true, false])("refuses a task_id of .. with validate: %s, before any request", async (validate) => {
    const { hss, requests } = client(undefined, { validate });
    const error = await rejection(hss.listVulScanTaskHost({ task_id: ".." }));
    expect(error).toBeInstanceOf(HssValidationError);
    expect(requests).toHaveLength(0);
  });

  it.each([".", ".."])("refuses a projectId of %j at construction", (projectId) => {
    expect(() => client(undefined, { projectId })).toThrow(
      `projectId must be a path segment other than "." and ".." (URL normalisation would send the request to another endpoint); got ${JSON.stringify(projectId)}.`,
    );
  });

  it("still refuses params that are not an object, validation or not", async () => {
    const { hss } = client(undefined, { validate: false });
    await expect(hss.listPorts("h1" as never)).rejects.toThrow('listPorts: params must be an object of parameters; got "h1".');
  });
});

describe("middleware and raw", () => {
  it("runs the caller's middleware before authentication, so it never sees the token", async () => {
    const seen: Array<string | null> = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push(request.headers.get("X-Auth-Token"));
        request.headers.set("X-Trace-Id", "trace-1");
        return request;
      },
      onResponse({ response }) {
        seen.push(String(response.status));
        return undefined;
      },
    };
    const { hss, requests } = client(() => json(200, PAGE), { middleware: [middleware] });
    await hss.listUsers();
    expect(seen).toEqual([null, "200"]);
    expect(requests[0]!.headers.get("X-Trace-Id")).toBe("trace-1");
    expect(requests[0]!.headers.get("X-Auth-Token")).toBe("iam-token-value-123");
  });

  it("hss.raw answers { data, error, response } and is authenticated and retried like the methods", async () => {
    const { hss, requests } = client((_, index) => (index === 0 ? json(503, {}) : json(404, { error_code: "HSS.0011" })));
    const { data, error, response } = await hss.raw.GET("/v5/{project_id}/asset/ports", {
      params: { query: { host_id: "h1" } },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ error_code: "HSS.0011" });
    expect(response.status).toBe(404);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.headers.get("X-Auth-Token")).toBe("iam-token-value-123");
    expect(requests[1]!.url).toBe(`${BASE}/v5/proj-1/asset/ports?host_id=h1`);
  });
});

describe("construction", () => {
  it.each([
    ["cn-north-4", "https://hss.cn-north-4.myhuaweicloud.com"],
    ["ap-southeast-3", "https://hss.ap-southeast-3.myhuaweicloud.com"],
    ["eu-west-101", "https://hss.eu-west-101.myhuaweicloud.eu"],
  ])("region %s resolves to %s", async (region, endpoint) => {
    const { hss, requests } = client(undefined, { region });
    await hss.listUsers();
    expect(requests[0]!.url).toBe(`${endpoint}/v5/proj-1/asset/users`);
  });

  it("baseUrl overrides the region's endpoint", async () => {
    const { hss, requests } = client(undefined, { baseUrl: "http://127.0.0.1:8080/hss/" });
    await hss.listUsers();
    expect(requests[0]!.url).toBe("http://127.0.0.1:8080/hss/v5/proj-1/asset/users");
  });

  it("refuses an unknown region, listing the known ones", () => {
    expect(() => client(undefined, { region: "mars-north-1" })).toThrow(HssConfigurationError);
    expect(() => client(undefined, { region: "mars-north-1" })).toThrow(
      `region must be one of the HSS regions (${HSS_REGIONS.join(", ")}), or pass baseUrl; got "mars-north-1".`,
    );
  });

  it("the known regions are the spec's servers", () => {
    const fromSpec = loadModel().servers.flatMap((server) => server.variables.region?.enum ?? [/hss\.([^.]+)\./.exec(server.url)![1]!]);
    expect([...HSS_REGIONS].sort()).toEqual(fromSpec.sort());
  });

  it.each<[HssClientOptions, string]>([
    [{ region: undefined }, "No endpoint: pass region (such as cn-north-4) or baseUrl."],
    [{ baseUrl: "hss.example.com" }, 'baseUrl must be an absolute URL such as https://hss.cn-north-4.myhuaweicloud.com; got "hss.example.com".'],
    [{ maxRetries: -1 }, "maxRetries must be an integer from 0 to 2147483647; got -1."],
    [{ timeout: 0 }, "timeout must be an integer from 1 to 2147483647; got 0."],
    [{ retryDelay: { initialMs: 100, maxMs: 10 } }, "retryDelay.maxMs must be at least retryDelay.initialMs (100); got 10."],
    [{ validate: "no" as never }, 'validate must be true or false; got "no".'],
    [{ projectId: "" }, 'projectId must be a string from 1 to 256 characters (the spec\'s project_id); got "".'],
  ])("refuses %j with a clear error", (options, message) => {
    expect(() => client(undefined, options)).toThrow(new HssConfigurationError(message));
  });

  it("refuses an unknown option by name, without showing its value (it may be a credential)", () => {
    const attempt = () => client(undefined, { token: "misplaced-token-value" } as never);
    expect(attempt).toThrow(
      new HssConfigurationError(
        "createHssClient has no option token; the options are region, baseUrl, projectId, iamEndpoint, credentials, validate, maxRetries, retryDelay, timeout, maxResponseBytes, middleware, fetch.",
      ),
    );
    expect(() => client(undefined, { retryDelay: { initial: 5 } as never })).toThrow(
      "retryDelay has no option initial; the options are initialMs, maxMs.",
    );
  });

  it("refuses an unknown per-call option", async () => {
    const { hss, requests } = client();
    await expect(hss.listUsers({}, { timeOut: 5 } as never)).rejects.toThrow(
      "listUsers has no option timeOut; the options are signal, timeout, maxRetries.",
    );
    await expect(hss.paginate.listUsers.all({}, { page_size: 5 } as never)).rejects.toThrow(
      "paginate.listUsers has no option page_size; the options are pageSize, maxItems, concurrency, signal, timeout, maxRetries.",
    );
    expect(requests).toHaveLength(0);
  });

  it("refuses a bad per-call option", async () => {
    const { hss } = client();
    await expect(hss.listUsers({}, { timeout: -5 })).rejects.toThrow("timeout must be an integer from 1 to 2147483647; got -5.");
  });
});
