// @ts-check
// Loads the built @hss-kit/client (dist/, through its package exports, so Node gets the "node"
// export condition exactly as a user would) and finds the pieces the benchmarks need, failing
// with a message that says precisely what is missing.

import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "./turbo.mjs";

const CACHE = fileURLToPath(new URL("../.cache/", import.meta.url));

/** @type {Record<string, any> | undefined} */
let cached;

/** @returns {Promise<Record<string, any>>} */
export async function loadClient() {
  if (cached) return cached;
  try {
    cached = /** @type {Record<string, any>} */ (await import("@hss-kit/client"));
  } catch (error) {
    throw new Error(`cannot import @hss-kit/client (is it built? run \`pnpm build\`): ${error instanceof Error ? error.message : error}`);
  }
  return cached;
}

/** @returns {Promise<(options: Record<string, unknown>) => any>} */
export async function createHssClient() {
  const client = await loadClient();
  if (typeof client.createHssClient !== "function") throw new Error("@hss-kit/client exports no createHssClient");
  return client.createHssClient;
}

/**
 * The signing API: from the package root or a ./signing subpath when the package exports it
 * there; otherwise bundled by esbuild from the client's own sources (src/signing/), which is the
 * same code the package bundles, so its timings still hold. `from` says which was used.
 * @returns {Promise<{ api: Record<string, any>, from: string }>}
 */
export async function loadSigning() {
  const root = await loadClient();
  // The root exports signRequest for users (with its default crypto); the bench also times each
  // crypto on its own, so it takes the root only when that exports them too.
  const complete = (/** @type {Record<string, any>} */ api) => typeof api.signRequest === "function" && (api.nodeCrypto ?? api.defaultCrypto) && (api.createWebCrypto ?? api.webCrypto);
  if (complete(root)) return { api: root, from: "@hss-kit/client" };
  try {
    const sub = /** @type {Record<string, any>} */ (await import("@hss-kit/client/signing"));
    if (complete(sub)) return { api: sub, from: "@hss-kit/client/signing" };
  } catch {
    // not exported there either
  }
  const dir = `${ROOT}/packages/client/src/signing`;
  if (!existsSync(`${dir}/index.ts`)) {
    throw new Error("@hss-kit/client exports no signRequest (neither from the root nor from ./signing) and has no src/signing/index.ts");
  }
  const nodeCryptoFile = ["crypto-node.ts", "crypto.node.ts"].find((f) => existsSync(`${dir}/${f}`));
  const api = await bundleFromSource("client-signing.mjs", dir, [
    `export * from ${JSON.stringify(`${dir}/index.ts`)};`,
    ...(nodeCryptoFile ? [`export * from ${JSON.stringify(`${dir}/${nodeCryptoFile}`)};`] : []),
  ]);
  return { api, from: "packages/client/src/signing (not exported by the package build; bundled from source)" };
}

/**
 * Bundles a module of the given export lines from the client's TypeScript sources with esbuild
 * into bench/.cache/, for Node 20 (which cannot run TypeScript), and imports it afresh.
 * @param {string} name file name in the cache
 * @param {string} resolveDir where the lines' imports resolve from
 * @param {string[]} lines
 * @returns {Promise<Record<string, any>>}
 */
async function bundleFromSource(name, resolveDir, lines) {
  mkdirSync(CACHE, { recursive: true });
  const outfile = `${CACHE}${name}`;
  await build({
    stdin: { contents: lines.join("\n"), resolveDir, loader: "ts" },
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
  });
  return /** @type {Record<string, any>} */ (await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`));
}
