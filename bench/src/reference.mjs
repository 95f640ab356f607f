// @ts-check
// Finds the contract package's reference implementation (an in-memory server of the five
// endpoints in packages/contract/test/fixtures/, written in TypeScript) and bundles it with
// esbuild into bench/.cache/, so Node 20, which cannot run TypeScript, can start it.

import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { ROOT } from "./turbo.mjs";

const FIXTURES = `${ROOT}/packages/contract/test/fixtures`;
const CACHE = fileURLToPath(new URL("../.cache/", import.meta.url));

/** Exports that start the reference server, in the order they are tried. */
export const START_EXPORTS = [
  "startReferenceServer",
  "startReferenceImplementation",
  "startReference",
  "startServer",
  "start",
  "createReferenceServer",
  "default",
];

/** @returns {string} the fixture file that holds the reference implementation */
export function findReferenceSource() {
  if (!existsSync(FIXTURES)) throw new Error(`no reference implementation: ${FIXTURES} does not exist`);
  const files = readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(m?ts|m?js)$/.test(f) && !/\.d\.ts$|\.test\./.test(f));
  const ranked = files
    .map((file) => ({ file, score: /reference/i.test(file) ? 2 : /server|impl/i.test(file) ? 1 : 0 }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.file.length - b.file.length);
  if (ranked.length === 0) {
    throw new Error(`no reference implementation in ${FIXTURES} (files: ${files.join(", ") || "none"})`);
  }
  return `${FIXTURES}/${ranked[0].file}`;
}

/** @returns {Promise<string>} path of a bundled ES module of the reference implementation */
export async function bundleReference() {
  const source = findReferenceSource();
  mkdirSync(CACHE, { recursive: true });
  const outfile = `${CACHE}reference-server.mjs`;
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: 'import { createRequire as __benchRequire } from "node:module"; const require = __benchRequire(import.meta.url);' },
  });
  return outfile;
}

/**
 * The first reported value whose key matches, e.g. `projectId`, `PROJECT_ID` or `HOSTS[0].host_id`.
 * @param {Record<string, string>} info
 * @param {RegExp} pattern
 */
function pick(info, pattern) {
  const key = Object.keys(info).find((k) => pattern.test(k.split(".").pop() ?? k));
  return key === undefined ? undefined : info[key];
}

/**
 * How to address the started reference server, from what it reported (its start function's
 * result and its module's exports): project, token, and the scan task and a host of its data.
 * @param {Record<string, string>} info
 */
export function addressOf(info) {
  const projectId = pick(info, /^project_?id$/i);
  const token = pick(info, /^(token|auth_?token|iam_?token)$/i);
  if (!projectId || !token) {
    throw new Error(`the reference server reported no projectId or token (it reported: ${Object.keys(info).join(", ") || "nothing"})`);
  }
  return { projectId, token, taskId: pick(info, /^task_?id$/i), hostId: pick(info, /^host_?id$/i) };
}
