// Credentials and project from the options or, like the official SDKs, from the environment.
import { afterEach, describe, expect, it, vi } from "vitest";
import { HssConfigurationError, createHssClient, type HssClientOptions } from "../src/index.js";
import { fakeFetch } from "./helpers/fake-fetch.js";

function build(options: HssClientOptions) {
  const fake = fakeFetch();
  const hss = createHssClient({ region: "cn-north-4", fetch: fake.fetch, ...options });
  return { hss, requests: fake.requests };
}

function clearEnv() {
  for (const name of ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_PROJECT_ID"]) {
    vi.stubEnv(name, undefined);
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("credentials from the environment", () => {
  it("signs with HUAWEICLOUD_SDK_AK/SK/SECURITY_TOKEN and addresses HUAWEICLOUD_SDK_PROJECT_ID", async () => {
    clearEnv();
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "ENV-AK");
    vi.stubEnv("HUAWEICLOUD_SDK_SK", "env-secret-key");
    vi.stubEnv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "env-security-token");
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "env-project");
    const { hss, requests } = build({});
    await hss.listUsers();
    const request = requests[0]!;
    expect(new URL(request.url).pathname).toBe("/v5/env-project/asset/users");
    expect(request.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=ENV-AK, SignedHeaders=\S*x-security-token/);
    expect(request.headers.get("X-Security-Token")).toBe("env-security-token");
    expect(request.headers.get("X-Project-Id")).toBe("env-project");
  });

  it("names the missing variables, and never a value", () => {
    clearEnv();
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "ENV-AK");
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "p");
    expect(() => build({})).toThrow(
      new HssConfigurationError(
        "No credentials: pass credentials ({ token } or { accessKey, secretKey }) or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK; missing HUAWEICLOUD_SDK_SK.",
      ),
    );
  });

  it("names the missing project", () => {
    clearEnv();
    expect(() => build({ credentials: { token: "t" } })).toThrow(
      new HssConfigurationError(
        "No project: pass projectId or set HUAWEICLOUD_SDK_PROJECT_ID (or sign with AK/SK and give a region, and the project is found through IAM).",
      ),
    );
  });

  it("prefers the options over the environment", async () => {
    clearEnv();
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "ENV-AK");
    vi.stubEnv("HUAWEICLOUD_SDK_SK", "env-secret-key");
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "env-project");
    const { hss, requests } = build({ projectId: "mine", credentials: { token: "my-token" } });
    await hss.listUsers();
    expect(requests[0]!.headers.get("X-Auth-Token")).toBe("my-token");
    expect(requests[0]!.headers.has("Authorization")).toBe(false);
    expect(new URL(requests[0]!.url).pathname).toBe("/v5/mine/asset/users");
  });

  it("works where there is no process at all (browsers)", () => {
    const saved = globalThis.process;
    try {
      // @ts-expect-error: a browser has no process
      delete globalThis.process;
      expect(() => createHssClient({ region: "cn-north-4" })).toThrow("missing HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK");
    } finally {
      globalThis.process = saved;
    }
  });
});

const TOKEN_HINT = "pass an IAM token (is the environment variable it comes from unset?).";
const KEYS_HINT = "pass an access key pair or { token } (are the environment variables they come from unset?).";

describe("credentials in the options", () => {
  it("AK/SK requests carry X-Sdk-Date, X-Project-Id and a signed Authorization, and no token", async () => {
    const { hss, requests } = build({ projectId: "p1", credentials: { accessKey: "AK1", secretKey: "secret-key-1" } });
    await hss.listUsers({ limit: 10 });
    const request = requests[0]!;
    expect(request.headers.get("X-Sdk-Date")).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers.get("X-Project-Id")).toBe("p1");
    expect(request.headers.get("Authorization")).toMatch(
      /^SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers.has("X-Auth-Token")).toBe(false);
    expect(request.headers.has("X-Security-Token")).toBe(false);
  });

  it.each<[unknown, string]>([
    [{}, `credentials.accessKey is undefined and credentials.secretKey is undefined; ${KEYS_HINT}`],
    [{ accessKey: "AK" }, `credentials.secretKey is undefined; ${KEYS_HINT}`],
    [{ accessKey: "AK", secretKey: "" }, `credentials.secretKey is an empty string; ${KEYS_HINT}`],
    [{ accessKey: process.env.HSS_TEST_UNSET_AK, secretKey: process.env.HSS_TEST_UNSET_SK }, `credentials.accessKey is undefined and credentials.secretKey is undefined; ${KEYS_HINT}`],
    // `credentials: { token: process.env.HSS_TOKEN! }` with the variable unset: about the token, not the keys.
    [{ token: process.env.HSS_TEST_UNSET_TOKEN }, `credentials.token is undefined; ${TOKEN_HINT}`],
    [{ token: "" }, `credentials.token is an empty string; ${TOKEN_HINT}`],
    [{ token: 42 }, `credentials.token is not a string; ${TOKEN_HINT}`],
    [{ token: "t", secretKey: "sk-do-not-show" }, "credentials take either a token or an access key, not both; drop credentials.token or credentials.secretKey."],
    [{ accessKey: "AK", secretKey: "sk-do-not-show", securityToken: 5 }, "credentials.securityToken must be a non-empty string when given."],
    ["token-as-string", "credentials must be an object: { token } or { accessKey, secretKey, securityToken? }."],
  ])("refuses %j, naming the field", (credentials, message) => {
    const error = (() => {
      try {
        build({ projectId: "p", credentials: credentials as never });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error("expected a configuration error");
    })();
    expect(error).toBeInstanceOf(HssConfigurationError);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain("sk-do-not-show");
    expect(error.message).not.toContain("token-as-string");
  });
});
