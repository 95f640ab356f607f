// The request budget: calls wait for their slot instead of drawing a 429, every path of the client
// draws on one budget per credential and operation, and a 429 that comes anyway is waited out for
// as long as the call's totalTimeout allows. All on fake timers: the windows are HSS's own minute.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  HssConfigurationError,
  HssNotFoundError,
  HssRateLimitError,
  HssServerError,
  HssTimeoutError,
  HssValidationError,
  createHssClient,
  createRateLimiter,
  type HssClientEvent,
  type HssClientOptions,
  type WalkProgress,
} from "../src/index.js";
import { credentialIdentity } from "../src/rate-limit.js";
import { json } from "./helpers/fake-fetch.js";

const MINUTE = 60_000;
const PAGE = { total_num: 0, data_list: [] };

/** One request as the gateway saw it: when, to which path, with which credential. */
interface Seen {
  at: number;
  path: string;
  credential: string;
}

/**
 * A gateway that throttles like HSS's: `limit` requests per credential and path in any window of
 * a minute, 429 APIGW.0308 beyond. `before` may answer first (a 429 from another process).
 */
function gateway(
  options: {
    limit?: number;
    retryAfter?: string;
    before?: (seen: Seen, index: number) => Response | undefined;
    answer?: (url: URL) => Response;
    /** Milliseconds the request numbered `index` takes to reach the gateway. */
    latency?: (index: number) => number;
  } = {},
) {
  const seen: Seen[] = [];
  const throttled: Seen[] = [];
  let sent = 0;
  const fetch = async (request: Request) => {
    const latency = options.latency?.(sent++) ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const credential = request.headers.get("X-Auth-Token") ?? /Access=([^,]+)/.exec(request.headers.get("Authorization") ?? "")?.[1] ?? "";
    const now: Seen = { at: Date.now(), path: new URL(request.url).pathname, credential };
    seen.push(now);
    const early = options.before?.(now, seen.length - 1);
    if (early) return early;
    const recent = seen.filter((other) => other !== now && !throttled.includes(other) && other.path === now.path && other.credential === credential && other.at > now.at - MINUTE);
    if (recent.length >= (options.limit ?? 5)) {
      throttled.push(now);
      return throttle(options.retryAfter);
    }
    return options.answer?.(new URL(request.url)) ?? json(200, PAGE);
  };
  return { fetch, seen, throttled };
}

function throttle(retryAfter?: string): Response {
  return json(
    429,
    { error_code: "APIGW.0308", error_msg: "The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute" },
    { "X-Request-Id": "throttled", ...(retryAfter === undefined ? {} : { "Retry-After": retryAfter }) },
  );
}

