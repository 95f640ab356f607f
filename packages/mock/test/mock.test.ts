import { execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../src/index.js";

const portsPath = "/v5/project-1/asset/ports?host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac";

describe("startMock", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(() => mock.close());

  it("listens on loopback on a free port", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers a valid request with the spec's example and X-Request-Id", async () => {
    const response = await fetch(mock.url + portsPath, { headers: { "X-Auth-Token": "token" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const body = await response.json();
    expect(body.total_num).toBe(2);
    expect(body.data_list[0].host_id).toBe("dd91cd32-a238-4c0e-bc01-3b11653714ac");
  });

  it("refuses a request without a token with the documented 401 body", async () => {
    const response = await fetch(mock.url + portsPath);
    expect(response.status).toBe(401);
    expect((await response.json()).error_code).toBe("APIGW.0301");
  });

  it("refuses an out-of-range limit with the documented 400 body", async () => {
    const response = await fetch(`${mock.url}${portsPath}&limit=5`, { headers: { "X-Auth-Token": "token" } });
    expect(response.status).toBe(400);
    expect((await response.json()).error_code).toBe("HSS.0001");
  });
});

const run = promisify(execFile);

function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [fileURLToPath(new URL("../bin/hss-mock.js", import.meta.url)), ...args], {
    env: { ...process.env, ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, exited, output: () => output };
}

// Each test starts a Node process that loads Prism: seconds, not milliseconds, on a busy machine.
describe("hss-mock CLI", () => {
  it("prints its URL and serves until stopped", async () => {
    const cli = runCli(["--port", "0"]);
    try {
      await expect.poll(cli.output, { timeout: 55_000, interval: 50 }).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      const url = cli.output().match(/http:\/\/127\.0\.0\.1:\d+/)![0];
      expect((await fetch(url + portsPath, { headers: { "X-Auth-Token": "t" } })).status).toBe(200);
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exited).toBe(0);
  });

  it("prints a curl line that runs as pasted, the token read from $HSS_TOKEN", async () => {
    const cli = runCli(["--stateful", "--token", "cli-token", "--project-id", "my-project", "--port", "0"]);
    try {
      await expect.poll(cli.output, { timeout: 55_000, interval: 50 }).toMatch(/try: (curl .*?)\s{3}\(/);
      const line = /try: (curl .*?)\s{3}\(/.exec(cli.output())![1]!;
      expect(line).not.toContain("cli-token");
      const { stdout } = await run("sh", ["-c", `${line} -sS`], { env: { ...process.env, HSS_TOKEN: "cli-token" } });
      expect(JSON.parse(stdout)).toMatchObject({ total_num: expect.any(Number), data_list: expect.any(Array) });
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exited).toBe(0);
  });

  it("suggests no token when it accepts only signed requests", async () => {
    const cli = runCli(["--stateful", "--port", "0"], { HUAWEICLOUD_SDK_AK: "MOCKACCESSKEY", HUAWEICLOUD_SDK_SK: "mock-secret" });
    try {
      await expect.poll(cli.output, { timeout: 55_000, interval: 50 }).toMatch(/try: .*\n/);
      expect(cli.output()).not.toMatch(/X-Auth-Token/);
      expect(cli.output()).toContain("sign each request with the key pair");
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exited).toBe(0);
  });

  it("refuses a bad port, naming the flag, the value and the range", async () => {
    const cli = runCli(["--port", "70000"]);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain('--port must be an integer from 0 to 65535; got "70000"');
  });
});
