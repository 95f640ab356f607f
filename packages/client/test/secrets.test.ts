// No token, secret key, security token or signature may show in anything the client produces:
// error messages, their JSON, util.inspect output, stacks, causes, or the client object itself.
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  HssApiError,
  HssAuthenticationError,
  HssConfigurationError,
  HssError,
  HssInvalidRequestError,
  HssNetworkError,
  HssNotFoundError,
  HssPaginationError,
  HssPermissionError,
  HssRateLimitError,
  HssServerError,
  HssTimeoutError,
  HssValidationError,
  createHssClient,
  type HssCredentials,
} from "../src/index.js";
import { json, type Responder } from "./helpers/fake-fetch.js";

const TOKEN = "TOKEN-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-SECRET";
const SECRET_KEY = "SK-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-SECRET";
const SECURITY_TOKEN = "STS-cccccccccccccccccccccccccccccccccccccccc-SECRET";

const MODES: Array<[string, HssCredentials, string[]]> = [
  ["IAM token", { token: TOKEN }, [TOKEN]],
  ["AK/SK with a security token", { accessKey: "AK-PUBLIC", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }, [SECRET_KEY, SECURITY_TOKEN]],
];

/** Every rendering of a value a log or a bug report could carry. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: Infinity, showHidden: true }), inspect(value, { depth: Infinity }), String(value)];
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // Objects with cycles cannot be JSON; the other renderings still cover them.
  }
  if (value instanceof Error) out.push(value.message, value.stack ?? "");
  return out;
}

function expectClean(value: unknown, secrets: string[]) {
  for (const text of renderings(value)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
  }
}

let logged: unknown[][];
beforeEach(() => {
  logged = [];
  for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(logged).toEqual([]);
});

describe.each(MODES)("with %s", (_mode, credentials, secrets) => {
  const signatures: string[] = [];
  const allSecrets = () => [...secrets, ...signatures];

  /** A client whose fake HSS echoes every credential it received back in its answers. */
  function client(respond: (echo: string, request: Request) => Response | Promise<Response>, extra = {}) {
    const fetch: Responder = (request) => {
      const authorization = request.headers.get("Authorization") ?? "";
      const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
      if (signature) signatures.push(signature);
      const echo = [authorization, request.headers.get("X-Auth-Token"), request.headers.get("X-Security-Token")].join(" ");
      return respond(echo, request);
    };
    return createHssClient({
      baseUrl: "https://hss.test",
      // A middleware that puts a credential in the query (as a proxy might want): errors must not show it.
      middleware: [
        {
          onRequest: ({ request }) => new Request(`${request.url}&auth_token=${encodeURIComponent(TOKEN)}`, request),
        },
      ],
      projectId: "p",
      credentials,
      maxRetries: 1,
      retryDelay: { initialMs: 0, maxMs: 0 },
      // Without a budget, so every failure is retried once and two signatures are at stake.
      rateLimit: false,
      fetch: async (request) => fetch(request, 0),
      ...extra,
    });
  }

  it.each([
    [400, HssInvalidRequestError],
    [401, HssAuthenticationError],
    [403, HssPermissionError],
    [404, HssNotFoundError],
    [418, HssApiError],
    [429, HssRateLimitError],
    [500, HssServerError],
  ])("HTTP %i echoing the credentials: the error is clean", async (status, type) => {
    // A gateway that logs the request into its answer: the body and the X-Request-Id header.
    const hss = client((echo) =>
      json(
        status,
        { error_code: "APIGW.0301", error_msg: `Incorrect IAM authentication information: ${echo}`, request_id: echo },
        { "X-Request-Id": `${echo} ${btoa(echo)}` },
      ),
    );
    const error = await hss.listUsers({ user_name: "root" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect((error as HssApiError).errorMsg).toContain("[REDACTED]");
    expect((error as HssApiError).url).toBe("https://hss.test/v5/p/asset/users?user_name=root&auth_token=%5BREDACTED%5D");
    expectClean(error, allSecrets());
  });

  it("a network error whose cause carries the request: clean", async () => {
    const hss = client((echo, request) => {
      const failure = new TypeError(`fetch failed: ${echo}`, { cause: new Error(echo) });
      Object.assign(failure, { request, headers: Object.fromEntries(request.headers) });
      throw failure;
    });
    const error = await hss.listUsers({ user_name: "root" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssNetworkError);
    expectClean(error, allSecrets());
  });

  it("a timeout: clean", async () => {
    // The fetch answers only once the call's signal aborts, which only the timeout can do: the
    // timer races nothing, however slow the machine (a signal already aborted is honoured too).
    const hss = client(
      (_echo, request) =>
        new Promise((_, reject) => {
          if (request.signal.aborted) reject(request.signal.reason);
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
        }),
      { timeout: 20 },
    );
    const error = await hss.listUsers({ user_name: "root" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssTimeoutError);
    expectClean(error, allSecrets());
  });

  it.each([
    // user_name allows 32 characters at most, so each of these is refused.
    ["a credential as an invalid value", (secret: string) => ({ user_name: secret })],
    ["a credential inside an invalid value", (secret: string) => ({ user_name: `root ${secret} root` })],
    ["a percent-encoded credential", (secret: string) => ({ user_name: encodeURIComponent(`${secret}/`) })],
    ["a credential under an unknown name", (secret: string) => ({ user_name: "root", secretKey: secret })],
  ])("a validation error for %s: clean", async (_case, params) => {
    const hss = client(() => json(200, { total_num: 0, data_list: [] }));
    for (const secret of secrets) {
      const given = params(secret);
      const invalid = await hss.listUsers(given as never).catch((caught: unknown) => caught);
      expect(invalid).toBeInstanceOf(HssValidationError);
      expectClean(invalid, allSecrets().flatMap((known) => [known, encodeURIComponent(known)]));
    }
  });

  it("a params argument that is a credential: clean", async () => {
    const hss = client(() => json(200, { total_num: 0, data_list: [] }));
    const invalid = await hss.listUsers(secrets[0] as never).catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(HssValidationError);
    expectClean(invalid, allSecrets());
  });

  it("a pagination error: clean", async () => {
    const hss = client(() => json(200, { total_num: 15, data_list: [] }));
    const pagination = await hss.paginate.listUsers.all({ user_name: "root" }).catch((caught: unknown) => caught);
    expect(pagination).toBeInstanceOf(HssPaginationError);
    expectClean(pagination, allSecrets());
  });

  it("the client object holds no credential that inspection can reach", async () => {
    const hss = client(() => json(200, { total_num: 0, data_list: [] }));
    await hss.listUsers({ user_name: "root" });
    expectClean(hss, allSecrets());
    expectClean(hss.raw, allSecrets());
    expectClean(hss.paginate, allSecrets());
    expect(Object.keys(hss)).not.toContain("credentials");
  });

  it("every error is an HssError whose JSON carries no cause", async () => {
    const hss = client(() => {
      throw new TypeError("fetch failed");
    });
    const error = await hss.listUsers({ user_name: "root" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssError);
    expect(JSON.parse(JSON.stringify(error))).not.toHaveProperty("cause");
  });
});

describe("configuration errors", () => {
  it("refuse a baseUrl with user info without echoing it", () => {
    expect(() =>
      createHssClient({ baseUrl: "https://user:pw-SECRET-123@hss.test", projectId: "p", credentials: { token: TOKEN } }),
    ).toThrow(
      new HssConfigurationError(
        "baseUrl must not carry user:password, a query or a fragment; pass credentials in the credentials option.",
      ),
    );
  });

  it("never echo a credential", () => {
    const error = (() => {
      try {
        createHssClient({ region: "cn-north-4", projectId: "p", credentials: { token: TOKEN, secretKey: SECRET_KEY } as never });
      } catch (caught) {
        return caught;
      }
      throw new Error("expected a configuration error");
    })();
    expect(error).toBeInstanceOf(HssConfigurationError);
    expectClean(error, [TOKEN, SECRET_KEY]);
  });
});