function client(fetch: (request: Request) => Promise<Response>, options: HssClientOptions = {}) {
  const events: HssClientEvent[] = [];
  const hss = createHssClient({
    baseUrl: "https://hss.test",
    projectId: "p",
    credentials: { token: "token-of-the-budget-tests" },
    fetch,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { hss, events };
}

/** Settles `promise` into a value to inspect, so a rejection is not unhandled while timers run. */
function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then((value) => ({ value }), (error: unknown) => ({ error }));
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the request budget", () => {
  it("sends the spec's 5 calls of an operation at once, and the 6th when the window frees a slot, not into a 429", async () => {
    const hss = gateway();
    const { hss: client_, events } = client(hss.fetch);
    const calls = Array.from({ length: 7 }, () => settle(client_.listUsers()));
    await vi.advanceTimersByTimeAsync(0);
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, 0, 0, 0, 0]);
    expect(events).toEqual([
      { type: "wait", operationId: "listUsers", attempt: 1, waitMs: MINUTE, reason: "budget" },
      { type: "wait", operationId: "listUsers", attempt: 1, waitMs: MINUTE, reason: "budget" },
    ]);
    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(hss.seen).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, 0, 0, 0, 0, MINUTE, MINUTE]);
    for (const call of await Promise.all(calls)) expect(call).toEqual({ value: PAGE });
    expect(hss.throttled).toEqual([]);
  });

  it("counts a request from when it ended, so slow requests do not let the sixth in early", async () => {
    const hss = gateway({ latency: (index) => (index < 5 ? 1_000 : 0) });
    const { hss: client_ } = client(hss.fetch);
    const calls = Array.from({ length: 6 }, () => settle(client_.listUsers()));
    await vi.advanceTimersByTimeAsync(MINUTE + 1_000);
    for (const call of await Promise.all(calls)) expect(call).toEqual({ value: PAGE });
    expect(hss.seen.map((seen) => seen.at)).toEqual([...Array(5).fill(1_000), MINUTE + 1_000]);
    expect(hss.throttled).toEqual([]);
  });

  it("keeps a budget per operation and per credential", async () => {
    const hss = gateway();
    const { hss: first } = client(hss.fetch);
    const { hss: other } = client(hss.fetch, { credentials: { token: "another-token" } });
    await Promise.all([
      ...Array.from({ length: 5 }, () => first.listUsers()),
      ...Array.from({ length: 5 }, () => first.listProcessesHost()),
      ...Array.from({ length: 5 }, () => other.listUsers()),
    ]);
    expect(hss.seen).toHaveLength(15);
  });

  it("is shared by the methods, paginate and raw (found by its path template)", async () => {
    const hss = gateway();
    const { hss: client_, events } = client(hss.fetch);
    await Promise.all([client_.listUsers(), client_.listUsers(), client_.paginate.listUsers.all(), client_.listUsers(), client_.listUsers()]);
    const raw = settle(client_.raw.GET("/v5/{project_id}/asset/users", {}));
    const rawOther = settle(client_.raw.GET("/v5/{project_id}/asset/ports", { params: { query: { host_id: "h1" } } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(hss.seen.map((seen) => seen.path)).toEqual([...Array(5).fill("/v5/p/asset/users"), "/v5/p/asset/ports"]);
    expect(events).toEqual([{ type: "wait", operationId: "listUsers", attempt: 1, waitMs: MINUTE, reason: "budget" }]);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect((await raw).value?.response.status).toBe(200);
    expect((await rawOther).value?.response.status).toBe(200);
    expect(hss.throttled).toEqual([]);
  });

  it("lets a call wait past its per-attempt timeout for its slot", async () => {
    const hss = gateway();
    const { hss: client_ } = client(hss.fetch, { timeout: 1_000 });
    const calls = Array.from({ length: 6 }, () => settle(client_.listUsers()));
    await vi.advanceTimersByTimeAsync(MINUTE);
    for (const call of await Promise.all(calls)) expect(call).toEqual({ value: PAGE });
  });

  it("fails a call at once, sending nothing, when its slot would come after its totalTimeout", async () => {
    const hss = gateway();
    const { hss: client_ } = client(hss.fetch);
    await Promise.all(Array.from({ length: 5 }, () => client_.listUsers()));
    const late = await settle(client_.listUsers({}, { totalTimeout: 30_000 }));
    expect(late.error).toBeInstanceOf(HssTimeoutError);
    expect((late.error as Error).message).toBe(
      "listUsers (GET https://hss.test/v5/p/asset/users) would wait 60 s for a slot of the request budget, past its totalTimeout of 30000 ms; nothing was sent (raise totalTimeout, or make fewer calls at once).",
    );
    expect(hss.seen).toHaveLength(5);
  });

  it("gives up a wait on abort, with the signal's reason, and the next call in line moves up", async () => {
    const hss = gateway();
    const { hss: client_ } = client(hss.fetch);
    await Promise.all(Array.from({ length: 5 }, () => client_.listUsers()));
    const controller = new AbortController();
    const aborted = Array.from({ length: 5 }, () => settle(client_.listUsers({}, { signal: controller.signal })));
    const next = settle(client_.listUsers());
    await vi.advanceTimersByTimeAsync(10_000);
    controller.abort(new Error("stop"));
    for (const call of await Promise.all(aborted)) expect(call.error).toEqual(new Error("stop"));
    await vi.advanceTimersByTimeAsync(MINUTE - 10_000);
    expect(await next).toEqual({ value: PAGE });
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, 0, 0, 0, 0, MINUTE]);
  });

  it("follows rateLimit overrides, and sends everything at once with rateLimit: false", async () => {
    const tuned = gateway({ limit: 100 });
    const { hss: twoPerSecond } = client(tuned.fetch, { rateLimit: { requests: 2, windowMs: 1_000 } });
    const calls = Array.from({ length: 3 }, () => twoPerSecond.listUsers());
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(calls);
    expect(tuned.seen.map((seen) => seen.at)).toEqual([0, 0, 1_000]);

    const open = gateway({ limit: 100 });
    const { hss: unlimited } = client(open.fetch, { rateLimit: false });
    await Promise.all(Array.from({ length: 7 }, () => unlimited.listUsers()));
    expect(open.seen.map((seen) => seen.at)).toEqual(Array(7).fill(1_000));
  });
});

