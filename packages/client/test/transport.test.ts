// The transport's retry loop, driven with an injected clock, randomness and sleep so every wait
// is known exactly and no test waits for real.
import { describe, expect, it, vi } from "vitest";
import { openCallScope, sleep as realSleep, type CallScope, type Sleep } from "../src/abort.js";
import { HssNetworkError, HssTimeoutError } from "../src/errors.js";
import { fetchExchange, type OutgoingRequest } from "../src/exchange.js";
import { createRedactor } from "../src/redact.js";
import { createTransport, outgoingOf, type Authorize, type ReceivedResponse } from "../src/transport.js";
import { json } from "./helpers/fake-fetch.js";

const URL_ = "https://hss.cn-north-4.myhuaweicloud.com/v5/p/asset/ports?host_id=h1";

type Responder = (request: Request) => Promise<Response>;

interface Harness {
  send: (options?: { maxRetries?: number; scope?: CallScope; method?: string; request?: OutgoingRequest }) => Promise<ReceivedResponse>;
  waits: number[];
  /** What the authorizer was given, attempt by attempt. */
  authorized: OutgoingRequest[];
  /** What fetch was called with, attempt by attempt. */
  calls: Array<{ input: string | Request; init: RequestInit }>;
  /** The same calls as Requests, as fetch would build them, for their headers and signal. */
  sent: Request[];
}

function harness(fetch: Responder, options: { random?: number; clock?: { now: number }; sleep?: Sleep } = {}): Harness {
  const waits: number[] = [];
  const authorized: OutgoingRequest[] = [];
  const calls: Harness["calls"] = [];
  const sent: Request[] = [];
  const clock = options.clock ?? { now: 1_000_000 };
  const authorize: Authorize = (request) => {
    authorized.push(request);
    return { ...request.headers, "x-attempt": String(authorized.length) };
  };
  const transport = createTransport({
    exchange: fetchExchange((input, init) => {
      calls.push({ input, init });
      const request = new Request(input, init);
      sent.push(request);
      return fetch(request);
    }),
    authorize,
    policy: { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10_000 },
    redactor: createRedactor(["secret-token-value"]),
    maxResponseBytes: 1024 * 1024,
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
    calls,
    sent,
    send: ({ maxRetries = 2, scope, method = "GET", request } = {}) =>
      transport.send(request ?? { method, url: URL_, headers: {} }, {
        scope: scope ?? { signal: new AbortController().signal, deadline: clock.now + 30_000, dispose() {} },
        operationId: "listPorts",
        maxRetries,
        timeoutMs: 30_000,
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
    for (const request of h.authorized) expect(request.headers).toEqual({});
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

describe("what the transport hands to fetch", () => {
  it("the URL string as it is, and a plain init with the method, the attempt's headers and the attempt's signal", async () => {
    const h = harness(async () => json(200, {}));
    const signal = new AbortController().signal;
    await h.send({ scope: { signal, deadline: Infinity, dispose() {} } });
    expect(h.calls).toHaveLength(1);
    const [{ input, init }] = h.calls as [Harness["calls"][number]];
    expect(input).toBe(URL_);
    expect(init).toEqual({ method: "GET", headers: { "x-attempt": "1" }, signal: expect.any(AbortSignal), redirect: "manual" });
  });

  it("a Request shaped by middleware: passed on at every attempt with fresh headers, keeping its settings", async () => {
    let count = 0;
    const h = harness(async () => json(count++ === 0 ? 503 : 200, {}));
    const shaped = new Request(URL_, { headers: { "X-Trace-Id": "t1" }, redirect: "manual" });
    const request = await outgoingOf(shaped);
    expect(request).toEqual({ method: "GET", url: URL_, headers: { "x-trace-id": "t1" }, body: undefined, request: shaped });
    await h.send({ request });
    expect(h.calls.map(({ input }) => input)).toEqual([shaped, shaped]);
    expect(h.sent.map((sent) => [sent.redirect, sent.headers.get("x-trace-id"), sent.headers.get("x-attempt")])).toEqual([
      ["manual", "t1", "1"],
      ["manual", "t1", "2"],
    ]);
  });

  it("a body is read once and sent, the same bytes, with every attempt", async () => {
    const bodies: string[] = [];
    const h = harness(async (request) => {
      bodies.push(await request.text());
      return json(bodies.length === 1 ? 503 : 200, {});
    });
    const request = await outgoingOf(new Request(URL_, { method: "PUT", body: "payload é" }));
    expect(new TextDecoder().decode(request.body)).toBe("payload é");
    await h.send({ request });
    expect(bodies).toEqual(["payload é", "payload é"]);
    expect(h.authorized.every((seen) => seen.body === request.body)).toBe(true);
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
