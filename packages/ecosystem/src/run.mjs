// @ts-check
// The ecosystem run, as openai-node's ecosystem tests do it: pack every public package, check
// each tarball, install them with npm in an empty folder outside the repository, and run the
// checks of matrix.mjs on every runtime of runtimes.mjs (and Debian's Chromium). Prints the
// matrix and exits non-zero when any cell fails. Fetches from the npm registry (the runtimes
// and the tarballs' dependencies), as an install does; the checks themselves stay on loopback.
//
//   pnpm run ecosystem [--only node24,deno] [--keep]

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHECKS } from "./matrix.mjs";
import { packAll, tarballChecks } from "./pack.mjs";
import { ROOT, run, start } from "./process.mjs";
import { releaseDryRun } from "./release.mjs";
import { RUNTIMES, ensureRuntime } from "./runtimes.mjs";

const args = process.argv.slice(2);
const only = args.includes("--only") ? new Set((args[args.indexOf("--only") + 1] ?? "").split(",")) : undefined;
const keep = args.includes("--keep");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;
const own = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

/** Most bytes `npm install @hss-kit/contract` may put in node_modules without the proxy. */
const CONTRACT_BUDGET_BYTES = 30e6;

/**
 * How every npm install here runs. Without install scripts: Prism depends on @scarf/scarf, whose
 * postinstall phones home and can hang an install for as long as the network lets it; nothing
 * installed here needs a script (esbuild's launcher finds its platform package by itself).
 */
const NPM_INSTALL = ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", "--fetch-timeout=60000", "--fetch-retries=3"];

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), "hss-kit-ecosystem-"));
/** @type {Array<{ runtime: string, check: string, ok: boolean, ms: number, detail: string }>} */
const cells = [];
const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;

