// @ts-check
// Packs every public workspace package as a release would (pnpm pack runs each prepack, which
// builds what it ships) and holds each tarball to what npm users get: its file list, publint
// --strict, attw, and `npm publish --dry-run`.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, run } from "./process.mjs";

/**
 * @typedef {object} Packed
 * @property {string} name
 * @property {string} version
 * @property {string} dir the package's folder in the repository
 * @property {string} tarball absolute path
 * @property {string[]} files what the tarball holds, without the leading "package/"
 */

/** The workspace's public packages, as pnpm lists them. */
export function publicPackages() {
  /** @type {Array<{ name: string, version: string, path: string, private?: boolean }>} */
  const all = JSON.parse(execFileSync("pnpm", ["-r", "ls", "--json", "--depth", "-1"], { cwd: ROOT, encoding: "utf8" }));
  return all.filter((p) => !p.private && p.path !== ROOT).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * @param {string} destination
 * @returns {Promise<Packed[]>}
 */
export async function packAll(destination) {
  mkdirSync(destination, { recursive: true });
  const packed = [];
  for (const pkg of publicPackages()) {
    const out = await run("pnpm", ["pack", "--pack-destination", destination], { cwd: pkg.path });
    const tarball = out.stdout.trim().split("\n").map((line) => line.trim()).filter((line) => line.endsWith(".tgz")).pop();
    if (!tarball) throw new Error(`pnpm pack in ${pkg.path} named no tarball:\n${out.stdout}`);
    const path = tarball.startsWith("/") ? tarball : join(destination, tarball);
    const files = execFileSync("tar", ["-tzf", path], { encoding: "utf8" }).trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
    packed.push({ name: pkg.name, version: pkg.version, dir: pkg.path, tarball: path, files });
  }
  return packed;
}

/** A tool's command, from this package's own devDependencies. */
const tool = (/** @type {string} */ bin) => fileURLToPath(new URL(`../node_modules/.bin/${bin}`, import.meta.url));

/**
 * Every target path an `exports` value leads to.
 * @param {unknown} value
 * @returns {string[]}
 */
function targets(value) {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}

/**
 * How attw should judge a package, read from its manifest: an ESM-only package (no `require`
 * condition anywhere) under the esm-only profile, and entry points that are data rather than
 * modules (a YAML file) left out, since attw can only resolve code and JSON.
 * @param {Record<string, any>} manifest
 */
export function attwOptions(manifest) {
  const entries = Object.entries(manifest.exports ?? {});
  const esmOnly = !JSON.stringify(manifest.exports ?? {}).includes('"require"');
  const data = entries.filter(([, value]) => targets(value).every((t) => !/\.(c|m)?js$|\.json$/.test(t))).map(([key]) => key);
  return [...(esmOnly ? ["--profile", "esm-only"] : []), ...(data.length ? ["--exclude-entrypoints", ...data] : [])];
}

/**
 * The checks one tarball must pass before publishing, each a name and a command.
 * @param {Packed} packed
 */
export function tarballChecks(packed) {
  const manifest = JSON.parse(readFileSync(join(packed.dir, "package.json"), "utf8"));
  return [
    { name: "publint --strict", command: tool("publint"), args: ["run", packed.tarball, "--strict"] },
    { name: "attw", command: tool("attw"), args: [packed.tarball, "--format", "table-flipped", "--no-color", ...attwOptions(manifest)] },
    { name: "npm publish --dry-run", command: "npm", args: ["publish", "--dry-run", "--provenance=false", packed.tarball] },
  ];
}
