// The README's examples, run as written against the stateful mock.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningStatefulMock } from "@hss-kit/mock";
import { ACCESS_KEY, hssClient, model, overStdio, PROJECT, resultOf, SECRET_KEY, startMock } from "./helpers.js";

const run = promisify(execFile);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const block = (language: string) => [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].find((match) => match[1] === language)![2]!;
const env = { HUAWEICLOUD_SDK_AK: ACCESS_KEY, HUAWEICLOUD_SDK_SK: SECRET_KEY, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT };

let mock: RunningStatefulMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

describe("README", () => {
  it("the agent configuration starts a server that lists the tools, with the environment the client reads", async () => {
    const config = JSON.parse(block("json")) as { mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }> };
    const [server] = Object.values(config.mcpServers);
    expect(server!.command).toBe("npx");
    expect(Object.keys(server!.env).sort()).toEqual(Object.keys(env).sort());
    const args = server!.args.slice(server!.args.indexOf("@hss-kit/mcp") + 1);
    const client = await overStdio(mock.url, args);
    try {
      const maxRows = Number(args[args.indexOf("--max-rows") + 1]);
      const first = model.operations.find((operation) => operation.paginated && !operation.parameters.some((p) => p.required && !p.config))!;
      const page = resultOf(await client.callTool({ name: first.id, arguments: {} })) as { data_list: unknown[] };
      expect(page.data_list).toHaveLength(maxRows);
    } finally {
      await client.close();
    }
  });

  it("runs the code example", async () => {
    const dir = mkdtempSync(join(new URL("..", import.meta.url).pathname, ".readme-"));
    try {
      const file = join(dir, "example.mjs");
      writeFileSync(file, block("js").replace(`region: "cn-north-4"`, `region: "cn-north-4", baseUrl: ${JSON.stringify(mock.url)}`));
      const { stdout } = await run(process.execPath, [file], { env: { ...process.env, ...env } });
      const [names, counts] = stdout.trimEnd().split("\n");
      expect(names).toBe(model.operations.filter((operation) => operation.method === "GET").map((operation) => operation.id).join(", "));
      const { total_num } = await hssClient(mock.url).listUsers({ root_permission: true });
      expect(counts).toBe(`2 of ${total_num} accounts; next_offset 2`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