try {
  // 0. The release workflow's version step, on a scratch clone.
  {
    const t = Date.now();
    try {
      const lines = await releaseDryRun(join(work, "release"));
      cells.push({ runtime: "release", check: "changeset version (dry run)", ok: true, ms: Date.now() - t, detail: lines.join("; ") });
      console.log(`ok   release dry run:\n  ${lines.join("\n  ")}`);
    } catch (error) {
      cells.push({ runtime: "release", check: "changeset version (dry run)", ok: false, ms: Date.now() - t, detail: String(error) });
      console.log(`FAIL release dry run: ${error}`);
    }
  }

  // 1. The tarballs, and what npm users would get from each.
  const packed = await packAll(join(work, "tarballs"));
  const license = readFileSync(join(ROOT, "LICENSE"), "utf8");
  for (const p of packed) {
    console.log(`\n${p.name}@${p.version}: ${p.files.length} files\n  ${p.files.join("\n  ")}`);
    {
      // Every tarball ships the repository's license, unchanged, and a README.
      const shipped = p.files.includes("LICENSE") ? (await run("tar", ["-xzOf", p.tarball, "package/LICENSE"])).stdout : undefined;
      const problems = [
        ...(shipped === license ? [] : [shipped === undefined ? "no LICENSE" : "a LICENSE that differs from the repository's"]),
        ...(p.files.includes("README.md") ? [] : ["no README.md"]),
      ];
      cells.push({ runtime: "tarball", check: `${p.name}: LICENSE and README`, ok: problems.length === 0, ms: 0, detail: problems.join("; ") || "passed" });
      console.log(`  ${problems.length ? "FAIL" : "ok  "} LICENSE (the repository's) and README.md${problems.length ? `: ${problems.join("; ")}` : ""}`);
    }
    for (const check of tarballChecks(p)) {
      const t = Date.now();
      const result = await run(check.command, check.args, { allowFailure: true, cwd: work });
      const ok = result.code === 0;
      cells.push({ runtime: "tarball", check: `${p.name}: ${check.name}`, ok, ms: Date.now() - t, detail: ok ? "passed" : (result.stdout + result.stderr).trim() });
      console.log(`  ${ok ? "ok  " : "FAIL"} ${check.name}${ok ? "" : `\n${result.stdout}${result.stderr}`}`);
    }
  }

  // 1b. What `npm install @hss-kit/contract` costs, without the proxy's Prism and with it.
  const byName = Object.fromEntries(packed.map((p) => [p.name, p.tarball]));
  for (const [label, names, budget] of /** @type {const} */ ([
    ["hss-contract alone", ["@hss-kit/contract", "@hss-kit/client", "@hss-kit/spec"], CONTRACT_BUDGET_BYTES],
    ["hss-contract with the proxy (@hss-kit/mock)", ["@hss-kit/contract", "@hss-kit/client", "@hss-kit/spec", "@hss-kit/mock"], undefined],
  ])) {
    const dir = join(work, label.replace(/\W+/g, "-"));
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "size-probe", private: true, version: "0.0.0" }));
    const t = Date.now();
    await run("npm", [...NPM_INSTALL, ...names.map((n) => byName[n] ?? n)], { cwd: dir, timeoutMs: 600_000 });
    const bytes = Number((await run("du", ["-sb", "node_modules"], { cwd: dir })).stdout.split("\t")[0]);
    const packages = (await run("npm", ["ls", "--all", "--parseable"], { cwd: dir, allowFailure: true })).stdout.trim().split("\n").length - 1;
    const ok = budget === undefined || bytes <= budget;
    const detail = `${(bytes / 1e6).toFixed(1)} MB in ${packages} packages${budget === undefined ? "" : ` (budget ${budget / 1e6} MB)`}`;
    cells.push({ runtime: "install", check: label, ok, ms: Date.now() - t, detail });
    console.log(`${ok ? "ok  " : "FAIL"} installed size, ${label}: ${detail}`);
  }

  // 2. A user's project: the tarballs and the tools the checks use, installed by npm.
  const app = join(work, "app");
  cpSync(FIXTURES, app, { recursive: true });
  const tools = ["typescript", "esbuild", "playwright-core"].map((name) => `${name}@${own.devDependencies[name]}`);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "ecosystem-app", private: true, version: "0.0.0" }, null, 2));
  const t = Date.now();
  await run("npm", [...NPM_INSTALL, ...packed.map((p) => p.tarball), ...tools], { cwd: app, timeoutMs: 600_000 });
  console.log(`\nnpm install of ${packed.length} tarballs and ${tools.join(", ")} in ${app}: ${seconds(Date.now() - t)}`);

  // 3. The stateful mock every client smoke test calls, verifying tokens and signatures.
  const target = { projectId: "eco-project", token: "eco-token", accessKey: "ECOACCESSKEY", secretKey: "eco-secret-key", taskId: "task-id-1" };
  const mock = await start(
    process.execPath,
    ["node_modules/@hss-kit/mock/bin/hss-mock.js", "--stateful", "--project-id", target.projectId, "--token", target.token, "--access-key", target.accessKey, "--secret-key", target.secretKey, "--port", "0"],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    { cwd: app },
  );
  try {
    const full = { ...target, baseUrl: /** @type {string} */ (mock.match[1]) };
    const env = {
      ...process.env,
      SMOKE_BASE_URL: full.baseUrl,
      SMOKE_PROJECT_ID: full.projectId,
      SMOKE_TOKEN: full.token,
      SMOKE_ACCESS_KEY: full.accessKey,
      SMOKE_SECRET_KEY: full.secretKey,
    };

    // 4. The matrix.
    const runtimes = [
      ...RUNTIMES.map((r) => ({ id: r.id, kind: r.kind, label: `${r.id} (${r.pkg}@${r.version})`, bin: () => ensureRuntime(r) })),
      { id: "chromium", kind: "chromium", label: `chromium (${CHROMIUM})`, bin: () => CHROMIUM },
    ].filter((r) => !only || only.has(r.id));
    for (const runtime of runtimes) {
      let bin;
      try {
        bin = runtime.bin();
      } catch (error) {
        cells.push({ runtime: runtime.id, check: "fetch the runtime", ok: false, ms: 0, detail: String(error) });
        continue;
      }
      const applies = (/** @type {import("./matrix.mjs").Check} */ c) => c.on.includes(/** @type {any} */ (runtime.kind)) && (!c.onlyRuntimes || c.onlyRuntimes.includes(runtime.id));
      for (const check of CHECKS.filter(applies)) {
        const t = Date.now();
        try {
          const detail = await check.run({ app, bin, target: full, env }, runtime.kind);
          cells.push({ runtime: runtime.id, check: check.id, ok: true, ms: Date.now() - t, detail });
        } catch (error) {
          cells.push({ runtime: runtime.id, check: check.id, ok: false, ms: Date.now() - t, detail: error instanceof Error ? error.message : String(error) });
        }
        const cell = cells[cells.length - 1];
        console.log(`${cell?.ok ? "ok  " : "FAIL"} ${runtime.label} ${check.id} (${seconds(cell?.ms ?? 0)}): ${cell?.detail.split("\n").slice(0, cell.ok ? 1 : 30).join("\n")}`);
      }
    }
  } finally {
    await mock.stop();
  }
} finally {
  if (keep) console.log(`\nkept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

// 5. The report.
const matrixChecks = new Set(CHECKS.map((c) => c.id));
const runtimeIds = [...new Set(cells.filter((c) => matrixChecks.has(c.check)).map((c) => c.runtime))];
const checkIds = CHECKS.map((c) => c.id).filter((id) => cells.some((c) => c.check === id));
console.log(`\n| check | ${runtimeIds.join(" | ")} |\n|---|${runtimeIds.map(() => "---|").join("")}`);
for (const id of checkIds) {
  const row = runtimeIds.map((r) => {
    const cell = cells.find((c) => c.runtime === r && c.check === id);
    return cell ? (cell.ok ? `ok ${seconds(cell.ms)}` : "**FAIL**") : "";
  });
  console.log(`| ${id} | ${row.join(" | ")} |`);
}
const failed = cells.filter((c) => !c.ok);
console.log(`\n${cells.length - failed.length} of ${cells.length} passed in ${seconds(Date.now() - started)}${failed.length ? `; failed: ${failed.map((c) => `${c.runtime} ${c.check}`).join(", ")}` : ""}`);
process.exitCode = failed.length ? 1 : 0;
