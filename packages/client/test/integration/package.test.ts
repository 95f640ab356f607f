// The package as npm would install it: packed with `pnpm pack`, unpacked into a scratch project
// in the OS temp dir, and called from ESM and CommonJS in child processes against the Prism mock
// and the signature-verifying server. Also proves that Node resolves the node:crypto build.
import { startMock, type RunningMock } from "@hss-kit/mock";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSignatureServer, type SignatureServer } from "../helpers/signature-server.js";

const run = promisify(execFile);
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const AK = "PACKAGEAK";
const SK = "package-secret-key";

/** What each child process does with the installed package; `lib` is its module namespace. */
const SCENARIO = `
const calls = { subtle: 0, fetch: 0 };
const globalFetch = globalThis.fetch;
globalThis.fetch = (...args) => { calls.fetch++; return globalFetch(...args); };
const subtle = globalThis.crypto.subtle;
for (const name of ["digest", "sign", "importKey"]) {
  const original = subtle[name].bind(subtle);
  subtle[name] = (...args) => { calls.subtle++; return original(...args); };
}
async function scenario(lib, resolved) {
  const env = process.env;
  const fetchCallsBefore = calls.fetch;
  const mock = lib.createHssClient({ baseUrl: env.MOCK_URL, region: "cn-north-4", projectId: "proj", credentials: { token: "t" } });
  const ports = await mock.listPorts({ host_id: "h1", limit: 10 });
  const images = await mock.listLocalImageHosts({ image_name: "nginx" });
  const users = await mock.paginate.listUsers.all();
  const signed = lib.createHssClient({ baseUrl: env.SIGNATURE_URL, projectId: "proj", credentials: { accessKey: env.AK, secretKey: env.SK } });
  const verified = await signed.listUsers({ user_name: "a b é!'()*~" });
  const refused = await mock.listPorts({ host_id: "h1", limit: 1 }).catch((error) => error);
  return {
    resolved,
    ports: ports.data_list.map((port) => port.port),
    images: images.total_num,
    users: users.length,
    verified,
    refused: { name: refused.name, isHssError: refused instanceof lib.HssError, message: refused.message },
    subtleCalls: calls.subtle,
    globalFetchCalls: calls.fetch - fetchCallsBefore,
  };
}
`;

const ESM = `${SCENARIO}
const target = process.argv[2] ?? "@hss-kit/client";
// A program that used Node's fetch first has Node's own undici agent as the global dispatcher.
if (process.argv[3] === "fetch-first") await (await fetch(process.env.MOCK_URL + "/v5/proj/asset/users")).arrayBuffer();
const lib = await import(target);
console.log(JSON.stringify(await scenario(lib, import.meta.resolve("@hss-kit/client"))));
`;

const CJS = `${SCENARIO}
const lib = require("@hss-kit/client");
scenario(lib, require.resolve("@hss-kit/client")).then((result) => console.log(JSON.stringify(result)));
`;

let scratch: string;
let files: string[];
let mock: RunningMock;
let server: SignatureServer;

/** Runs a child, and gives what it printed with the requests the signature server saw from it. */
async function child(script: string, ...args: string[]) {
  const from = server.seen.length;
  const { stdout } = await run(process.execPath, [script, ...args], {
    cwd: scratch,
    env: { ...process.env, MOCK_URL: mock.url, SIGNATURE_URL: server.url, AK, SK },
  });
  return { ...JSON.parse(stdout.trim().split("\n").at(-1)!), signed: server.seen.slice(from) };
}

