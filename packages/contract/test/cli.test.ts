import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveInputCases, loadModel, main, type CliIo } from "../src/index.js";
import { startTarget, type Target } from "./fixtures/target.js";

const BIN = fileURLToPath(new URL("../bin/hss-contract.js", import.meta.url));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

/** Runs the built CLI (bin → dist) without blocking this process, whose servers it talks to. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, wallMs: Math.round(performance.now() - started) });
    });
  });
}

/** The CLI in-process, for the many quick usage errors. */
async function runMain(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd: process.cwd() };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe("hss-contract against the stateful mock", () => {
  let server: Target;
  let faulty: Target;
  let dir: string;

  beforeAll(async () => {
    server = await startTarget();
    faulty = await startTarget("inputs.enum-unchecked");
    dir = mkdtempSync(join(tmpdir(), "hss-contract-"));
  });
  afterAll(async () => {
    await server.close();
    await faulty.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const flags = (target: Target) => ["--base-url", target.url, "--project-id", target.projectId, "--token", target.token, "--task-id", target.taskId];

  it("exits 0 with a line per check and the closing summary line (a default run)", async () => {
    const ran = await runCli(flags(server));
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/);
    expect(lines).toContain("PASS conformance.body listUsers");
    expect(lines).toContain("PASS pagination.compose listPorts");
    expect(lines).toContain("SKIP pagination.default-limit listLocalImageHosts: the spec documents no default for limit");
    console.log(`CLI default run against the stateful mock: ${ran.wallMs} ms (process start included); last lines:\n${lines.slice(-2).join("\n")}`);
    expect(ran.wallMs).toBeLessThan(30_000);
  });

  it("runs only the checks --checks selects, and reports p50/p95 per operation with --max-latency", async () => {
    // A budget no loopback answer can exceed within the 10 s request timeout: the check passes on any machine.
    const ran = await runCli([...flags(server), "--checks", "filters.exact,auth,robustness.latency", "--max-latency", "60000"]);
    expect(ran.code).toBe(0);
    const checks = new Set(ran.stdout.split("\n").flatMap((line) => /^(?:PASS|FAIL|SKIP) (\S+)/.exec(line)?.[1] ?? []));
    expect([...checks].sort()).toEqual(["auth.empty-token", "auth.missing-token", "auth.wrong-token", "filters.exact", "robustness.latency"]);
    for (const { id } of loadModel().operations) expect(ran.stdout).toMatch(new RegExp(`^latency ${id}: p50 \\d+ ms, p95 \\d+ ms over \\d+ responses$`, "m"));
  });

  it("exits 1 on a failing check, shows the request as curl without the token, and writes JSON and JUnit", async () => {
    const json = join(dir, "report.json");
    const junit = join(dir, "report.xml");
    const ran = await runCli([...flags(faulty), "--seed", "3", "--json", json, "--junit", junit]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain("FAIL inputs.bad-enum listPorts type=TCP-invalid (not one of TCP, UDP)");
    expect(ran.stdout).toMatch(/curl -sS -i 'http:\/\/127\.0\.0\.1:\d+\/v5\/[^']+type=TCP-invalid' -H "X-Auth-Token: \$HSS_TOKEN"/);
    expect(ran.stdout).toMatch(/- status: expected a documented refusal \(400, 403, 404\) of type=TCP-invalid .*; got 200/);
    // The fault fails one case per enum parameter the spec has a bad value for, and the case of
    // each enum value in another case (strict parsing), and nothing else.
    const failed = loadModel().operations.flatMap((operation) =>
      deriveInputCases(operation).filter((c) => c.check === "inputs.bad-enum" || (c.check === "inputs.strict-parsing" && c.parameter.rules.enum !== undefined))).length;
    expect(failed).toBeGreaterThan(0);
    expect(ran.stdout.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^\\d+ passed, ${failed} failed, \\d+ skipped$`));
    const report = JSON.parse(readFileSync(json, "utf8")) as { seed: number; summary: { failed: number } };
    expect(report.seed).toBe(3);
    expect(report.summary.failed).toBe(failed);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\n<testsuites name="hss-contract" tests="\\d+" failures="${failed}"`));
    expect(xml).toContain('<testcase classname="inputs.bad-enum" name="listPorts type=TCP-invalid (not one of TCP, UDP)"');
    for (const text of [ran.stdout, ran.stderr, readFileSync(json, "utf8"), xml]) expect(text).not.toContain(faulty.token);
  });

  it("takes the target from HSS_BASE_URL, HSS_PROJECT_ID and HSS_TOKEN", async () => {
    const ran = await runCli(["--task-id", server.taskId, "--profile", "mock"], {
      HSS_BASE_URL: server.url,
      HSS_PROJECT_ID: server.projectId,
      HSS_TOKEN: server.token,
    });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(", profile mock, seed ");
  });

  it("runs Prism's validation proxy in front of an implementation until stopped", async () => {
    const child: ChildProcess = spawn(process.execPath, [BIN, "proxy", "--upstream", server.url], { stdio: ["ignore", "pipe", "pipe"] });
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = "";
        let errors = "";
        child.stdout?.on("data", (chunk: Buffer) => {
          seen += chunk.toString();
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
          if (found) resolve(found[1] as string);
        });
        child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
        child.on("error", reject);
        void closed.then(() => reject(new Error(`proxy exited early with ${child.exitCode}: ${errors}`)));
      });
      const path = `/v5/${server.projectId}/asset/users?limit=10`;
      const ok = await fetch(`${url}${path}`, { headers: { "X-Auth-Token": server.token } });
      expect(ok.status).toBe(200);
      const direct = await fetch(`${server.url}${path}`, { headers: { "X-Auth-Token": server.token } });
      expect(await ok.json()).toEqual(await direct.json());
      const refused = await fetch(`${url}/v5/${server.projectId}/asset/users?limit=5`, { headers: { "X-Auth-Token": server.token } });
      // Prism's proxy refuses an invalid request itself with 422 problem+json, never forwarding it.
      expect(refused.status).toBe(422);
    } finally {
      if (child.exitCode === null) child.kill("SIGTERM");
      await closed;
    }
    expect(child.exitCode).toBe(0);
  });
});

