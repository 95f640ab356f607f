// The stateful mock's gateway throttle: a sliding window per credential and operation (and one
// for all credentials), 429 APIGW.0308 with the gateway's body, X-Request-Id and, if asked,
// Retry-After. Time is an injected clock: nothing here waits on a real timer.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { documentedResponse, loadModel, operationById, type OperationModel } from "@hss-kit/spec";
import { describe, expect, it } from "vitest";
import { Throttle, callerOf, startStatefulMock, throttleMessage, type RateLimitOptions } from "../src/stateful/index.js";

const model = loadModel();
const users = operationById(model, "listUsers");
const processes = operationById(model, "listProcessesHost");

/** A clock the test moves by hand. */
function fakeClock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

describe("Throttle", () => {
  const spec = (id: string) => model.operations.find((o) => o.id === id)?.rateLimit;

  it("admits the spec's per-credential limit in a window, then refuses until the oldest request ages out", () => {
    const clock = fakeClock();
    const throttle = new Throttle(spec, { now: clock.now });
    const { requests, windowMs } = users.rateLimit!.perCredential;
    for (let i = 0; i < requests; i++) {
      expect(throttle.admit(users.id, "ak:A")).toBeUndefined();
      clock.advance(1_000);
    }
    const refused = throttle.admit(users.id, "ak:A");
    expect(refused).toEqual({ policy: "user", limit: { requests, windowMs }, retryAfterMs: windowMs - requests * 1_000 });
    clock.advance(refused!.retryAfterMs - 1);
    expect(throttle.admit(users.id, "ak:A")).toBeDefined();
    clock.advance(1);
    expect(throttle.admit(users.id, "ak:A")).toBeUndefined();
  });

  it("slides: a slot frees when its own request ages out, not at the start of a fixed window", () => {
    const clock = fakeClock();
    const throttle = new Throttle(spec, { perCredential: { requests: 2, windowMs: 1_000 }, now: clock.now });
    expect(throttle.admit(users.id, "c")).toBeUndefined(); // t = 0
    clock.advance(900);
    expect(throttle.admit(users.id, "c")).toBeUndefined(); // t = 900
    clock.advance(200); // t = 1100: the first aged out, the second has not
    expect(throttle.admit(users.id, "c")).toBeUndefined();
    expect(throttle.admit(users.id, "c")).toMatchObject({ retryAfterMs: 800 });
  });

  it("counts each credential and each operation apart, and only what it admits", () => {
    const clock = fakeClock();
    const throttle = new Throttle(spec, { perCredential: { requests: 1, windowMs: 1_000 }, now: clock.now });
    expect(throttle.admit(users.id, "a")).toBeUndefined();
    expect(throttle.admit(users.id, "b")).toBeUndefined();
    expect(throttle.admit(processes.id, "a")).toBeUndefined();
    for (let i = 0; i < 10; i++) expect(throttle.admit(users.id, "a")).toBeDefined();
    clock.advance(1_000);
    expect(throttle.admit(users.id, "a")).toBeUndefined();
  });

  it("holds all credentials together to the per-API limit", () => {
    const clock = fakeClock();
    const throttle = new Throttle(spec, { perCredential: { requests: 5, windowMs: 1_000 }, perApi: { requests: 3, windowMs: 1_000 }, now: clock.now });
    for (const caller of ["a", "b", "c"]) expect(throttle.admit(users.id, caller)).toBeUndefined();
    expect(throttle.admit(users.id, "d")).toMatchObject({ policy: "api", limit: { requests: 3 } });
    expect(throttle.admit(processes.id, "d")).toBeUndefined();
  });

  it("keeps counting a caller that is still calling while twenty thousand made-up callers come", () => {
    const clock = fakeClock();
    const throttle = new Throttle(spec, { perCredential: { requests: 1, windowMs: 60_000 }, perApi: { requests: 1_000_000, windowMs: 60_000 }, now: clock.now });
    expect(throttle.admit(users.id, "steady")).toBeUndefined();
    for (let i = 0; i < 20_000; i++) {
      throttle.admit(users.id, `flood-${i}`);
      if (i % 1_000 === 0) expect(throttle.admit(users.id, "steady")).toBeDefined();
    }
    expect(throttle.admit(users.id, "steady")).toBeDefined();
  });

  it("says what the limits are, and refuses to start without any", () => {
    expect(new Throttle(spec, { perCredential: { requests: 5, windowMs: 2_000 } }).describe([users.id])).toBe(
      `5 requests per 2 second per credential, ${users.rateLimit!.perApi.requests} per 1 minute in all, for each operation`,
    );
    const slower = (id: string) => (id === users.id ? { ...users.rateLimit!, perCredential: { requests: 2, windowMs: 60_000 } } : users.rateLimit);
    expect(new Throttle(slower).describe([users.id, "another"])).toBe(
      `2 requests per 1 minute per credential, ${users.rateLimit!.perApi.requests} per 1 minute in all, for each of listUsers; ` +
        `${users.rateLimit!.perCredential.requests} requests per 1 minute per credential, ${users.rateLimit!.perApi.requests} per 1 minute in all, for each of another`,
    );
    expect(() => new Throttle(() => undefined).describe([users.id])).toThrow(/no x-hss-rate-limit for listUsers/);
    expect(() => new Throttle(spec, { perCredential: { requests: 0, windowMs: 1_000 } })).toThrow(/rateLimit\.perCredential\.requests .* got 0/);
  });

  it("writes the gateway's message", () => {
    expect(throttleMessage({ policy: "user", limit: { requests: 5, windowMs: 60_000 }, retryAfterMs: 1 })).toBe(
      "The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute",
    );
  });
});