beforeAll(async () => {
  if (!existsSync(join(packageRoot, "dist", "node", "index.js"))) {
    throw new Error("dist/ is missing: run `pnpm build` before the package test.");
  }
  scratch = await mkdtemp(join(tmpdir(), "hss-client-package-"));
  // The build already ran (checked above): prepack would run it again, turbo inside turbo.
  await run("pnpm", ["pack", "--config.ignore-scripts=true", "--pack-destination", scratch], { cwd: packageRoot });
  const tarball = (await readdir(scratch)).find((name) => name.endsWith(".tgz"))!;
  // Type declarations both entries share go to one chunk, named by its hash.
  files = (await run("tar", ["-tzf", join(scratch, tarball)])).stdout.trim().split("\n").map((file) => file.replace(/-[\w-]{8}(\.d\.c?ts)$/, "-<hash>$1")).sort();
  const installed = join(scratch, "node_modules", "@hss-kit", "client");
  await mkdir(installed, { recursive: true });
  await run("tar", ["-xzf", join(scratch, tarball), "-C", installed, "--strip-components=1"]);
  // The runtime dependencies, linked from the workspace instead of downloaded.
  const { dependencies } = JSON.parse(await readFile(join(packageRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  for (const name of Object.keys(dependencies)) {
    await symlink(await realpath(join(packageRoot, "node_modules", name)), join(scratch, "node_modules", name), "dir");
  }
  await writeFile(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true }));
  await writeFile(join(scratch, "check.mjs"), ESM);
  await writeFile(join(scratch, "check.cjs"), CJS);
  [mock, server] = await Promise.all([startMock({ port: 0 }), startSignatureServer({ [AK]: SK })]);
}, 30_000);

afterAll(async () => {
  await Promise.all([mock?.close(), server?.close()]);
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("holds only the builds, their types, the README, the LICENSE, package.json and the internal entry's redirect for node10 resolution", () => {
    expect(files).toEqual(
      [
        "package/LICENSE",
        "package/README.md",
        "package/dist/index.cjs",
        "package/dist/index.d.cts",
        "package/dist/index.d.ts",
        "package/dist/index.js",
        "package/dist/internal-<hash>.d.cts",
        "package/dist/internal-<hash>.d.ts",
        "package/dist/internal.cjs",
        "package/dist/internal.d.cts",
        "package/dist/internal.d.ts",
        "package/dist/internal.js",
        "package/dist/node/index.cjs",
        "package/dist/node/index.js",
        "package/dist/node/internal.cjs",
        "package/dist/node/internal.js",
        "package/internal/package.json",
        "package/package.json",
      ].sort(),
    );
  });

  it("has no workspace: ranges and depends on openapi-fetch, and undici, which the Node build sends with", async () => {
    const manifest = JSON.parse(await readFile(join(scratch, "node_modules", "@hss-kit", "client", "package.json"), "utf8"));
    expect(manifest.dependencies).toEqual({ "openapi-fetch": expect.any(String), undici: expect.any(String) });
    expect(JSON.stringify(manifest)).not.toContain("workspace:");
  });

  it("keeps node:crypto out of the browser build, and in the Node build", async () => {
    const read = (file: string) => readFile(join(scratch, "node_modules", "@hss-kit", "client", "dist", file), "utf8");
    for (const file of ["index.js", "index.cjs"]) {
      expect(await read(file)).not.toMatch(/["']node:/);
      expect(await read(file)).not.toContain("undici");
    }
    expect(await read("node/index.js")).toContain('from "node:crypto"');
    expect(await read("node/index.cjs")).toContain('require("node:crypto")');
  });

  /** The scenario's answers, and its one signed request verified, sent by the runtime's global fetch or by undici's own. */
  const expectWorked = (result: Record<string, any>, sentBy: "global fetch" | "undici") => {
    expect(result.signed).toHaveLength(1);
    expect(result.signed[0].verdict).toEqual({ ok: true });
    expect(result.globalFetchCalls > 0 ? "global fetch" : "undici").toBe(sentBy);
    expect(result.ports).toEqual([68, 323]);
    expect(result.images).toBe(1);
    expect(result.users).toBe(1);
    expect(result.verified).toEqual({ total_num: 0, data_list: [] });
    expect(result.refused).toEqual({
      name: "HssValidationError",
      isHssError: true,
      message: "listPorts: limit must be an integer from 10 to 200; got 1.",
    });
  };

  it("works from ESM, resolving the node:crypto build and sending with undici's fetch: Web Crypto is never called", async () => {
    const result = await child("check.mjs");
    expectWorked(result, "undici");
    expect(fileURLToPath(result.resolved)).toBe(join(await realpath(scratch), "node_modules/@hss-kit/client/dist/node/index.js"));
    expect(result.subtleCalls).toBe(0);
  });

  it("works from CommonJS, resolving the node:crypto build and sending with undici's fetch: Web Crypto is never called", async () => {
    const result = await child("check.cjs");
    expectWorked(result, "undici");
    expect(result.resolved).toBe(join(await realpath(scratch), "node_modules/@hss-kit/client/dist/node/index.cjs"));
    expect(result.subtleCalls).toBe(0);
  });

  it("the browser build, loaded by path, signs with Web Crypto and sends with fetch (so the checks above can tell)", async () => {
    const result = await child("check.mjs", "./node_modules/@hss-kit/client/dist/index.js");
    expectWorked(result, "global fetch");
    expect(result.subtleCalls).toBeGreaterThan(0);
  });

  it("works from ESM after the program's own fetch used Node's global dispatcher", async () => {
    expectWorked(await child("check.mjs", "@hss-kit/client", "fetch-first"), "undici");
  });
});
