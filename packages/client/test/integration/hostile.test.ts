// The client against a server that misbehaves on purpose, over real loopback HTTP, on both of its
// ways to send: the runtime's own fetch (the build for every runtime but Node, run from source)
// and undici's fetch (the Node build, from dist/): every failure is a typed HssError, memory stays bounded (the server counts
// what it had to send before the client stopped reading), credentials never follow a redirect or
// show in an error, and nothing hangs.
import { HOSTILE_MODES, SAME_PAGE_TOTAL, startHostileServer, type HostileModeName, type HostileServer } from "@hss-kit/hostile-server";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as source from "../../src/index.js";
import type { HssClientOptions, HssCredentials, HssError, HssResponseTooLargeError } from "../../src/index.js";

// The Node build, typed as the source it is built from.
const nodeBuild = (await import("../../dist/node/index.js" as string)) as typeof source;

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

let lib: typeof source;

function client(mode: HostileModeName, options: HssClientOptions = {}) {
  return lib.createHssClient({
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
  expect(error).toBeInstanceOf(lib.HssError);
  return error as HssError;
}

/** What each mode must come to; a mode added to the server without a case here fails the last test. */
const cases: Record<HostileModeName, () => Promise<void>> = {
  async "huge-body"() {
    const before = server.bytesSent();
    const error = await failure(client("huge-body").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssResponseTooLargeError);
    expect(error.message).toContain("larger than maxResponseBytes (16777216 bytes)");
    // Refused from its Content-Length, not read up to the limit first.
    expect(server.bytesSent() - before).toBeLessThan(16 * 1024 * 1024);
  },
  async "endless-body"() {
    const before = server.bytesSent();
    const error = await failure(client("endless-body", { maxResponseBytes: LIMIT }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssResponseTooLargeError);
    // The client stopped reading at the limit: what the server got out is the limit plus socket buffers.
    expect(server.bytesSent() - before).toBeLessThan(LIMIT + 16 * LIMIT);
  },
  async "gzip-bomb"() {
    const error = await failure(client("gzip-bomb", { maxResponseBytes: LIMIT }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssResponseTooLargeError);
    expect((error as HssResponseTooLargeError).limitBytes).toBe(LIMIT);
  },
  async "invalid-json"() {
    const error = await failure(client("invalid-json").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssResponseError);
    expect(error.message).toContain('its body is not JSON (Content-Type "application/json"; it starts "{\\"total_num\\": 2');
  },
  async html() {
    const error = await failure(client("html").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssResponseError);
    expect(error.message).toContain('its body is not JSON (Content-Type "text/html"; it starts "<!doctype html>');
  },
  async "empty-200"() {
    const error = await failure(client("empty-200").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssResponseError);
    expect(error.message).toContain("it is empty");
  },
  async "not-a-page"() {
    const error = await failure(client("not-a-page").listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssResponseError);
    expect(error.message).toContain("its data_list is string where the spec gives array");
  },
  async "reset-mid-body"() {
    const error = await failure(client("reset-mid-body", { maxRetries: 2 }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssNetworkError);
    expect(error.message).toContain("the HTTP 200 response was cut off before its body ended");
    expect(server.requests).toHaveLength(3);
  },
  async "reset-before-response"() {
    const error = await failure(client("reset-before-response", { maxRetries: 2 }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssNetworkError);
    expect(server.requests).toHaveLength(3);
  },
  async "redirect-cross-origin"() {
    for (const credentials of [{ token: TOKEN }, { accessKey: "AK-public", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }]) {
      const error = await failure(client("redirect-cross-origin", { credentials }).listPorts({ host_id: "h" }));
      expect(error).toBeInstanceOf(lib.HssRedirectError);
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
      expect(error).toBeInstanceOf(lib.HssAuthenticationError);
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
    expect(error).toBeInstanceOf(lib.HssPaginationError);
    expect(error.message).toContain(`the page repeats the page at offset 0 item for item`);
    expect(error.message).toContain(String(SAME_PAGE_TOTAL));
    expect(server.requests).toHaveLength(2);
  },
  async hang() {
    // Nothing to race: the server never answers, so only the timeout can end the call.
    const error = await failure(client("hang", { timeout: 200 }).listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(lib.HssTimeoutError);
  },
};

describe.each([
  ["the runtime's fetch", source],
  ["undici's fetch, on Node", nodeBuild],
])("the client against a hostile server, through %s", (_, build) => {
  beforeAll(() => {
    lib = build;
  });

  it.each(HOSTILE_MODES.map((mode) => [mode.name, mode.description]))("%s (%s)", async (name) => {
    await cases[name as HostileModeName]();
  });

  it("has a case for every mode of the server", () => {
    expect(Object.keys(cases).sort()).toEqual(HOSTILE_MODES.map((mode) => mode.name).sort());
  });
});
