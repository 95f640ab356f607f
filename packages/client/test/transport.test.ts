// The transport's retry loop, driven with an injected clock, randomness and sleep so every wait
// is known exactly and no test waits for real.
import { describe, expect, it, vi } from "vitest";
import { openCallScope, sleep as realSleep, type CallScope, type Sleep } from "../src/abort.js";
import { HssNetworkError, HssTimeoutError } from "../src/errors.js";
import { createRedactor } from "../src/redact.js";
import { createTransport, type Authorize, type FetchLike } from "../src/transport.js";
import { json } from "./helpers/fake-fetch.js";

const URL_ = "https://hss.cn-north-4.myhuaweicloud.com/v5/p/asset/ports?host_id=h1";

interface Harness {
  send: (options?: { maxRetries?: number; scope?: CallScope; method?: string }) => Promise<Response>;
  waits: number[];
  authorized: Request[];
  sent: Request[];
}

function harness(fetch: FetchLike, options: { random?: number; clock?: { now: number }; sleep?: Sleep } = {}): Harness {
  const waits: number[] = [];
  const authorized: Request[] = [];
  const sent: Request[] = [];
  const clock = options.clock ?? { now: 1_000_000 };
  const authorize: Authorize = async (request) => {
    authorized.push(request);
    const headers = new Headers(request.headers);
    headers.set("X-Attempt", String(authorized.length));
    return new Request(request, { headers });
  };
  const transport = createTransport({
    fetch: (request) => {
      sent.push(request);
      return fetch(request);
    },
    authorize,
    policy: { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10_000 },
    redactor: createRedactor(["secret-token-value"]),
    random: () => options.random ?? 0.5,
    now: () => clock.now,
    sleep:
      options.sleep ??
      (async (ms) => {
        waits.push(ms);
        clock.now += ms;
      }),
  });
  return {
    waits,
    authorized,
    sent,
    send: ({ maxRetries = 2, scope, method = "GET" } = {}) =>
      transport.send(new Request(URL_, { method }), {
        scope: scope ?? { signal: new AbortController().signal, deadline: clock.now + 30_000, dispose() {} },
        operationId: "listPorts",
        maxRetries,
      }),
  };
}