describe("wait events", () => {
  it("tell of the backoff before a retry too", async () => {
    const hss = gateway({ before: (_, index) => (index === 0 ? json(503, {}) : undefined) });
    const { hss: client_, events } = client(hss.fetch, { retryDelay: { initialMs: 800, maxMs: 800 } });
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const call = settle(client_.listUsers());
    await vi.advanceTimersByTimeAsync(400);
    expect(await call).toEqual({ value: PAGE });
    expect(events).toEqual([{ type: "wait", operationId: "listUsers", attempt: 2, waitMs: 400, reason: "retry" }]);
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, 400]);
  });
});

describe("a limiter shared by several clients", () => {
  const regions = ["https://hss.cn-north-4.test", "https://hss.cn-east-3.test"];

  it("holds clients with one credential to one budget, where each client's own would double it", async () => {
    const shared = gateway({ limit: 100 });
    const budget = createRateLimiter();
    const clients = regions.map((baseUrl) => client(shared.fetch, { baseUrl, rateLimit: budget, credentials: { token: "one-token-for-both-regions" } }).hss);
    const calls = [0, 1, 2, 3, 4, 5].map((index) => settle(clients[index % 2]!.listUsers()));
    await vi.advanceTimersByTimeAsync(0);
    expect(shared.seen).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(shared.seen).toHaveLength(6);
    await Promise.all(calls);

    const separate = gateway({ limit: 100 });
    const own = regions.map((baseUrl) => client(separate.fetch, { baseUrl, credentials: { token: "one-token-for-both-regions" } }).hss);
    await Promise.all([0, 1, 2, 3, 4, 5].map((index) => own[index % 2]!.listUsers()));
    expect(separate.seen.every((seen) => seen.at === MINUTE)).toBe(true);
  });

  it("keeps other credentials apart, and applies its own overrides to every client", async () => {
    const shared = gateway({ limit: 100 });
    const budget = createRateLimiter({ requests: 1 });
    const a = client(shared.fetch, { rateLimit: budget }).hss;
    const b = client(shared.fetch, { rateLimit: budget, credentials: { token: "the-other-token" } }).hss;
    const calls = [a.listUsers(), b.listUsers(), a.listUsers()];
    await vi.advanceTimersByTimeAsync(MINUTE);
    await Promise.all(calls);
    expect(shared.seen.map((seen) => seen.at)).toEqual([0, 0, MINUTE]);
  });
});