describe("hss-contract usage errors", () => {
  const target = ["--base-url", "http://127.0.0.1:9", "--project-id", "p1", "--token", "secret-token-value"];

  it.each([
    [["--profile", "fast", ...target], '--profile must be full, mock, gateway; got "fast".'],
    [["--rate-limit", "5 a minute", ...target], '--rate-limit takes N/WINDOW, spec or off: a rate limit is REQUESTS/WINDOW such as 5/2s'],
    [["--rate-limit", "0/1m", ...target], '--rate-limit takes N/WINDOW, spec or off: a rate limit allows 1 to 1000000 requests; got "0/1m".'],
    [["--region", "mars-1", ...target], '--region must be an HSS region (cn-north-9, '],
    [["--seed", "x1", ...target], '--seed must be an integer; got "x1".'],
    [["--timeout", "10", ...target], "--timeout must be an integer from 50 to 600000; got 10."],
    [["--bogus", ...target], "Unknown option '--bogus'"],
    [["--project-id", "p1", "--token", "t"], "--base-url is required (or set HSS_BASE_URL)"],
    [["--base-url", "ftp://example.test", "--project-id", "p1", "--token", "t"], '--base-url must be an absolute http:// or https:// URL; got "ftp://example.test".'],
    [["--base-url", "http://user:pa55word@127.0.0.1:9", "--project-id", "p1", "--token", "t"], "--base-url must not carry credentials (user:password@); pass the token with --token."],
    [["--base-url", "http://127.0.0.1:9", "--project-id", "", "--token", "t"], '--project-id must be 1 to 256 characters long (the spec\'s project_id); got "".'],
    [["--base-url", "http://127.0.0.1:9", "--project-id", "p1"], "--token (or HSS_TOKEN) is required, or --access-key and --secret-key"],
    [["--host-id", "h".repeat(129), ...target], "--host-id must be 0 to 128 characters long (the spec's host_id)"],
    [["--junit", "/nonexistent-dir/r.xml", ...target], "--junit \"/nonexistent-dir/r.xml\": the directory /nonexistent-dir does not exist."],
    [["proxy"], "proxy needs --upstream URL"],
    [["proxy", "--upstream", "http://127.0.0.1:9", "--port", "70000"], "--port must be an integer from 0 to 65535; got 70000."],
  ])("%j exits 2 naming the flag", async (args, message) => {
    const ran = await runMain(args);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(message);
    expect(ran.stderr).not.toContain("secret-token-value");
    expect(ran.stderr).not.toContain("pa55word");
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 with a clear message, no stack trace, when nothing listens at the base URL", async () => {
    // Port 9 (discard) is privileged, so no test server bound to port 0 can hold it: nothing answers.
    const port = 9;
    const ran = await runCli(["--base-url", `http://127.0.0.1:${port}`, "--project-id", "p1", "--token", "secret-token-value"]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(`hss-contract: cannot reach --base-url http://127.0.0.1:${port}: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}\n`);
    expect(ran.stdout).toBe("");
  });

  it("prints usage and exits 0 on --help", async () => {
    const ran = await runMain(["--help"]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain("hss-contract --base-url URL --project-id ID --token TOKEN [options]");
  });
});