describe("transport retries", () => {
  it.each([429, 500, 502, 503, 504])("retries HTTP %i, then returns the success", async (status) => {
    const responses = [json(status, {}), json(200, { total_num: 0, data_list: [] })];
    const h = harness(async () => responses.shift()!);
    const response = await h.send();
    expect(response.status).toBe(200);
    expect(h.sent).toHaveLength(2);
    expect(h.waits).toEqual([250]);
  });

  it.each([400, 401, 403, 404, 501])("does not retry HTTP %i", async (status) => {
    const h = harness(async () => json(status, {}));
    expect((await h.send()).status).toBe(status);
    expect(h.sent).toHaveLength(1);
  });

  it("stops after maxRetries and returns the last answer, backing off exponentially", async () => {
    const h = harness(async () => json(503, {}), { random: 0.999 });
    expect((await h.send()).status).toBe(503);
    expect(h.sent).toHaveLength(3);
    expect(h.waits).toEqual([499, 999]);
  });

  it("sends once with maxRetries 0", async () => {
    const h = harness(async () => json(503, {}));
    await h.send({ maxRetries: 0 });
    expect(h.sent).toHaveLength(1);
  });

  it("honors Retry-After in seconds and as an HTTP date", async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const responses = [
      json(429, {}, { "Retry-After": "2" }),
      json(503, {}, { "Retry-After": new Date(clock.now + 2000 + 4000).toUTCString() }),
      json(200, {}),
    ];
    const h = harness(async () => responses.shift()!, { clock });
    await h.send();
    expect(h.waits).toEqual([2000, 4000]);
  });

  it("caps a long Retry-After", async () => {
    const h = harness(async () => json(429, {}, { "Retry-After": "3600" }));
    await h.send({ maxRetries: 1 });
    expect(h.waits).toEqual([10_000]);
  });

  it("authorizes every attempt afresh, from the unsigned request", async () => {
    const h = harness(async () => json(503, {}));
    await h.send();
    expect(h.authorized).toHaveLength(3);
    for (const request of h.authorized) expect(request.headers.has("X-Attempt")).toBe(false);
    expect(h.sent.map((request) => request.headers.get("X-Attempt"))).toEqual(["1", "2", "3"]);
  });

  it("cancels the body of a response it retries, freeing the connection", async () => {
    const cancelled: number[] = [];
    let count = 0;
    const h = harness(async () => {
      const index = count++;
      const body = new ReadableStream({ cancel: () => void cancelled.push(index) });
      return new Response(index < 2 ? body : "{}", { status: index < 2 ? 503 : 200 });
    });
    await h.send();
    expect(cancelled).toEqual([0, 1]);
  });

  it("retries a network error of a GET, then reports it as HssNetworkError", async () => {
    const h = harness(async () => {
      throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    });
    const error = await h.send().catch((caught: unknown) => caught);
    expect(h.sent).toHaveLength(3);
    expect(error).toBeInstanceOf(HssNetworkError);
    expect((error as Error).message).toBe(
      `listPorts (GET ${URL_}) got no response from HSS: fetch failed (connect ECONNREFUSED 127.0.0.1:9).`,
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("does not resend a POST after a network error", async () => {
    const h = harness(async () => {
      throw new TypeError("fetch failed");
    });
    await expect(h.send({ method: "POST" })).rejects.toBeInstanceOf(HssNetworkError);
    expect(h.sent).toHaveLength(1);
  });

  it("gives up at once when the wait would outlast the call's deadline", async () => {
    const clock = { now: 0 };
    const h = harness(async () => json(429, {}, { "Retry-After": "5" }), { clock });
    const scope = { signal: new AbortController().signal, deadline: 4000, dispose() {} };
    expect((await h.send({ scope })).status).toBe(429);
    expect(h.sent).toHaveLength(1);
    expect(h.waits).toEqual([]);
  });
});

describe("transport cancellation", () => {
  it("an abort during the backoff stops the wait and every later attempt", async () => {
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const h = harness(async () => json(503, {}), {
      sleep: (ms, signal) => {
        queueMicrotask(() => controller.abort(reason));
        return realSleep(ms, signal);
      },
    });
    const scope = openCallScope(30_000, controller.signal, () => new Error("timeout"));
    await expect(h.send({ scope })).rejects.toBe(reason);
    scope.dispose();
    expect(h.sent).toHaveLength(1);
  });

  it("an already aborted call sends nothing", async () => {
    const controller = new AbortController();
    controller.abort(new Error("early"));
    const h = harness(async () => json(200, {}));
    const scope = openCallScope(30_000, controller.signal, () => new Error("timeout"));
    await expect(h.send({ scope })).rejects.toThrow("early");
    scope.dispose();
    expect(h.sent).toHaveLength(0);
  });

  it("the timeout cuts short a backoff that overruns it (a stalled event loop, here a stopped clock)", async () => {
    vi.useFakeTimers();
    try {
      const h = harness(async () => json(503, {}), { clock: { now: 0 }, sleep: realSleep });
      const scope = openCallScope(100, undefined, () => new HssTimeoutError({ operationId: "listPorts" }, 100));
      const outcome = expect(h.send({ scope })).rejects.toBeInstanceOf(HssTimeoutError);
      await vi.advanceTimersByTimeAsync(100);
      await outcome;
      scope.dispose();
      expect(h.sent).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the timeout aborts the request in flight with HssTimeoutError, and is not retried", async () => {
    vi.useFakeTimers();
    try {
      const h = harness(
        (request) =>
          new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
      );
      const scope = openCallScope(1000, undefined, () => new HssTimeoutError({ operationId: "listPorts" }, 1000));
      const sent = h.send({ scope });
      const outcome = expect(sent).rejects.toThrow("listPorts timed out after 1000 ms.");
      await vi.advanceTimersByTimeAsync(1000);
      await outcome;
      scope.dispose();
      expect(h.sent).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