describe("callerOf", () => {
  it("is the access key of a signature, the token (hashed), or the address", () => {
    expect(callerOf({ authorization: "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=x-sdk-date, Signature=ab" }, "1.2.3.4")).toBe("ak:AK1");
    const token = callerOf({ "x-auth-token": "secret-token" }, "1.2.3.4");
    expect(token).toMatch(/^token:[0-9a-f]{64}$/);
    expect(token).not.toContain("secret-token");
    expect(callerOf({}, "1.2.3.4")).toBe("ip:1.2.3.4");
  });
});

describe("the stateful mock with a rate limit", () => {
  const TOKEN = "throttle-token";

  async function withMock(rateLimit: boolean | RateLimitOptions, body: (url: string) => Promise<void>) {
    const mock = await startStatefulMock({ token: TOKEN, rateLimit });
    try {
      await body(mock.url);
    } finally {
      await mock.close();
    }
  }

  const call = (url: string, operation: OperationModel = users, token = TOKEN) =>
    fetch(`${url}${operation.path.replace("{project_id}", "p")}${operation.id === "listPorts" ? "?host_id=h" : ""}`, { headers: { "X-Auth-Token": token } });

  it("answers the spec's limit with 200s, then 429 with the spec's error code, the gateway's message and the request ID", async () => {
    const clock = fakeClock();
    await withMock({ now: clock.now }, async (url) => {
      const { requests, windowMs } = users.rateLimit!.perCredential;
      for (let i = 0; i < requests; i++) expect((await call(url)).status).toBe(200);
      const refused = await call(url);
      const body = (await refused.json()) as Record<string, unknown>;
      expect(refused.status).toBe(429);
      expect(body.error_code).toBe((documentedResponse(users, 429)?.example as { error_code: string }).error_code);
      expect(body.error_msg).toBe(throttleMessage({ policy: "user", limit: { requests, windowMs }, retryAfterMs: 0 }));
      expect(body.request_id).toBe(refused.headers.get("x-request-id"));
      expect(body.request_id).toMatch(/\S/);
      expect(refused.headers.get("retry-after")).toBeNull();
      expect((await call(url, processes)).status).toBe(200);
      clock.advance(windowMs);
      expect((await call(url)).status).toBe(200);
    });
  });

  it("sends Retry-After in whole seconds until the window has room, when asked", async () => {
    const clock = fakeClock();
    await withMock({ perCredential: { requests: 1, windowMs: 2_000 }, retryAfter: true, now: clock.now }, async (url) => {
      expect((await call(url)).status).toBe(200);
      clock.advance(500);
      const refused = await call(url);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("2");
      clock.advance(600);
      expect((await call(url)).headers.get("retry-after")).toBe("1");
    });
  });

  it("throttles after authentication: refused credentials neither count nor get a 429", async () => {
    const clock = fakeClock();
    await withMock({ perCredential: { requests: 1, windowMs: 1_000 }, now: clock.now }, async (url) => {
      for (let i = 0; i < 3; i++) expect((await call(url, users, "wrong")).status).toBe(401);
      expect((await call(url)).status).toBe(200);
      expect((await call(url)).status).toBe(429);
    });
  });

  it("never throttles without the option", async () => {
    const mock = await startStatefulMock({ token: TOKEN });
    try {
      const statuses = await Promise.all(Array.from({ length: users.rateLimit!.perCredential.requests * 2 }, () => call(mock.url).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(mock.rateLimit).toBeUndefined();
    } finally {
      await mock.close();
    }
  });

  it("serves as many records as asked, so a walk of several full pages is possible", async () => {
    const mock = await startStatefulMock({ token: TOKEN, records: 1_400 });
    try {
      // Most records, not all, are in the default category that a call without `category` selects.
      const page = (await (await fetch(`${mock.url}/v5/p/asset/users?limit=200&offset=800`, { headers: { "X-Auth-Token": TOKEN } })).json()) as { total_num: number; data_list: unknown[] };
      expect(page.total_num).toBeGreaterThan(1_000);
      expect(page.total_num).toBeLessThanOrEqual(1_400);
      expect(page.data_list).toHaveLength(200);
    } finally {
      await mock.close();
    }
    await expect(startStatefulMock({ records: 0 })).rejects.toThrow(/records must be .* got 0/);
  });
});

describe("hss-mock --rate-limit", () => {
  const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

  it("refuses a malformed limit, naming the flag and the value", async () => {
    const error = await promisify(execFile)(process.execPath, [cli, "--stateful", "--rate-limit", "5 per minute", "--port", "0"]).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/--rate-limit: .*"5 per minute"/);
  });

  it("needs --stateful", async () => {
    const error = await promisify(execFile)(process.execPath, [cli, "--rate-limit", "--port", "0"]).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/--rate-limit needs --stateful/);
  });
});