describe("a 429 that comes anyway", () => {
  /** A gateway whose budget another process has spent: it answers 429 to the first `count` requests. */
  const spentElsewhere = (count: number, retryAfter?: string) => gateway({ before: (_, index) => (index < count ? throttle(retryAfter) : undefined) });

  it("without Retry-After: waits for the client's own window to pass, past retryDelay.maxMs, and succeeds", async () => {
    const hss = spentElsewhere(1);
    const { hss: client_, events } = client(hss.fetch, { retryDelay: { initialMs: 500, maxMs: 10_000 } });
    const call = settle(client_.listUsers());
    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(hss.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toEqual({ value: PAGE });
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, MINUTE]);
    expect(events).toEqual([{ type: "wait", operationId: "listUsers", attempt: 2, waitMs: MINUTE, reason: "rate-limited" }]);
  });

  it("with Retry-After: waits as long as it says, even past retryDelay.maxMs", async () => {
    const hss = spentElsewhere(1, "25");
    const { hss: client_, events } = client(hss.fetch);
    const call = settle(client_.listUsers());
    await vi.advanceTimersByTimeAsync(25_000);
    expect(await call).toEqual({ value: PAGE });
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, 25_000]);
    expect(events).toEqual([{ type: "wait", operationId: "listUsers", attempt: 2, waitMs: 25_000, reason: "rate-limited" }]);
  });

  it("waits a second at least, however small the Retry-After, and fails at once on one past the totalTimeout", async () => {
    const hammered = spentElsewhere(3, "0");
    const { hss: first } = client(hammered.fetch);
    const call = settle(first.listUsers());
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await call).toEqual({ value: PAGE });
    expect(hammered.seen.map((seen) => seen.at)).toEqual([0, 1_000, 2_000, 3_000]);

    const far = spentElsewhere(1, "86400");
    const { hss: second } = client(far.fetch);
    const { error } = await settle(second.listUsers());
    expect(error).toMatchObject({ name: "HssRateLimitError", retryAfterMs: 86_400_000 });
    expect(far.seen).toHaveLength(1);
  });

  it("waits again and again, not counting against maxRetries, while the totalTimeout allows", async () => {
    const hss = spentElsewhere(3);
    const { hss: client_ } = client(hss.fetch, { maxRetries: 0 });
    const call = settle(client_.listUsers());
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(await call).toEqual({ value: PAGE });
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, MINUTE, 2 * MINUTE, 3 * MINUTE]);
  });

  it("fails with the last 429 once the next window would end after the totalTimeout", async () => {
    const hss = spentElsewhere(Infinity);
    const { hss: client_ } = client(hss.fetch, { totalTimeout: 150_000 });
    const call = settle(client_.listUsers());
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    const { error } = await call;
    expect(error).toBeInstanceOf(HssRateLimitError);
    expect(error).toMatchObject({ errorCode: "APIGW.0308", requestId: "throttled" });
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, MINUTE, 2 * MINUTE]);
  });

  it("holds the calls in line back too, instead of sending them into the throttle", async () => {
    const hss = spentElsewhere(1, "30");
    const { hss: client_ } = client(hss.fetch);
    const calls = [settle(client_.listUsers()), settle(client_.listUsers())];
    await vi.advanceTimersByTimeAsync(29_999);
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(calls);
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, 0, 30_000]);
  });

  it("gives up the wait on abort, with the signal's reason", async () => {
    const hss = spentElsewhere(1);
    const { hss: client_ } = client(hss.fetch);
    const controller = new AbortController();
    const call = settle(client_.listUsers({}, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(20_000);
    controller.abort(new Error("enough"));
    expect((await call).error).toEqual(new Error("enough"));
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(hss.seen).toHaveLength(1);
  });
});

describe("the budget's options", () => {
  it.each([
    [{ rateLimit: { requests: 0 } }, "rateLimit.requests must be an integer from 1 to 9007199254740991; got 0."],
    [{ rateLimit: { windowMs: 1.5 } }, "rateLimit.windowMs must be an integer from 1 to 2147483647; got 1.5."],
    [{ rateLimit: { perMinute: 5 } }, "rateLimit has no option perMinute; the options are requests, windowMs."],
    [{ rateLimit: true }, "rateLimit must be { requests?, windowMs? }, a limiter from createRateLimiter, or false; got true."],
    [{ onEvent: "log" }, 'onEvent must be a function; got "log".'],
    [{ totalTimeout: 0 }, "totalTimeout must be an integer from 1 to 2147483647; got 0."],
  ])("refuses %j", (options, message) => {
    expect(() => client(gateway().fetch, options as HssClientOptions)).toThrow(new HssConfigurationError(message));
  });

  it("createRateLimiter refuses what it cannot enforce", () => {
    expect(() => createRateLimiter({ requests: -1 })).toThrow(new HssConfigurationError("createRateLimiter: options.requests must be an integer from 1 to 9007199254740991; got -1."));
    expect(() => createRateLimiter({ window: 5 } as never)).toThrow(HssConfigurationError);
  });

  it("keys a token's budget by a digest, never the token or a piece of it", () => {
    const token = "MIIZ-a-long-iam-token-value-0123456789abcdefghijklmnopqrstuvwxyz";
    const identity = credentialIdentity({ kind: "token", token });
    for (let start = 0; start + 6 <= token.length; start++) expect(identity).not.toContain(token.slice(start, start + 6));
    expect(credentialIdentity({ kind: "token", token: `${token}x` })).not.toBe(identity);
    expect(credentialIdentity({ kind: "token", token })).toBe(identity);
  });
});

