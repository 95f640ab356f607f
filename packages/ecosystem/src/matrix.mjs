// @ts-check
// The ecosystem checks, declared once: which runtimes each runs on and how. The runner, the
// report's matrix and the README's list all come from this registry.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT, run, start } from "./process.mjs";

/**
 * @typedef {object} Context
 * @property {string} app the scratch project outside the repository, with the tarballs installed
 * @property {string} bin the runtime's binary
 * @property {{ baseUrl: string, projectId: string, token: string, accessKey: string, secretKey: string, taskId: string }} target
 *   the stateful mock every client smoke test calls
 * @property {NodeJS.ProcessEnv} env the target as SMOKE_* variables, on top of the process's
 */

/**
 * @typedef {object} Check
 * @property {string} id
 * @property {string} describe
 * @property {ReadonlyArray<"node" | "deno" | "bun" | "workerd" | "chromium">} on
 * @property {readonly string[]} [onlyRuntimes] run on these runtime IDs alone (a check too slow for every Node)
 * @property {(context: Context, kind: string) => Promise<string>} run resolves to a one-line result; rejects on failure
 */

/** The client smoke test's lines, from a runtime that printed them as JSON. */
function smokeResult(/** @type {string} */ stdout) {
  const passed = JSON.parse(stdout.trim().split("\n").pop() ?? "[]");
  if (!Array.isArray(passed) || passed.length < 4) throw new Error(`the smoke test printed ${stdout.slice(0, 300)}`);
  return `${passed.length} checks: ${passed.join("; ")}`;
}

/**
 * A type check of the fixtures under one tsconfig, by the runtime's own Node.
 * @param {string} id
 * @param {string} tsconfig
 * @param {string} describe
 * @returns {Check}
 */
function typeCheck(id, tsconfig, describe) {
  return {
    id,
    describe,
    on: ["node"],
    async run({ app, bin }) {
      await run(bin, ["node_modules/typescript/bin/tsc", "-p", tsconfig], { cwd: app, timeoutMs: 180_000 });
      return `tsc -p ${tsconfig}: no error, and each @ts-expect-error met`;
    },
  };
}

/** @type {readonly Check[]} */
export const CHECKS = [
  {
    id: "client-esm",
    describe: "the client through `import`: a token call and an AK/SK call the mock verifies, a bad parameter refused, a wrong key refused",
    on: ["node", "deno", "bun"],
    async run({ app, bin, env }, kind) {
      const args = kind === "deno" ? ["run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", "esm.mjs"] : ["esm.mjs"];
      return smokeResult((await run(bin, args, { cwd: app, env, timeoutMs: 120_000 })).stdout);
    },
  },
  {
    id: "client-cjs",
    describe: "the same through `require` (the CommonJS build)",
    on: ["node", "bun"],
    async run({ app, bin, env }) {
      return smokeResult((await run(bin, ["cjs.cjs"], { cwd: app, env, timeoutMs: 120_000 })).stdout);
    },
  },
  {
    id: "cli-mcp",
    describe: "`hss` (a page, --all, a table, a refusal) and `hss-mcp` on stdio (initialize, tools/list, a capped call) against the mock",
    on: ["node"],
    async run({ app, bin, env }) {
      return smokeResult((await run(bin, ["cli-mcp-smoke.mjs"], { cwd: app, env, timeoutMs: 120_000 })).stdout);
    },
  },
  typeCheck("types-nodenext", "tsconfig.nodenext.json", "TypeScript `nodenext` (ESM and CJS files): the published types compile, a wrong parameter does not"),
  typeCheck("types-bundler", "tsconfig.bundler.json", "TypeScript `bundler` resolution: the same"),
  {
    id: "contract-vs-mock",
    describe: "`hss-contract` against `hss-mock --stateful`, both run by this runtime",
    on: ["node"],
    async run({ app, bin, target }) {
      const mock = await start(
        bin,
        ["node_modules/@hss-kit/mock/bin/hss-mock.js", "--stateful", "--project-id", target.projectId, "--token", target.token, "--port", "0"],
        /listening on (http:\/\/127\.0\.0\.1:\d+)/,
        { cwd: app },
      );
      try {
        const baseUrl = /** @type {string} */ (mock.match[1]);
        const flags = ["--base-url", baseUrl, "--project-id", target.projectId, "--token", target.token, "--task-id", target.taskId, "--seed", "1"];
        const report = join(app, `contract-${bin.replace(/\W/g, "_")}.json`);
        await run(bin, ["node_modules/@hss-kit/contract/bin/hss-contract.js", ...flags, "--json", report], { cwd: app, timeoutMs: 240_000 });
        const { readFileSync } = await import("node:fs");
        const summary = JSON.parse(readFileSync(report, "utf8")).summary;
        return `green: ${JSON.stringify(summary)}`;
      } finally {
        await mock.stop();
      }
    },
  },
  {
    id: "quickstart",
    describe: "the README's first command (`npm run quickstart`) in a fresh clone with this Node first on PATH: install, build, then the docs and the mock answer at the URLs it prints",
    on: ["node"],
    onlyRuntimes: ["node24"],
    async run({ bin }) {
      const clone = mkdtempSync(join(tmpdir(), "hss-kit-quickstart-"));
      try {
        await run("git", ["clone", "--quiet", ROOT, clone]);
        const env = { ...process.env, PATH: `${dirname(bin)}:${process.env.PATH}`, MOCK_PORT: "0", DOCS_PORT: "0", CI: "true" };
        const both = /(?=[\s\S]*listening on (http:\/\/127\.0\.0\.1:\d+))(?=[\s\S]*HSS docs at (http:\/\/127\.0\.0\.1:\d+\/))/;
        const quickstart = await start("npm", ["run", "quickstart"], both, { cwd: clone, env, timeoutMs: 900_000 });
        try {
          const [, mockUrl, docsUrl] = /** @type {string[]} */ (quickstart.match);
          const answers = [];
          for (const [url, headers] of /** @type {Array<[string, Record<string, string>]>} */ ([
            [`${docsUrl}`, {}],
            [`${docsUrl}try.html`, {}],
            [`${mockUrl}/v5/my-project/asset/users`, { "X-Auth-Token": "quickstart" }],
          ])) {
            const response = await fetch(url, { headers });
            await response.arrayBuffer();
            if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
            answers.push(`${new URL(url).pathname} 200`);
          }
          const node = (await run(bin, ["--version"])).stdout.trim();
          return `on ${node}: docs at ${docsUrl}, mock at ${mockUrl}; ${answers.join(", ")}`;
        } finally {
          await quickstart.stop();
        }
      } finally {
        rmSync(clone, { recursive: true, force: true });
      }
    },
  },
  {
    id: "client-browser",
    describe: "the client's browser build (Web Crypto), bundled by esbuild, in headless Chromium: the smoke test, same origin as the API",
    on: ["chromium"],
    async run(context) {
      return inChromium(context);
    },
  },
  {
    id: "client-worker",
    describe: "the client's worker build, bundled by esbuild, in workerd: the smoke test",
    on: ["workerd"],
    async run(context) {
      return inWorkerd(context);
    },
  },
];

