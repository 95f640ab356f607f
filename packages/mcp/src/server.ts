// The MCP server: `tools/list` and `tools/call` over the tools of the spec model, every call made
// through one HSS client, so its retries and throttle budget cover every tool and every session.

import { readFileSync } from "node:fs";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { HssApiError, HssError, HssValidationError, type HssClient } from "@hss-kit/client";
import { loadModel, type SpecModel } from "@hss-kit/spec";
import { capPage, timeFieldsOf } from "./results.js";
import { toolsOf, type ResultCaps, type ToolSpec } from "./tools.js";

/** Options of {@link createServerFactory}. */
export interface HssMcpOptions {
  /** The one client every tool calls, shared by every session (its throttle budget with it). */
  client: HssClient;
  /** The spec model the tools come from; the bundled spec's by default. */
  model?: SpecModel;
  /** Records per result at most. Default 50. */
  maxRows?: number;
  /** Bytes of records per result at most, as JSON. Default 65,536. */
  maxBytes?: number;
}

/** The caps a server uses when none are given. */
export const DEFAULT_CAPS: ResultCaps = { maxRows: 50, maxBytes: 64 * 1024 };

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

const text = (value: unknown) => JSON.stringify(value);

/** An HSS failure as a tool error: what the agent can act on, and nothing secret (the client's messages are redacted). */
export function toolError(error: unknown): CallToolResult {
  const details: Record<string, unknown> = error instanceof HssError
    ? { error: error.name, message: error.message }
    : { error: "InternalError", message: `the tool failed unexpectedly (${error instanceof Error ? error.name : typeof error})` };
  if (error instanceof HssApiError) {
    Object.assign(details, { status: error.status, error_code: error.errorCode, error_msg: error.errorMsg, request_id: error.requestId });
  }
  if (error instanceof HssValidationError) Object.assign(details, { parameter: error.parameter, allowed: error.allowed });
  return { isError: true, content: [{ type: "text", text: text(details) }] };
}

function checkCaps(options: HssMcpOptions): ResultCaps {
  const caps = { maxRows: options.maxRows ?? DEFAULT_CAPS.maxRows, maxBytes: options.maxBytes ?? DEFAULT_CAPS.maxBytes };
  for (const [name, value] of Object.entries(caps)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer; got ${JSON.stringify(value)}.`);
  }
  return caps;
}

type AnyMethod = (params: object) => Promise<unknown>;

async function callTool(tool: ToolSpec, given: Record<string, unknown>, client: HssClient, caps: ResultCaps): Promise<CallToolResult> {
  const { operation } = tool;
  const method = (client as unknown as Record<string, AnyMethod>)[operation.id]!;
  if (!operation.paginated) {
    const body = await method(given);
    return { content: [{ type: "text", text: text(body) }] };
  }
  const limitName = operation.parameters.find((parameter) => parameter.paging === "limit")!.name;
  const offsetName = operation.parameters.find((parameter) => parameter.paging === "offset")!.name;
  const asked = given[limitName];
  if (asked !== undefined && (!Number.isSafeInteger(asked) || (asked as number) < 1)) {
    throw new HssValidationError({ operationId: operation.id, parameter: limitName, value: asked, allowed: "an integer of at least 1", problem: "invalid" });
  }
  const wanted = Math.min((asked as number | undefined) ?? caps.maxRows, caps.maxRows);
  // Ask HSS for at least its minimum page and at most its maximum; the cap trims what comes back.
  const rules = operation.parameters.find((parameter) => parameter.name === limitName)!.rules;
  const limit = Math.min(Math.max(wanted, rules.minimum ?? 1), rules.maximum ?? Infinity);
  const offset = (given[offsetName] as number | undefined) ?? 0;
  const body = (await method({ ...given, [limitName]: limit, [offsetName]: offset })) as { total_num: number; data_list: unknown[] };
  const result = capPage(body, offset, wanted, caps, timeFieldsOf(operation));
  // One copy of the records, as text: a structuredContent copy would double what the caps bound.
  return { content: [{ type: "text", text: text(result) }] };
}

/**
 * Returns a function that makes an MCP server (the SDK's `Server`) with one read-only tool per
 * read operation of the spec. Every server it makes calls the same client: make one per session
 * or per HTTP request, and the client's throttle budget still covers them all.
 *
 * @example
 * const newServer = createServerFactory({ client: createHssClient({ region: "cn-north-4" }) });
 * await newServer().connect(new StdioServerTransport());
 */
export function createServerFactory(options: HssMcpOptions): () => Server {
  const caps = checkCaps(options);
  const tools = toolsOf(options.model ?? loadModel(), caps);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const listed = tools.map(({ operation: _operation, ...tool }) => tool);
  return () => {
    const server = new Server({ name: "hss-kit", version: VERSION }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => {
      const tool = byName.get(request.params.name);
      if (!tool) {
        const details = { error: "UnknownTool", message: `There is no tool ${JSON.stringify(request.params.name).slice(0, 100)}; the tools are ${tools.map((t) => t.name).join(", ")}.` };
        return { isError: true, content: [{ type: "text", text: text(details) }] };
      }
      try {
        return await callTool(tool, request.params.arguments ?? {}, options.client, caps);
      } catch (error) {
        return toolError(error);
      }
    });
    return server;
  };
}
