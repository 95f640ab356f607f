// Both mocks answer browsers from other origins: a preflight gets the methods and headers it asks
// for, and every answer (a refusal too) may be read by any origin, X-Request-Id included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock } from "../src/index.js";
import { startStatefulMock } from "../src/stateful/index.js";

const servers: Array<{ url: string; close: () => Promise<void> }> = [];
beforeAll(async () => {
  servers.push(await startMock({ port: 0, token: "cors-token" }), await startStatefulMock({ port: 0, token: "cors-token" }));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe.each([["Prism mock", 0], ["stateful mock", 1]] as const)("the %s and CORS", (_name, index) => {
  const url = () => `${servers[index]!.url}/v5/p1/asset/users?limit=10`;

  it("answers a preflight with what the page asked for", async () => {
    const response = await fetch(url(), {
      method: "OPTIONS",
      headers: { Origin: "http://127.0.0.1:8080", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-auth-token, x-sdk-date" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toBe("x-auth-token, x-sdk-date");
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("lets any origin read an answer and its X-Request-Id, a refusal too", async () => {
    for (const token of ["cors-token", "wrong-token"]) {
      const response = await fetch(url(), { headers: { Origin: "http://127.0.0.1:8080", "X-Auth-Token": token } });
      expect(response.status).toBe(token === "cors-token" ? 200 : 401);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
      await response.arrayBuffer();
    }
  });

  it("does not echo a header list that is not a list of header names", async () => {
    const response = await fetch(url(), {
      method: "OPTIONS",
      headers: { Origin: "http://x", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-auth-token, <script>" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toBeNull();
  });
});
