// `send`, the client's one way to the network, through a fake fetch: the retry loop, what each
// attempt hands to fetch, cancellation, and the event of every attempt, response, wait and
// failure. Fake timers and a fixed Math.random, so every wait is known exactly and none is real.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resolveConfig, type HssClientOptions } from "../src/config.js";
import { HssNetworkError, HssTimeoutError } from "../src/errors.js";
import type { HssClientEvent } from "../src/events.js";
import { createSend, type SendSettings } from "../src/send.js";
import { json } from "./helpers/fake-fetch.js";

const URL_ = "https://hss.cn-north-4.myhuaweicloud.com/v5/p/asset/ports?host_id=h1";
const TOKEN = "secret-token-value";

function harness(respond: (request: Request) => Response | Promise<Response>, options: HssClientOptions = {}) {
  const events: HssClientEvent[] = [];
  const sent: Request[] = [];
  const config = resolveConfig({
    baseUrl: "https://hss.cn-north-4.myhuaweicloud.com",
    projectId: "p",
    credentials: { token: TOKEN },
    logLevel: "off",
    // The retry loop on its own: the request budget's slots and 429 waits are rate-limit.test.ts's.
    rateLimit: false,
    fetch: async (request) => {
      sent.push(request);
      return respond(request);
    },
    onEvent: (event) => events.push(event),
    ...options,
  });
  const send = createSend(config, () => "p");
  return {
    events,
    sent,
    waits: () => events.flatMap((event) => (event.type === "wait" ? [event.waitMs] : [])),
    send: (request: Request = new Request(URL_), settings: Partial<SendSettings> = {}) =>
      settle(send(request, { operationId: "listPorts", attempts: 0, ...settings })),
  };
}

