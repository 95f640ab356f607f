import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationById } from "@hss-kit/spec";
import { loadModel, startValidationProxy, UsageError } from "../src/index.js";
import { signRequest } from "@hss-kit/client";
import { startTarget, TARGET_KEYS, type Target } from "./fixtures/target.js";

describe("startValidationProxy", () => {
  let faulty: Target;
  let proxy: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    faulty = await startTarget("conformance.body");
    proxy = await startValidationProxy({ upstream: faulty.url });
  });
  afterAll(async () => {
    await proxy.close();
    await faulty.close();
  });

  it("turns a response that breaks the spec into a 500 naming each violation", async () => {
    const response = await fetch(`${proxy.url}/v5/${faulty.projectId}/asset/ports?host_id=host-1`, {
      headers: { "X-Auth-Token": faulty.token },
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { validation: { location: string[]; message: string }[] };
    // The fault gives the first field of every item a value of the wrong type.
    const first = operationById(loadModel(), "listPorts").fields[0]!;
    expect(body.validation).toContainEqual(expect.objectContaining({
      location: ["response", "body", "data_list", "0", first.name],
      message: expect.stringContaining(`must be ${String(first.schema.type)}`) as unknown,
    }));
  });

  it("with a key pair, accepts only signed requests and re-signs them for an upstream that verifies signatures", async () => {
    const upstream = await startTarget();
    const signing = await startValidationProxy({ upstream: upstream.url, keyPair: TARGET_KEYS });
    try {
      const path = `/v5/${upstream.projectId}/asset/users?limit=10`;
      const url = new URL(`${signing.url}${path}`);
      const signed = await signRequest({ method: "GET", url, ...TARGET_KEYS });
      const through = await fetch(url, { headers: { ...signed } });
      expect(through.status).toBe(200);
      const direct = await fetch(`${upstream.url}${path}`, { headers: { "X-Auth-Token": upstream.token } });
      expect(await through.json()).toEqual(await direct.json());
      const unsigned = await fetch(url, { headers: { "X-Auth-Token": upstream.token } });
      expect(unsigned.status).toBe(401);
      const wrong = await signRequest({ method: "GET", url, accessKey: TARGET_KEYS.accessKey, secretKey: "not-the-secret" });
      expect((await fetch(url, { headers: { ...wrong } })).status).toBe(401);
    } finally {
      await signing.close();
      await upstream.close();
    }
  });

  it("refuses an upstream that is not an http(s) URL, naming the flag", async () => {
    await expect(startValidationProxy({ upstream: "not a url" })).rejects.toThrow(UsageError);
    await expect(startValidationProxy({ upstream: "ftp://x" })).rejects.toThrow("--upstream must be an absolute http:// or https:// URL");
  });
});
