// Both transports: hss-mcp on stdio as an agent starts it, and the HTTP server's own guards.

import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningStatefulMock } from "@hss-kit/mock";
import { createHssClient } from "@hss-kit/client";
import { createServerFactory, startHttpServer } from "../src/index.js";
import { hssClient, model, overStdio, requiredArguments, resultOf, startMock } from "./helpers.js";

let mock: RunningStatefulMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const reads = model.operations.filter((operation) => operation.method === "GET");

describe("stdio (hss-mcp as a child process)", () => {
  it("initializes, lists every tool and calls each one, with its caps from the command line", async () => {
    const client = await overStdio(mock.url, ["--max-rows", "3"]);
    try {
      expect(client.getServerVersion()?.name).toBe("hss-kit");
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(reads.map((operation) => operation.id));
      for (const operation of reads) {
        const page = resultOf(await client.callTool({ name: operation.id, arguments: requiredArguments(operation, mock) })) as { data_list: unknown[]; next_offset?: number };
        expect(page.data_list).toHaveLength(3);
        expect(page.next_offset).toBe(3);
      }
    } finally {
      await client.close();
    }
  });
});

describe("hss-mcp --http (the README's command, on port 0)", () => {
  it("prints its URL and serves the tools there", async () => {
    const { spawn } = await import("node:child_process");
    const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
    const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
    const child = spawn(process.execPath, [new URL("../bin/hss-mcp.js", import.meta.url).pathname, "--http", "--port", "0", "--endpoint-url", mock.url, "--region", "cn-north-4", "--rate-limit", "off"], {
      env: { PATH: process.env.PATH, HUAWEICLOUD_SDK_AK: "AKMCPTEST", HUAWEICLOUD_SDK_SK: "mcp-secret-key-0123456789", HUAWEICLOUD_SDK_PROJECT_ID: "mcp-project" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(text);
          if (found) resolve(found[1]!);
        });
        child.once("exit", (code) => reject(new Error(`hss-mcp exited ${code}: ${text}`)));
      });
      const agent = new Client({ name: "agent", version: "0" });
      await agent.connect(new StreamableHTTPClientTransport(new URL(url)));
      expect((await agent.listTools()).tools.map((tool) => tool.name)).toEqual(reads.map((operation) => operation.id));
      await agent.close();
    } finally {
      child.kill();
    }
  });
});

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers } }, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => resolve({ status: response.statusCode!, text }));
    });
    sent.on("error", reject).end(body);
  });
}

const initialize = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "0" } } });

describe("streamable HTTP", () => {
  it("binds 127.0.0.1 unless told otherwise", async () => {
    const http = await startHttpServer({ newServer: createServerFactory({ client: hssClient(mock.url) }) });
    try {
      expect(new URL(http.url).hostname).toBe("127.0.0.1");
      expect((await post(http.url, {}, initialize)).status).toBe(200);
    } finally {
      await http.close();
    }
  });

  it("refuses a Host header it does not serve (DNS rebinding), and anything but POST /mcp", async () => {
    const http = await startHttpServer({ newServer: createServerFactory({ client: hssClient(mock.url) }) });
    try {
      expect((await post(http.url, { host: `evil.example:${new URL(http.url).port}` }, initialize)).status).toBe(403);
      expect((await post(http.url.replace("/mcp", "/other"), {}, initialize)).status).toBe(404);
      const get = await new Promise<number>((resolve, reject) => request(http.url, (response) => resolve(response.statusCode!)).on("error", reject).end());
      expect(get).toBe(405);
    } finally {
      await http.close();
    }
  });

  it("accepts a Host header it was told to, such as a proxy's name", async () => {
    const http = await startHttpServer({ newServer: createServerFactory({ client: hssClient(mock.url) }), allowedHosts: ["hss-mcp.internal:443"] });
    try {
      expect((await post(http.url, { host: "hss-mcp.internal:443" }, initialize)).status).toBe(200);
      expect((await post(http.url, { host: "hss-mcp.internal:444" }, initialize)).status).toBe(403);
    } finally {
      await http.close();
    }
  });

  it("every session draws on the one request budget: a second agent's call past it is a tool error, not a 429", async () => {
    const http = await startHttpServer({ newServer: createServerFactory({ client: hssClient(mock.url, { rateLimit: { requests: 1, windowMs: 24 * 3_600_000 } }) }) });
    try {
      const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
      const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
      const operation = reads[0]!;
      const results = [];
      for (const name of ["first agent", "second agent"]) {
        const agent = new Client({ name, version: "0" });
        await agent.connect(new StreamableHTTPClientTransport(new URL(http.url)));
        results.push(await agent.callTool({ name: operation.id, arguments: requiredArguments(operation, mock) }));
        await agent.close();
      }
      expect(results[0]!.isError).toBeFalsy();
      expect(results[1]!.isError).toBe(true);
      expect(JSON.stringify(results[1]!.content)).toMatch(/budget/i);
    } finally {
      await http.close();
    }
  });

  it("every session calls through the one client it was given", async () => {
    const seen: string[] = [];
    const client = createHssClient({
      baseUrl: mock.url,
      region: "cn-north-4",
      projectId: "mcp-project",
      credentials: { accessKey: "AKMCPTEST", secretKey: "mcp-secret-key-0123456789" },
      rateLimit: false,
      fetch: (request) => {
        seen.push(new URL(request.url).pathname);
        return fetch(request);
      },
    });
    const http = await startHttpServer({ newServer: createServerFactory({ client }) });
    try {
      const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
      const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
      const agents = await Promise.all(reads.slice(0, 2).map(async () => {
        const agent = new Client({ name: "agent", version: "0" });
        await agent.connect(new StreamableHTTPClientTransport(new URL(http.url)));
        return agent;
      }));
      for (const [index, operation] of reads.slice(0, 2).entries()) {
        expect(resultOf(await agents[index]!.callTool({ name: operation.id, arguments: requiredArguments(operation, mock) })).total_num).toEqual(expect.any(Number));
      }
      expect(seen).toHaveLength(2);
      await Promise.all(agents.map((agent) => agent.close()));
    } finally {
      await http.close();
    }
  });
});
