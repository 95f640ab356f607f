// The client against a server that misbehaves on purpose, over real loopback HTTP with the
// runtime's own fetch: every failure is a typed HssError, memory stays bounded (the server counts
// what it had to send before the client stopped reading), credentials never follow a redirect or
// show in an error, and nothing hangs.
import { HOSTILE_MODES, SAME_PAGE_TOTAL, startHostileServer, type HostileModeName, type HostileServer } from "@hss-kit/hostile-server";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  HssAuthenticationError,
  HssError,
  HssNetworkError,
  HssPaginationError,
  HssRedirectError,
  HssResponseError,
  HssResponseTooLargeError,
  HssTimeoutError,
  createHssClient,
  type HssClientOptions,
  type HssCredentials,
} from "../../src/index.js";

const TOKEN = "TOKEN-hostile-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SECRET_KEY = "SK-hostile-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const SECURITY_TOKEN = "STS-hostile-cccccccccccccccccccccccccccccccccccccccccccc";
const LIMIT = 1024 * 1024;

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function client(mode: HostileModeName, options: HssClientOptions = {}) {
  return createHssClient({
    baseUrl: server.baseUrl(mode),
    projectId: "p",
    credentials: { token: TOKEN },
    retryDelay: { initialMs: 0, maxMs: 0 },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<HssError> {
  const error = await promise.then(
    () => new Error("expected the call to fail"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HssError);
  return error as HssError;
}

/** What each mode must come to; a mode added to the server without a case here fails the last test. */
const cases: Record<HostileModeName, () => Promise<void>> = {
  async "huge-body"() {
    const error = await failure(client("huge-body").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssResponseTooLargeError);
    expect(error.message).toContain("larger than maxResponseBytes (16777216 bytes)");
  },
  async "endless-body"() {
    const error = await failure(client("endless-body", { maxResponseBytes: LIMIT }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssResponseTooLargeError);
    // The client stopped reading at the limit: what the server got out is the limit plus socket buffers.
    expect(server.bytesSent()).toBeLessThan(LIMIT + 16 * LIMIT);
  },
  async "gzip-bomb"() {
    const error = await failure(client("gzip-bomb", { maxResponseBytes: LIMIT }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssResponseTooLargeError);
    expect((error as HssResponseTooLargeError).limitBytes).toBe(LIMIT);
  },
  async "invalid-json"() {
    const error = await failure(client("invalid-json").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssResponseError);
    expect(error.message).toContain('its body is not JSON (Content-Type "application/json"; it starts "{\\"total_num\\": 2');
  },
  async html() {
    const error = await failure(client("html").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssResponseError);
    expect(error.message).toContain('its body is not JSON (Content-Type "text/html"; it starts "<!doctype html>');
  },
  async "empty-200"() {
    const error = await failure(client("empty-200").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssResponseError);
    expect(error.message).toContain("it is empty");
  },
  async "not-a-page"() {
    const error = await failure(client("not-a-page").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssResponseError);
    expect(error.message).toContain("its data_list is string where the spec gives array");
  },
  async "reset-mid-body"() {
    const error = await failure(client("reset-mid-body", { maxRetries: 2 }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssNetworkError);
    expect(error.message).toContain("the HTTP 200 response was cut off before its body ended");
    expect(server.requests).toHaveLength(3);
  },
  async "reset-before-response"() {
    const error = await failure(client("reset-before-response", { maxRetries: 2 }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssNetworkError);
    expect(server.requests).toHaveLength(3);
  },
  async "redirect-cross-origin"() {
    for (const credentials of [{ token: TOKEN }, { accessKey: "AK-public", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }]) {
      const error = await failure(client("redirect-cross-origin", { credentials }).listPorts({ host_id: "h" }));
      expect(error).toBeInstanceOf(HssRedirectError);
      expect(error.message).toMatch(/was answered with HTTP 307 to http:\/\/127\.0\.0\.1:\d+\/v5\/p\/asset\/ports\?host_id=h; HSS does not redirect/);
    }
    expect(server.requests.filter((request) => request.mode === "redirect-target")).toEqual([]);
  },
  async "echo-credentials"() {
    const modes: Array<[HssCredentials, string[]]> = [
      [{ token: TOKEN }, [TOKEN]],
      [{ accessKey: "AK-public", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }, [SECRET_KEY, SECURITY_TOKEN]],
    ];
    for (const [credentials, secrets] of modes) {
      const error = await failure(client("echo-credentials", { credentials }).listPorts({ host_id: "h" }));
      expect(error).toBeInstanceOf(HssAuthenticationError);
      const rendered = [error.message, error.stack, inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error)].join("\n");
      expect(rendered).toContain("[REDACTED]");
      for (const secret of secrets) {
        for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")]) expect(rendered).not.toContain(form);
      }
      expect(rendered).not.toMatch(/Signature=[0-9a-f]{64}/);
    }
  },
  async "same-page"() {
    const error = await failure(client("same-page").paginate.listPorts.all({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssPaginationError);
    expect(error.message).toContain(`the page repeats the page at offset 0 item for item`);
    expect(error.message).toContain(String(SAME_PAGE_TOTAL));
    expect(server.requests).toHaveLength(2);
  },
  async hang() {
    // Nothing to race: the server never answers, so only the timeout can end the call.
    const error = await failure(client("hang", { timeout: 200 }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssTimeoutError);
  },
};

describe("the client against a hostile server", () => {
  it.each(HOSTILE_MODES.map((mode) => [mode.name, mode.description]))("%s (%s)", async (name) => {
    await cases[name as HostileModeName]();
  });

  it("has a case for every mode of the server", () => {
    expect(Object.keys(cases).sort()).toEqual(HOSTILE_MODES.map((mode) => mode.name).sort());
  });
});
