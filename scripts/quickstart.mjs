#!/usr/bin/env node
// The README's first command (`npm run quickstart`) and CI's install step, so both set up a
// machine the same way: pnpm at the pinned version, the locked dependencies, Debian's Chromium
// for the docs' browser test, then (unless --install-only) the main job: `pnpm start`.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("+")[0];
const pnpmVersion = pinned.replace(/^pnpm@/, "");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };

function run(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, env, ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

function installedPnpm() {
  try {
    return execFileSync("pnpm", ["--version"], { encoding: "utf8", env, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return console.log(`\nChromium found at ${path}.`);
  if (process.platform !== "linux" || !existsSync("/usr/bin/apt-get")) {
    console.warn(`\nChromium not found at ${path}: install it and set CHROMIUM_PATH for the docs' browser test.`);
    return;
  }
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const aptEnv = { env: { ...env, DEBIAN_FRONTEND: "noninteractive" } };
  const apt = (...args) => (asRoot.length ? run("sudo", ["apt-get", ...args], aptEnv) : run("apt-get", args, aptEnv));
  apt("update", "-qq");
  apt("install", "-y", "-qq", "--no-install-recommends", "chromium");
}

if (installedPnpm() !== pnpmVersion) run("npm", ["install", "--global", "--no-fund", "--no-audit", `pnpm@${pnpmVersion}`]);
run("pnpm", ["install", "--frozen-lockfile"]);
ensureChromium();
if (!process.argv.includes("--install-only")) run("pnpm", ["start"]);
