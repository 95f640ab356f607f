import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startValidationProxy, UsageError } from "../src/index.js";
import { createReferenceServer, type ReferenceServer } from "./fixtures/reference-server.js";

describe("startValidationProxy", () => {
  let faulty: ReferenceServer;
  let proxy: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    faulty = await createReferenceServer({ fault: "conformance.body" });
    proxy = await startValidationProxy({ upstream: faulty.url });
  });
  afterAll(async () => {
    await proxy.close();
    await faulty.close();
  });

  it("turns a response that breaks the spec into a 500 naming each violation", async () => {
    const response = await fetch(`${proxy.url}/v5/${faulty.projectId}/asset/ports?host_id=4f0e0c1a-7d2b-4c55-9a10-000000000000`, {
      headers: { "X-Auth-Token": faulty.token },
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { validation: { location: string[]; message: string }[] };
    expect(body.validation).toContainEqual(expect.objectContaining({
      location: ["response", "body", "data_list", "0", "pid"],
      message: expect.stringContaining(">= 1") as unknown,
    }));
  });

  it("refuses an upstream that is not an http(s) URL, naming the flag", async () => {
    await expect(startValidationProxy({ upstream: "not a url" })).rejects.toThrow(UsageError);
    await expect(startValidationProxy({ upstream: "ftp://x" })).rejects.toThrow("--upstream must be an absolute http:// or https:// URL");
  });
});