/** HSS's answer to a page of `total` accounts. */
function accounts(total: number) {
  return (url: URL) => {
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const data_list = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, index) => ({ user_name: `user-${offset + index}` }));
    return json(200, { total_num: total, data_list });
  };
}

describe("a long walk", () => {
  it("walks 7 pages within the budget in the least time it allows, reporting its progress, with no 429", async () => {
    const hss = gateway({ answer: accounts(1_400) });
    const { hss: client_ } = client(hss.fetch);
    const progress: WalkProgress[] = [];
    const walk = settle(client_.paginate.listUsers.all({}, { onProgress: (step) => progress.push(step) }));
    await vi.advanceTimersByTimeAsync(MINUTE);
    const { value } = await walk;
    expect(value).toHaveLength(1_400);
    expect(new Set(value!.map((user) => user.user_name)).size).toBe(1_400);
    expect(hss.seen.map((seen) => seen.at)).toEqual([0, 0, 0, 0, 0, MINUTE, MINUTE]);
    expect(hss.throttled).toEqual([]);
    expect(progress.map(({ pages, items, total, nextOffset }) => [pages, items, total, nextOffset])).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((pages) => [pages, pages * 200, 1_400, pages * 200]),
    );
    // After the first page, the budget has four slots left this minute for the six pages to come.
    expect(progress[0]!.estimatedMsLeft).toBe(MINUTE);
    expect(progress.at(-1)!.estimatedMsLeft).toBe(0);
  });

  it("says where to resume when it fails, and resumes there", async () => {
    const failAt = 600;
    const broken = gateway({
      answer: (url) => (url.searchParams.get("offset") === String(failAt) ? json(500, { error_code: "HSS.1000", error_msg: "busy" }) : accounts(1_000)(url)),
    });
    const { hss: first } = client(broken.fetch, { maxRetries: 0 });
    const seen: string[] = [];
    const walk = settle((async () => {
      for await (const user of first.paginate.listUsers({})) seen.push(user.user_name!);
    })());
    await vi.advanceTimersByTimeAsync(MINUTE);
    const { error } = await walk;
    expect(error).toBeInstanceOf(HssServerError);
    expect(error).toMatchObject({ resumeOffset: failAt });
    expect((error as Error).message).toMatch(/ Resume the walk with \{ offset: 600 \}\.$/);
    expect(seen).toHaveLength(failAt);

    const healthy = gateway({ answer: accounts(1_000) });
    const { hss: second } = client(healthy.fetch);
    const rest = await second.paginate.listUsers.all({}, { offset: (error as HssServerError).resumeOffset });
    expect([...seen, ...rest.map((user) => user.user_name)]).toEqual(Array.from({ length: 1_000 }, (_, index) => `user-${index}`));
    expect(healthy.seen.map((request) => request.at)).toHaveLength(2);
  });
});

/** HSS's answer to the ports of a host: one port, numbered after the host; host "gone" is not found. */
function portsOf(url: URL): Response {
  const host = url.searchParams.get("host_id")!;
  if (host === "gone") return json(404, { error_code: "HSS.0404", error_msg: "no such host" });
  return json(200, { total_num: 1, data_list: [{ port: Number(host.slice(5)) }] });
}

