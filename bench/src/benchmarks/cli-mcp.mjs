// @ts-check
// The command line and the MCP server as users run them, against the stateful mock in a child
// process: `hss --help` start-up, `hss list-users --all` from process start to exit, and hss-mcp
// on stdio (start-up to the tools list, then one tools/call after another).

import { spawn, spawnSync } from "node:child_process";
import { ROOT } from "../turbo.mjs";
import { startServer } from "../servers.mjs";
import { now, summarize } from "../stats.mjs";

export const name = "cli-mcp";

const HSS = `${ROOT}/packages/cli/bin/hss.js`;
const HSS_MCP = `${ROOT}/packages/mcp/bin/hss-mcp.js`;

/**
 * hss-mcp on stdio, with a `call` that sends one JSON-RPC request and resolves to its answer.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function startMcp(args, env) {
  const child = spawn(process.execPath, [HSS_MCP, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  /** @type {Map<number, (message: any) => void>} */
  const waiting = new Map();
  let buffer = "";
  child.stdout.setEncoding("utf8").on("data", (/** @type {string} */ chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n")) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    }
  });
  let id = 0;
  return {
    /** @param {string} method @param {object} params @returns {Promise<any>} */
    call(method, params) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`hss-mcp did not answer ${method} within 30 s`)), 30_000);
        waiting.set(++id, (message) => {
          clearTimeout(timer);
          resolve(message);
        });
        child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      });
    },
    /** @param {string} method */
    notify(method) {
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method })}\n`);
    },
    stop() {
      child.kill();
    },
  };
}

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds, quick }) {
  const server = await startServer({ kind: "stateful" });
  try {
    const { projectId, token } = server.info;
    // The bench server does not throttle, and what is timed is the tools' own cost, not the budget's waits.
    const env = { PATH: process.env.PATH, HSS_TOKEN: token, HUAWEICLOUD_SDK_PROJECT_ID: projectId, HSS_RATE_LIMIT: "off" };
    const times = quick ? 1 : Math.max(3, rounds);

    /** @type {number[]} */ const startup = [];
    for (let i = 0; i < times; i++) {
      const t0 = now();
      const result = spawnSync(process.execPath, [HSS, "--help"], { encoding: "utf8", env, timeout: 60_000 });
      if (result.status !== 0) throw new Error(`hss --help exited ${result.status}: ${result.stderr.slice(-300)}`);
      startup.push((now() - t0) / 1000);
    }

    /** @type {number[]} */ const walk = [];
    let records = 0;
    for (let i = 0; i < times; i++) {
      const t0 = now();
      const result = spawnSync(process.execPath, [HSS, "list-users", "--all", "-o", "ndjson", "--endpoint-url", server.url], { encoding: "utf8", env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
      if (result.status !== 0) throw new Error(`hss list-users --all exited ${result.status}: ${result.stderr.slice(-300)}`);
      walk.push((now() - t0) / 1000);
      records = result.stdout.trimEnd().split("\n").length;
    }

    /** @type {number[]} */ const mcpStartup = [];
    /** @type {number[]} */ const perCall = [];
    let bytes = 0;
    let rows = 0;
    for (let i = 0; i < times; i++) {
      const t0 = now();
      const mcp = startMcp(["--endpoint-url", server.url], env);
      try {
        const init = await mcp.call("initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "0" } });
        if (!init.result) throw new Error(`hss-mcp refused initialize: ${JSON.stringify(init).slice(0, 300)}`);
        mcp.notify("notifications/initialized");
        const listed = await mcp.call("tools/list", {});
        if (!listed.result?.tools?.length) throw new Error(`hss-mcp listed no tools: ${JSON.stringify(listed).slice(0, 300)}`);
        mcpStartup.push((now() - t0) / 1000);
        const calls = quick ? 5 : 40;
        const t1 = now();
        for (let c = 0; c < calls; c++) {
          const answer = await mcp.call("tools/call", { name: "listUsers", arguments: {} });
          if (answer.result?.isError) throw new Error(`listUsers failed: ${answer.result.content[0].text.slice(0, 300)}`);
          const text = answer.result.content[0].text;
          bytes = Buffer.byteLength(JSON.stringify(answer.result));
          rows = JSON.parse(text).data_list.length;
        }
        perCall.push((now() - t1) / calls);
      } finally {
        mcp.stop();
      }
    }

    const w = summarize(walk);
    return [
      { metric: "hss start-up alone (hss --help)", value: summarize(startup).median, unit: "s", summary: summarize(startup) },
      { metric: "hss list-users --all -o ndjson, process start to exit", value: w.median, unit: "s", summary: w, detail: `${records} records` },
      { metric: "hss-mcp start-up to its tools list (stdio)", value: summarize(mcpStartup).median, unit: "s", summary: summarize(mcpStartup) },
      { metric: "hss-mcp tools/call listUsers, one after another", value: summarize(perCall).median, unit: "ms", summary: summarize(perCall), detail: `${rows} rows (the default cap), ${bytes} bytes of result` },
    ];
  } finally {
    await server.stop();
  }
}
