// @ts-check
// One hostile case in a process of its own, so its peak memory is its own: `node case.mjs
// SUBJECT MODE URL` runs SUBJECT (client, cli, mock, proxy) against the hostile server at URL in
// MODE and prints one JSON line: the outcome, the wall time and the process's peak RSS.

import { createHssClient } from "@hss-kit/client";
import { main } from "@hss-kit/contract";
import { startMock } from "@hss-kit/mock";

const [subject, mode, serverUrl] = process.argv.slice(2);
const base = `${serverUrl}/${mode}`;
const TOKEN = "TOKEN/hostile+report=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const PORTS = "/v5/p/asset/ports?host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac";

/** @returns {Promise<string>} */
async function client() {
  const hss = createHssClient({ baseUrl: base, projectId: "p", credentials: { token: TOKEN }, retryDelay: { initialMs: 0, maxMs: 0 }, timeout: 5000 });
  try {
    if (mode === "same-page") await hss.paginate.listPorts.all({ host_id: "h" });
    else await hss.listPorts({ host_id: "h" });
    return "resolved";
  } catch (error) {
    const e = /** @type {Error} */ (error);
    return `${e.name}${e.message.includes(TOKEN) ? " LEAKED TOKEN" : ""}`;
  }
}

async function cli() {
  let output = "";
  const io = { stdout: (/** @type {string} */ t) => void (output += t), stderr: (/** @type {string} */ t) => void (output += t), env: {}, cwd: process.cwd() };
  const status = await main(["--base-url", base, "--project-id", "p", "--token", TOKEN, "--host-id", "h", "--timeout", "2000", "--seed", "1"], io);
  const leaked = [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString("base64")].some((form) => output.includes(form));
  return `exit ${status}${leaked ? " LEAKED TOKEN" : ""}`;
}

async function through(url) {
  const answer = await fetch(url, { headers: { "X-Auth-Token": TOKEN } });
  const body = await answer.text();
  let code = "";
  try {
    code = JSON.parse(body).error_code ?? "";
  } catch {
    // not an Error body
  }
  return `HTTP ${answer.status}${code ? ` ${code}` : ""}`;
}

async function proxy() {
  const running = await startMock({ upstream: base, upstreamTimeoutMs: 2000 });
  try {
    const first = await through(running.url + PORTS);
    const second = await through(running.url + PORTS);
    return `${first}, then ${second}`;
  } finally {
    await running.close();
  }
}

async function mock() {
  // The mock has no upstream: the hostile input is the request. Each mode stands for one malformed request.
  const running = await startMock();
  try {
    const bad = await through(`${running.url}/v5/%zz/asset/users`);
    const next = await through(running.url + PORTS);
    return `${bad}, then ${next}`;
  } finally {
    await running.close();
  }
}

const started = performance.now();
const outcome = await { client, cli, proxy, mock }[subject]();
const ms = Math.round(performance.now() - started);
console.log(JSON.stringify({ subject, mode, outcome, ms, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