const hosts = (count: number) => Array.from({ length: count }, (_, index) => ({ host_id: `host-${index}` }));

describe("a fan-out", () => {
  it("runs an operation over every parameter set within the budget, yielding results in order, with no 429", async () => {
    const hss = gateway({ answer: portsOf });
    const { hss: client_ } = client(hss.fetch);
    const results: unknown[] = [];
    const run = settle((async () => {
      for await (const { params, data } of client_.fanOut.listPorts(hosts(12))) results.push([params.host_id, data.data_list[0]!.port]);
    })());
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    await run;
    expect(results).toEqual(hosts(12).map(({ host_id }, index) => [host_id, index]));
    expect(hss.seen.map((seen) => seen.at)).toEqual([...Array(5).fill(0), ...Array(5).fill(MINUTE), MINUTE * 2, MINUTE * 2]);
    expect(hss.throttled).toEqual([]);
  });

  it("keeps at most `concurrency` calls in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = async (request: Request) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight--;
      return portsOf(new URL(request.url));
    };
    const { hss: client_ } = client(slow, { rateLimit: false });
    const results: number[] = [];
    const run = (async () => {
      for await (const { data } of client_.fanOut.listPorts(hosts(9), { concurrency: 3 })) results.push(data.data_list[0]!.port!);
    })();
    await vi.advanceTimersByTimeAsync(300);
    await run;
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(most).toBe(3);
  });

  it("collects failures per item with onError: collect, and goes on", async () => {
    const { hss: client_ } = client(gateway({ answer: portsOf }).fetch, { rateLimit: false, maxRetries: 0 });
    const sets = [{ host_id: "host-0" }, { host_id: "gone" }, { host_id: "host-2" }];
    const results = [];
    for await (const result of client_.fanOut.listPorts(sets, { onError: "collect" })) results.push(result);
    expect(results.map((result) => [result.params.host_id, result.data?.data_list[0]?.port, result.error?.constructor])).toEqual([
      ["host-0", 0, undefined],
      ["gone", undefined, HssNotFoundError],
      ["host-2", 2, undefined],
    ]);
  });

  it("throws the first failure by default, after the results before it, and aborts the calls in flight", async () => {
    const hss = gateway({ answer: portsOf });
    const { hss: client_ } = client(hss.fetch, { rateLimit: false, maxRetries: 0 });
    const sets = [{ host_id: "host-0" }, { host_id: "gone" }, ...hosts(20).slice(2)];
    const results: string[] = [];
    const error = await (async () => {
      for await (const { params } of client_.fanOut.listPorts(sets, { concurrency: 2 })) results.push(params.host_id);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssNotFoundError);
    expect(results).toEqual(["host-0"]);
    expect(hss.seen.length).toBeLessThanOrEqual(4);
  });

  it("ends on its signal with the signal's reason, even collecting", async () => {
    const hss = gateway({ answer: portsOf });
    const { hss: client_ } = client(hss.fetch);
    const controller = new AbortController();
    const run = settle((async () => {
      for await (const _ of client_.fanOut.listPorts(hosts(12), { signal: controller.signal, onError: "collect" })) void _;
    })());
    await vi.advanceTimersByTimeAsync(30_000);
    controller.abort(new Error("night is over"));
    expect((await run).error).toEqual(new Error("night is over"));
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(hss.seen).toHaveLength(5);
  });

  it("refuses options it cannot honour", async () => {
    const { hss: client_ } = client(gateway().fetch);
    await expect(client_.fanOut.listUsers([{}], { concurrency: 0 }).next()).rejects.toThrow("fanOut.listUsers: concurrency must be");
    await expect(client_.fanOut.listUsers([{}], { onError: "ignore" as never }).next()).rejects.toBeInstanceOf(HssValidationError);
    await expect(client_.fanOut.listUsers([{}], { parallel: 2 } as never).next()).rejects.toThrow("fanOut.listUsers has no option parallel");
  });
});
