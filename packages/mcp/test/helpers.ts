// The stateful mock in-process on 127.0.0.1:0, the MCP server over streamable HTTP or stdio, and
// the SDK's own MCP client talking to it.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createHssClient, type HssClientOptions } from "@hss-kit/client";
import { startStatefulMock, type RunningStatefulMock } from "@hss-kit/mock";
import { loadModel, type OperationModel } from "@hss-kit/spec";
import { createServerFactory, startHttpServer, type RunningHttpServer } from "../src/index.js";

export const ACCESS_KEY = "AKMCPTEST";
export const SECRET_KEY = "mcp-secret-key-0123456789";
export const PROJECT = "mcp-project";
export const REGION = "cn-north-4";

export const model = loadModel();

export function startMock(): Promise<RunningStatefulMock> {
  return startStatefulMock({ port: 0, host: "127.0.0.1", keys: new Map([[ACCESS_KEY, SECRET_KEY]]), projectId: PROJECT });
}

export function hssClient(url: string, options: HssClientOptions = {}) {
  // The stateful mock does not throttle: no budget unless a test gives one.
  return createHssClient({ baseUrl: url, region: REGION, projectId: PROJECT, credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, rateLimit: false, ...options });
}

/** An MCP server on HTTP in-process with the SDK's client connected to it. */
export async function overHttp(mockUrl: string, caps: { maxRows?: number; maxBytes?: number } = {}, options: HssClientOptions = {}): Promise<{ client: Client; http: RunningHttpServer; close(): Promise<void> }> {
  const http = await startHttpServer({ newServer: createServerFactory({ client: hssClient(mockUrl, options), ...caps }) });
  const client = new Client({ name: "hss-kit-test", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
  return { client, http, close: async () => { await client.close(); await http.close(); } };
}

/** The MCP server as agents start it: `hss-mcp` as a child process on stdio. */
export async function overStdio(mockUrl: string, args: string[] = []): Promise<Client> {
  const client = new Client({ name: "hss-kit-test", version: "0.0.0" });
  await client.connect(new StdioClientTransport({
    command: process.execPath,
    args: [new URL("../bin/hss-mcp.js", import.meta.url).pathname, "--endpoint-url", mockUrl, "--region", REGION, "--rate-limit", "off", ...args],
    env: { HUAWEICLOUD_SDK_AK: ACCESS_KEY, HUAWEICLOUD_SDK_SK: SECRET_KEY, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT },
    stderr: "pipe",
  }));
  return client;
}

/** The parsed JSON of a tool result's text. */
export function resultOf(result: unknown): Record<string, unknown> {
  const content = (result as CallToolResult).content;
  expectText(content);
  return JSON.parse((content[0] as { text: string }).text) as Record<string, unknown>;
}

function expectText(content: CallToolResult["content"]): void {
  if (content.length !== 1 || content[0]!.type !== "text") throw new Error(`expected one text content, got ${JSON.stringify(content).slice(0, 200)}`);
}

/** Values for an operation's required arguments that have records in the mock. */
export function requiredArguments(operation: OperationModel, mock: RunningStatefulMock): Record<string, string> {
  return Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.required && !parameter.config)
      .map((parameter) => [parameter.name, mock.knownValues[parameter.name]?.[0] ?? (typeof parameter.example === "string" ? parameter.example : "any-value")]),
  );
}

/** A record without the `_iso` copies the server adds. */
export function withoutIso(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !(name.endsWith("_iso") && `${name.slice(0, -4)}` in record)));
}
