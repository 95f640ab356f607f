// The `hss-mcp` executable: the MCP server on stdio (the default, for an agent that starts it) or
// on streamable HTTP (--http). stdout belongs to the protocol on stdio; messages go to stderr.

import { parseArgs } from "node:util";
import { createHssClient, HssError, type HssClientOptions } from "@hss-kit/client";
import { parseRateLimit } from "@hss-kit/spec";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { startHttpServer } from "./http.js";
import { createServerFactory, DEFAULT_CAPS } from "./server.js";

const usage = `Usage: hss-mcp [--http [--host ADDRESS] [--port N] [--allowed-host H:P]] [--region REGION] [--project-id ID] [--endpoint-url URL] [--max-rows N] [--max-bytes N] [--rate-limit N/WINDOW|off]

An MCP server with one read-only tool per read operation of the HSS v5 spec.

  (default)            speak MCP on stdin and stdout, for an agent that starts this command
  --http               serve MCP over streamable HTTP at http://HOST:PORT/mcp instead
  --host ADDRESS       with --http: address to bind (default 127.0.0.1; the server acts with its credentials)
  --port N             with --http: port (default 0, a free one; the URL is printed on stderr)
  --allowed-host H:P   with --http: also accept this Host header (repeatable), such as the name
                       a proxy in front of the server uses; others are refused (DNS rebinding)
  --region REGION      region of the endpoint, such as cn-north-4; also fills a region header
  --project-id ID      project (default $HUAWEICLOUD_SDK_PROJECT_ID; with AK/SK and --region, found through IAM)
  --endpoint-url URL   another endpoint: a proxy, a private gateway or a mock
  --max-rows N         records per tool result at most (default ${DEFAULT_CAPS.maxRows})
  --max-bytes N        bytes of records per tool result at most (default ${DEFAULT_CAPS.maxBytes})
  --rate-limit N/W|off the request budget per operation, shared by every tool and session, such
                       as 5/1m (default: the spec's, HSS's limit of 5 a minute; also $HSS_RATE_LIMIT);
                       off only where nothing throttles, such as the stateful mock

Credentials from the environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (with
HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys), or HSS_TOKEN for an IAM token.`;

function fail(message: string): never {
  process.stderr.write(`hss-mcp: ${message}\n${usage}\n`);
  process.exit(2);
}

function integer(name: string, raw: string | undefined, minimum: number): number | undefined {
  if (raw === undefined) return undefined;
  return /^\d{1,15}$/.test(raw) && Number(raw) >= minimum ? Number(raw) : fail(`--${name} must be an integer of at least ${minimum}; got ${JSON.stringify(raw)}.`);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      http: { type: "boolean" },
      host: { type: "string" },
      port: { type: "string" },
      "allowed-host": { type: "string", multiple: true },
      region: { type: "string" },
      "project-id": { type: "string" },
      "endpoint-url": { type: "string" },
      "max-rows": { type: "string" },
      "max-bytes": { type: "string" },
      "rate-limit": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (!values.http && (values.host !== undefined || values.port !== undefined || values["allowed-host"] !== undefined)) fail("--host, --port and --allowed-host need --http.");
const port = integer("port", values.port, 0);
if (port !== undefined && port > 65535) fail(`--port must be at most 65535; got ${port}.`);

/** `--rate-limit` as the client's `rateLimit` option: false for `off`, a budget for `N/WINDOW`. */
function rateLimitOf(given: string | undefined): HssClientOptions["rateLimit"] {
  if (given === undefined) return undefined;
  if (given === "off") return false;
  try {
    return parseRateLimit(given);
  } catch (error) {
    return fail(`--rate-limit must be off or N/WINDOW such as 5/1m; ${(error as Error).message}`);
  }
}

let newServer;
try {
  const rateLimit = rateLimitOf(values["rate-limit"] ?? process.env.HSS_RATE_LIMIT);
  const token = process.env.HSS_TOKEN;
  const client = createHssClient({
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(values["endpoint-url"] !== undefined ? { baseUrl: values["endpoint-url"] } : {}),
    ...(values["project-id"] !== undefined ? { projectId: values["project-id"] } : {}),
    ...(token ? { credentials: { token } } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
  });
  const maxRows = integer("max-rows", values["max-rows"], 1);
  const maxBytes = integer("max-bytes", values["max-bytes"], 1);
  newServer = createServerFactory({ client, ...(maxRows !== undefined ? { maxRows } : {}), ...(maxBytes !== undefined ? { maxBytes } : {}) });
} catch (error) {
  if (error instanceof HssError) fail(error.message);
  throw error;
}

if (values.http) {
  const running = await startHttpServer({
    newServer,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values["allowed-host"] !== undefined ? { allowedHosts: values["allowed-host"] } : {}),
  });
  process.stderr.write(`hss-mcp listening on ${running.url}\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} else {
  await newServer().connect(new StdioServerTransport());
}
