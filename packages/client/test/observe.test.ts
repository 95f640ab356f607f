// What a user sees of a call: a log line per attempt, response, wait and failure (through the
// `logger` option or console, at the level of `logLevel` or HSS_LOG), every line redacted; the
// attempts on the error; the endpoint from the environment; credentials from a provider.
import { afterEach, describe, expect, it, vi } from "vitest";
import { HssAuthenticationError, HssConfigurationError, HssServerError, createHssClient, type HssClientOptions, type HssLogger } from "../src/index.js";
import { fakeFetch, json, type Responder } from "./helpers/fake-fetch.js";

const TOKEN = "iam-token-value-observe-1";
const PAGE = { total_num: 0, data_list: [] };

function recordingLogger() {
  const lines: string[] = [];
  const logger: HssLogger = {
    debug: (line) => void lines.push(`debug ${line}`),
    info: (line) => void lines.push(`info ${line}`),
    warn: (line) => void lines.push(`warn ${line}`),
    error: (line) => void lines.push(`error ${line}`),
  };
  return { lines, logger };
}

function client(respond: Responder, options: HssClientOptions = {}) {
  const fake = fakeFetch(respond);
  const hss = createHssClient({
    baseUrl: "https://hss.example.com",
    projectId: "p1",
    credentials: { token: TOKEN },
    retryDelay: { initialMs: 0, maxMs: 0 },
    fetch: fake.fetch,
    ...options,
  });
  return { hss, requests: fake.requests };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("logging", () => {
  it("at debug, a line for each attempt, response and wait of a call retried twice, with the attempts on the error", async () => {
    const { lines, logger } = recordingLogger();
    const { hss } = client(() => json(503, { error_msg: `echo ${TOKEN}` }, { "X-Request-Id": `id-${TOKEN}` }), { logger, logLevel: "debug" });
    const error = await hss.listUsers({ user_name: TOKEN }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssServerError);
    expect(error).toMatchObject({ attempts: 3 });
    expect((error as Error).message).toMatch(/\(3 attempts\)$/);
    const shape = lines.map((line) => line.replace(/in \d+ ms/, "in N ms"));
    const url = "https://hss.example.com/v5/p1/asset/users?user_name=[REDACTED]";
    expect(shape).toEqual([
      `debug [hss-kit] listUsers attempt 1: GET ${url}`,
      "debug [hss-kit] listUsers attempt 1: HTTP 503 in N ms (request id id-[REDACTED])",
      "info [hss-kit] listUsers: waiting 0 ms before attempt 2 (retry)",
      `debug [hss-kit] listUsers attempt 2: GET ${url}`,
      "debug [hss-kit] listUsers attempt 2: HTTP 503 in N ms (request id id-[REDACTED])",
      "info [hss-kit] listUsers: waiting 0 ms before attempt 3 (retry)",
      `debug [hss-kit] listUsers attempt 3: GET ${url}`,
      "debug [hss-kit] listUsers attempt 3: HTTP 503 in N ms (request id id-[REDACTED])",
      expect.stringMatching(/^info \[hss-kit\] listUsers attempt 3 failed: listUsers \(GET .*\) failed with HTTP 503 "echo \[REDACTED\]"/),
    ]);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("below the level, nothing: the default is warn, and a call logs nothing at warn", async () => {
    const { lines, logger } = recordingLogger();
    await client(() => json(200, PAGE), { logger }).hss.listUsers();
    await client(() => json(503, {}), { logger, maxRetries: 1 }).hss.listUsers().catch(() => undefined);
    expect(lines).toEqual([]);
  });

  it("HSS_LOG=debug turns it on for a client without logLevel, to the console by default", async () => {
    vi.stubEnv("HSS_LOG", "debug");
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    await client(() => json(200, PAGE)).hss.listUsers();
    expect(debug.mock.calls.map(([line]) => String(line).replace(/in \d+ ms/, "in N ms"))).toEqual([
      "[hss-kit] listUsers attempt 1: GET https://hss.example.com/v5/p1/asset/users",
      "[hss-kit] listUsers attempt 1: HTTP 200 in N ms",
    ]);
  });

  it("a logger without the four methods is refused, naming them", () => {
    expect(() => client(() => json(200, PAGE), { logger: { log: () => undefined } as never })).toThrow(
      new HssConfigurationError("logger must be an object with the methods debug, info, warn, error (console, pino, winston, ...)."),
    );
  });

  it("logLevel off silences it even where HSS_LOG asks for debug, and HSS_LOG=off does too", async () => {
    const { lines, logger } = recordingLogger();
    vi.stubEnv("HSS_LOG", "debug");
    await client(() => json(503, {}), { logger, logLevel: "off", maxRetries: 1 }).hss.listUsers().catch(() => undefined);
    vi.stubEnv("HSS_LOG", "off");
    await client(() => json(503, {}), { logger, maxRetries: 1 }).hss.listUsers().catch(() => undefined);
    expect(lines).toEqual([]);
  });

  it("an unknown level is refused by name", () => {
    vi.stubEnv("HSS_LOG", "verbose");
    expect(() => client(() => json(200, PAGE))).toThrow(new HssConfigurationError('HSS_LOG must be one of debug, info, warn, error, off; got "verbose".'));
    expect(() => client(() => json(200, PAGE), { logLevel: "loud" as never })).toThrow('logLevel must be one of debug, info, warn, error, off; got "loud".');
  });
});

describe("the endpoint from the environment", () => {
  it("HUAWEICLOUD_SDK_ENDPOINT when there is no baseUrl, else HUAWEICLOUD_SDK_REGION's endpoint", async () => {
    const fake = fakeFetch();
    vi.stubEnv("HUAWEICLOUD_SDK_ENDPOINT", "http://127.0.0.1:4010");
    await createHssClient({ projectId: "p1", credentials: { token: TOKEN }, fetch: fake.fetch }).listUsers();
    vi.stubEnv("HUAWEICLOUD_SDK_ENDPOINT", "");
    vi.stubEnv("HUAWEICLOUD_SDK_REGION", "ap-southeast-1");
    await createHssClient({ projectId: "p1", credentials: { token: TOKEN }, fetch: fake.fetch }).listLocalImageHosts();
    expect(fake.requests.map((request) => request.url)).toEqual([
      "http://127.0.0.1:4010/v5/p1/asset/users",
      "https://hss.ap-southeast-1.myhuaweicloud.com/v5/p1/image/local/hosts",
    ]);
    expect(fake.requests[1]!.headers.get("region")).toBe("ap-southeast-1");
  });

  it("a bad one is refused under the variable's name", () => {
    vi.stubEnv("HUAWEICLOUD_SDK_ENDPOINT", "hss.example.com");
    expect(() => createHssClient({ projectId: "p1", credentials: { token: TOKEN } })).toThrow(
      'HUAWEICLOUD_SDK_ENDPOINT must be an absolute URL such as https://hss.cn-north-4.myhuaweicloud.com; got "hss.example.com".',
    );
  });

  it("the options win over it", async () => {
    const fake = fakeFetch();
    vi.stubEnv("HUAWEICLOUD_SDK_ENDPOINT", "http://127.0.0.1:4010");
    await createHssClient({ baseUrl: "https://hss.example.com", projectId: "p1", credentials: { token: TOKEN }, fetch: fake.fetch }).listUsers();
    expect(fake.requests[0]!.url).toBe("https://hss.example.com/v5/p1/asset/users");
  });
});

describe("credentials from a provider", () => {
  it("is asked once, then again once what it gave is about to expire", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    let asked = 0;
    const credentials = async () => ({ token: `rotating-token-${++asked}`, expiresAt: Date.now() + 10 * 60_000 });
    const { hss, requests } = client(() => json(200, PAGE), { credentials });
    await hss.listUsers();
    await hss.listUsers();
    vi.setSystemTime(Date.now() + 9.5 * 60_000);
    await hss.listUsers();
    vi.useRealTimers();
    expect(requests.map((request) => request.headers.get("X-Auth-Token"))).toEqual(["rotating-token-1", "rotating-token-1", "rotating-token-2"]);
  });

  it("is asked again when a call is answered 401, and the call tries once more with what it gives", async () => {
    let asked = 0;
    const credentials = async () => ({ token: `rotating-token-${++asked}` });
    const { hss, requests } = client((request) => (request.headers.get("X-Auth-Token") === "rotating-token-1" ? json(401, {}) : json(200, PAGE)), { credentials, maxRetries: 0 });
    await expect(hss.listUsers()).resolves.toEqual(PAGE);
    expect(requests.map((request) => request.headers.get("X-Auth-Token"))).toEqual(["rotating-token-1", "rotating-token-2"]);
  });

  it("a second 401 in a row is the call's answer: no loop", async () => {
    let asked = 0;
    const { hss, requests } = client(() => json(401, {}), { credentials: async () => ({ token: `rotating-token-${++asked}` }) });
    await expect(hss.listUsers()).rejects.toBeInstanceOf(HssAuthenticationError);
    expect(requests).toHaveLength(2);
  });

  it("signs with AK/SK it gives, and redacts every secret it ever gave", async () => {
    let asked = 0;
    const secrets = ["provided-secret-key-1", "provided-secret-key-2"];
    const credentials = async () => ({ accessKey: "PROVIDED-AK", secretKey: secrets[asked++]!, expiresAt: 0 });
    const { hss, requests } = client((_, index) => json(400, { error_msg: `seen ${secrets[index]} and ${secrets[0]}` }), { credentials, maxRetries: 0 });
    await hss.listUsers().catch(() => undefined);
    const error = (await hss.listUsers().catch((caught: unknown) => caught)) as Error;
    expect(requests[1]!.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=PROVIDED-AK, /);
    expect(error.message).toContain("seen [REDACTED] and [REDACTED]");
  });

  it("a provider that fails is a configuration error, asked again on the next call", async () => {
    let asked = 0;
    const credentials = async () => {
      if (++asked === 1) throw new Error("vault unreachable");
      return { token: TOKEN };
    };
    const { hss } = client(() => json(200, PAGE), { credentials });
    await expect(hss.listUsers()).rejects.toThrow(new HssConfigurationError("The credentials provider failed; see the cause."));
    await expect(hss.listUsers()).resolves.toEqual(PAGE);
  });
});