/**
 * Bundles a fixture with esbuild for `platform` and `conditions`.
 * @param {string} app
 * @param {string} entry
 * @param {string} outfile
 * @param {string[]} conditions
 */
async function bundle(app, entry, outfile, conditions) {
  // esbuild's launcher (a script, or the native binary when install scripts ran) runs on its own.
  await run(join(app, "node_modules/esbuild/bin/esbuild"), [
    entry, "--bundle", "--format=esm", "--platform=browser",
    `--conditions=${conditions.join(",")}`, `--outfile=${outfile}`, "--log-level=warning",
  ], { cwd: app });
}

/** Serves the page and its bundle, and forwards /v5/ to the mock with every header as sent (the signature covers Host). */
function pageServer(/** @type {Context} */ { app, target }, /** @type {string} */ html) {
  const upstream = new URL(target.baseUrl);
  const server = createServer((req, res) => {
    if (req.url === "/") return void res.writeHead(200, { "content-type": "text/html" }).end(html);
    if (req.url === "/browser-bundle.js") {
      import("node:fs").then(({ readFileSync }) => res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(join(app, "browser-bundle.js"))));
      return;
    }
    if (!req.url?.startsWith("/v5/")) return void res.writeHead(404).end();
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** @param {Context} context */
async function inChromium(context) {
  const { app, target } = context;
  await bundle(app, "browser.mjs", "browser-bundle.js", ["browser"]);
  const { projectId, token, accessKey, secretKey } = target;
  const html = `<!doctype html><script type="application/json" id="target">${JSON.stringify({ projectId, token, accessKey, secretKey })}</script><script type="module" src="/browser-bundle.js"></script>`;
  const server = /** @type {import("node:http").Server} */ (await pageServer(context, html));
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: context.bin,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const origin = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}`;
    // Nothing leaves for any other host.
    await page.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    await page.goto(`${origin}/`);
    const result = await page.evaluate(() => /** @type {any} */ (window).__smoke);
    if (result.error) throw new Error(result.error);
    return `${result.passed.length} checks: ${result.passed.join("; ")}`;
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
}

/** @param {Context} context */
async function inWorkerd(context) {
  const { app, bin, target } = context;
  await bundle(app, "worker.mjs", "worker-bundle.js", ["workerd", "worker", "browser"]);
  const config = join(app, "workerd.capnp");
  writeFileSync(config, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smoke),
    (name = "loopback", network = (allow = ["local", "private"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const smoke :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "worker-bundle.js")],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
`);
  // Port 0 in the config; workerd reports the port it got on its control descriptor.
  const worker = await start(bin, ["serve", config, "--control-fd", "3"], /"socket":"http","port":(\d+)/, { cwd: app, controlPipe: true });
  try {
    const response = await fetch(`http://127.0.0.1:${worker.match[1]}/?target=${encodeURIComponent(JSON.stringify(target))}`);
    const result = /** @type {any} */ (await response.json());
    if (result.error) throw new Error(result.error);
    return `${result.passed.length} checks: ${result.passed.join("; ")}`;
  } finally {
    await worker.stop();
  }
}
