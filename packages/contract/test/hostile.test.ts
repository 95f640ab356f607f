// hss-contract against a target that misbehaves on purpose: every run ends with a report and
// exit status 1 (a check failed), within the time its per-request deadline allows, and no report
// (console, JSON, JUnit) carries the token in any encoding the server echoed it in.
import { HOSTILE_MODES, startHostileServer, type HostileServer } from "@hss-kit/hostile-server";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/index.js";

// With characters that percent-encoding and base64 change, so each encoded copy differs from the token.
const TOKEN = "TOKEN/contract+hostile=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?&";

function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [secret, encodeURIComponent(secret), bytes.toString("base64"), bytes.toString("base64url"), bytes.toString("hex")];
}

async function run(args: string[]) {
  let output = "";
  const io = { stdout: (text: string) => void (output += text), stderr: (text: string) => void (output += text), env: {}, cwd: process.cwd() };
  const status = await main(args, io);
  return { status, output };
}

describe("hss-contract against a hostile target", () => {
  let server: HostileServer;
  let reports: string;
  beforeAll(async () => {
    server = await startHostileServer();
    reports = mkdtempSync(join(tmpdir(), "hss-contract-hostile-"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(reports, { recursive: true, force: true });
  });

  it.each(HOSTILE_MODES.map((mode) => [mode.name, mode.description]))("%s (%s): a report, exit 1, no token", async (name) => {
    const json = join(reports, `${name}.json`);
    const junit = join(reports, `${name}.xml`);
    const base = server.baseUrl(name as never);
    const { status, output } = await run([
      "--base-url", base, "--project-id", "p", "--token", TOKEN, "--host-id", "h", "--timeout", "500", "--seed", "7", "--json", json, "--junit", junit,
    ]);
    expect(status).toBe(1);
    expect(output).toMatch(/\d+ passed, \d+ failed/);
    for (const text of [output, readFileSync(json, "utf8"), readFileSync(junit, "utf8")]) {
      for (const form of encodedForms(TOKEN)) expect(text).not.toContain(form);
    }
    expect(server.requests.filter((request) => request.mode === "redirect-target")).toEqual([]);
  });

  it("keeps what the target echoed, with the token scrubbed out of it", async () => {
    const json = join(reports, "echoed.json");
    await run(["--base-url", server.baseUrl("echo-credentials"), "--project-id", "p", "--token", TOKEN, "--host-id", "h", "--seed", "7", "--json", json]);
    expect(readFileSync(json, "utf8")).toContain("Incorrect IAM authentication information: [REDACTED] | [REDACTED] | [REDACTED]");
  });
});

describe("IDs that would leave their path segment", () => {
  it.each([
    ["--project-id", ".."],
    ["--project-id", "."],
    ["--task-id", ".."],
    ["--task-id", "."],
  ])("%s %s is a usage error (exit 2), and nothing is sent", async (flag, value) => {
    const args = ["--base-url", "http://127.0.0.1:1", "--project-id", "p", "--token", TOKEN];
    const at = args.indexOf(flag);
    if (at === -1) args.push(flag, value);
    else args[at + 1] = value;
    const { status, output } = await run(args);
    expect(status).toBe(2);
    expect(output).toContain(`${flag} must not be "." or ".."`);
  });
});