/** Runs the fake clock from timer to timer until the promise settles. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  promise.then(() => (settled = true), () => (settled = true));
  for (let i = 0; i < 20 && !settled; i++) {
    await Promise.resolve();
    if (!settled) await vi.advanceTimersToNextTimerAsync();
  }
  return promise;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2026, 0, 1));
  vi.spyOn(Math, "random").mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("retries", () => {
  it.each([429, 500, 502, 503, 504])("retries HTTP %i, then returns the success", async (status) => {
    const responses = [json(status, {}), json(200, { total_num: 0, data_list: [] })];
    const h = harness(() => responses.shift()!);
    expect((await h.send()).status).toBe(200);
    expect(h.sent).toHaveLength(2);
    expect(h.waits()).toEqual([250]);
  });

  it.each([400, 401, 403, 404, 501])("does not retry HTTP %i", async (status) => {
    const h = harness(() => json(status, {}));
    expect((await h.send()).status).toBe(status);
    expect(h.sent).toHaveLength(1);
  });

  it("stops after maxRetries and returns the last answer, backing off exponentially", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const h = harness(() => json(503, {}));
    expect((await h.send()).status).toBe(503);
    expect(h.sent).toHaveLength(3);
    expect(h.waits()).toEqual([499, 999]);
  });

  it("sends once with maxRetries 0", async () => {
    const h = harness(() => json(503, {}));
    await h.send(undefined, { maxRetries: 0 });
    expect(h.sent).toHaveLength(1);
  });

  it("honors Retry-After in seconds and as an HTTP date", async () => {
    const responses = [
      json(429, {}, { "Retry-After": "2" }),
      json(503, {}, { "Retry-After": new Date(Date.now() + 2000 + 4000).toUTCString() }),
      json(200, {}),
    ];
    const h = harness(() => responses.shift()!);
    await h.send();
    expect(h.waits()).toEqual([2000, 4000]);
  });

  it("caps a long Retry-After", async () => {
    const h = harness(() => json(429, {}, { "Retry-After": "3600" }));
    await h.send(undefined, { maxRetries: 1 });
    expect(h.waits()).toEqual([10_000]);
  });

  it("authenticates every attempt afresh", async () => {
    const h = harness(() => json(503, {}));
    await h.send();
    expect(h.sent.map((request) => request.headers.get("X-Auth-Token"))).toEqual([TOKEN, TOKEN, TOKEN]);
  });

  it("cancels the body of a response it retries, freeing the connection", async () => {
    const cancelled: number[] = [];
    let count = 0;
    const h = harness(() => {
      const index = count++;
      const body = new ReadableStream({ cancel: () => void cancelled.push(index) });
      return new Response(index < 2 ? body : "{}", { status: index < 2 ? 503 : 200 });
    });
    await h.send();
    expect(cancelled).toEqual([0, 1]);
  });

  it("retries a network error of a GET, then reports it as HssNetworkError with the attempts made", async () => {
    const h = harness(() => {
      throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    });
    const error = await h.send().catch((caught: unknown) => caught);
    expect(h.sent).toHaveLength(3);
    expect(error).toBeInstanceOf(HssNetworkError);
    expect(error).toMatchObject({ attempts: 3 });
    expect((error as Error).message).toBe(
      `listPorts (GET ${URL_}) got no response from HSS: fetch failed (connect ECONNREFUSED 127.0.0.1:9). (3 attempts)`,
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("does not resend a POST after a network error", async () => {
    const h = harness(() => {
      throw new TypeError("fetch failed");
    });
    await expect(h.send(new Request(URL_, { method: "POST" }))).rejects.toBeInstanceOf(HssNetworkError);
    expect(h.sent).toHaveLength(1);
  });

  it("gives up at once when the wait would outlast the call's deadline", async () => {
    const h = harness(() => json(429, {}, { "Retry-After": "5" }));
    expect((await h.send(undefined, { totalTimeoutMs: 4000 })).status).toBe(429);
    expect(h.sent).toHaveLength(1);
    expect(h.waits()).toEqual([]);
  });
});

describe("what each attempt hands to fetch", () => {
  it("the URL as it is, the method, the request's headers plus the credentials and the User-Agent", async () => {
    let count = 0;
    const h = harness(() => json(count++ === 0 ? 503 : 200, {}));
    await h.send(new Request(URL_, { headers: { "X-Trace-Id": "t1" } }));
    expect(h.sent.map((request) => [request.url, request.method, request.redirect, request.headers.get("x-trace-id"), request.headers.get("x-auth-token")])).toEqual([
      [URL_, "GET", "manual", "t1", TOKEN],
      [URL_, "GET", "manual", "t1", TOKEN],
    ]);
    expect(h.sent[0]!.headers.get("user-agent")).toMatch(/^hss-kit-client\/\d+\.\d+\.\d+\S* node\/\d+\.\d+\.\d+$/);
  });

  it("a body is read once and sent, the same bytes, with every attempt", async () => {
    const bodies: string[] = [];
    const h = harness(async (request) => {
      bodies.push(await request.text());
      return json(bodies.length === 1 ? 503 : 200, {});
    });
    await h.send(new Request(URL_, { method: "PUT", body: "payload é" }));
    expect(bodies).toEqual(["payload é", "payload é"]);
  });

  it("the userAgent option in place of the default", async () => {
    const h = harness(() => json(200, {}), { userAgent: "inventory-sync/2.1" });
    await h.send();
    expect(h.sent[0]!.headers.get("user-agent")).toBe("inventory-sync/2.1");
  });
});

describe("events", () => {
  it("one per attempt, response, wait and failure, in order, the URL redacted", async () => {
    const responses = [json(503, {}, { "X-Request-Id": "r1" }), json(200, {}, { "X-Request-Id": "r2" })];
    const h = harness(() => responses.shift()!);
    await h.send(new Request(`${URL_}&token=${TOKEN}`));
    const url = `${URL_}&token=%5BREDACTED%5D`;
    expect(h.events.map((event) => ({ ...event, ...("durationMs" in event ? { durationMs: 0 } : {}) }))).toEqual([
      { type: "request", operationId: "listPorts", method: "GET", url, attempt: 1 },
      { type: "response", operationId: "listPorts", method: "GET", url, attempt: 1, status: 503, requestId: "r1", durationMs: 0 },
      { type: "wait", operationId: "listPorts", attempt: 2, waitMs: 250, reason: "retry" },
      { type: "request", operationId: "listPorts", method: "GET", url, attempt: 2 },
      { type: "response", operationId: "listPorts", method: "GET", url, attempt: 2, status: 200, requestId: "r2", durationMs: 0 },
    ]);
  });

  it("a failed attempt is an error event with the typed error", async () => {
    const h = harness(() => {
      throw new TypeError("fetch failed");
    });
    await h.send(undefined, { maxRetries: 1 }).catch(() => undefined);
    expect(h.events.map((event) => [event.type, event.attempt, event.type === "error" ? event.error.name : undefined])).toEqual([
      ["request", 1, undefined],
      ["error", 1, "HssNetworkError"],
      ["wait", 2, undefined],
      ["request", 2, undefined],
      ["error", 2, "HssNetworkError"],
    ]);
  });
});

describe("cancellation", () => {
  it("an abort during the backoff stops the wait and every later attempt", async () => {
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const h = harness(() => {
      queueMicrotask(() => controller.abort(reason));
      return json(503, {});
    });
    await expect(h.send(new Request(URL_, { signal: controller.signal }))).rejects.toBe(reason);
    expect(h.sent).toHaveLength(1);
  });

  it("an already aborted call sends nothing", async () => {
    const controller = new AbortController();
    controller.abort(new Error("early"));
    const h = harness(() => json(200, {}));
    await expect(h.send(new Request(URL_, { signal: controller.signal }))).rejects.toThrow("early");
    expect(h.sent).toHaveLength(0);
  });

  it("the timeout aborts the request in flight with HssTimeoutError, and is not retried", async () => {
    const h = harness((request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))));
    await expect(h.send(undefined, { timeoutMs: 1000 })).rejects.toThrow(HssTimeoutError);
    expect(h.sent).toHaveLength(1);
    expect(h.events.at(-1)).toMatchObject({ type: "error", attempt: 1, error: { name: "HssTimeoutError", attempts: 1 } });
  });
});
