// The README's examples, run as written against the stateful mock (its URL in place of port 4010).

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHssClient } from "@hss-kit/client";
import { startStatefulMock, type RunningStatefulMock } from "@hss-kit/mock";

const run = promisify(execFile);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = (language: string) => [...readme.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((match) => match[1]!);

const setup = blocks("sh").find((block) => block.includes("hss-mock --stateful"))!;
const env = Object.fromEntries([...setup.matchAll(/((?:HUAWEICLOUD_SDK|HSS)_\w+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]));
const README_URL = "http://127.0.0.1:4010";

let mock: RunningStatefulMock;
let bin: string;
beforeAll(async () => {
  mock = await startStatefulMock({ port: 0, host: "127.0.0.1", keys: new Map([[env.HUAWEICLOUD_SDK_AK!, env.HUAWEICLOUD_SDK_SK!]]), projectId: env.HUAWEICLOUD_SDK_PROJECT_ID! });
  bin = mkdtempSync(join(tmpdir(), "hss-bin-"));
  symlinkSync(new URL("../bin/hss.js", import.meta.url).pathname, join(bin, "hss"));
});
afterAll(async () => {
  await mock.close();
  rmSync(bin, { recursive: true, force: true });
});

const shell = (script: string) =>
  run("bash", ["-c", `set -o pipefail\n${script.replaceAll(README_URL, mock.url)}`], { env: { PATH: `${bin}:${process.env.PATH}`, ...env } });

describe("README", () => {
  it("starts the stateful mock with the credentials it exports", () => {
    expect(setup).toContain(`--port ${new URL(README_URL).port}`);
    expect(Object.keys(env).sort()).toEqual(["HSS_RATE_LIMIT", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_SK"]);
  });

  it("lists the danger ports of every server where a root account can log in", async () => {
    const pipeline = blocks("sh").find((block) => block.includes("--status danger"))!;
    const { stdout } = await shell(pipeline);
    const hss = createHssClient({ baseUrl: mock.url, projectId: env.HUAWEICLOUD_SDK_PROJECT_ID!, credentials: { accessKey: env.HUAWEICLOUD_SDK_AK!, secretKey: env.HUAWEICLOUD_SDK_SK! }, rateLimit: false });
    const hosts = [...new Set((await hss.paginate.listUsers.all({ root_permission: true, login_permission: true })).map((user) => user.host_id!))].sort();
    const expected: string[] = [];
    for (const host of hosts) {
      for (const port of await hss.paginate.listPorts.all({ host_id: host, status: "danger" })) expected.push([port.host_id, port.port, port.type, port.path].join(","));
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(stdout.trimEnd().split("\n")).toEqual(expected);
  });

  it("runs the table and dry-run examples", async () => {
    const examples = blocks("sh").find((block) => block.includes("--dry-run"))!;
    const { stdout } = await shell(examples);
    expect(stdout).toMatch(/^host_name +user_name +shell\n/);
    expect(stdout).toContain(`"$HUAWEICLOUD_SDK_SK"`);
    expect(stdout).not.toContain(env.HUAWEICLOUD_SDK_SK!);
  });

  it("shows the refusal hss really prints", async () => {
    for (const block of blocks("text").filter((text) => text.startsWith("$ hss"))) {
      const [command, ...output] = block.trimEnd().split("\n");
      const result = await shell(`${command!.slice(2)} 2>&1 || true`);
      expect(result.stdout.trimEnd()).toBe(output.join("\n"));
    }
  });
});
