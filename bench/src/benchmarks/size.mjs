// @ts-check
// Size: bytes a user ships, minified and gzipped (level 9). esbuild bundles an entry that
// re-exports a package, resolved through the package's exports exactly as a user's bundler
// would: the client's built entry (dist/, openapi-fetch included) for the browser and for Node
// (where the "node" condition picks node:crypto), the client's createHssClient alone (what a
// tree-shaking bundler keeps for typical use), openapi-fetch alone, and the official Node core
// (@huaweicloud/huaweicloud-sdk-core) with all its dependencies (axios, lodash, moment, ...).

import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const name = "size";

const BENCH_DIR = fileURLToPath(new URL("../../", import.meta.url));

/**
 * @param {string} contents the entry module
 * @param {"browser" | "node"} platform
 */
async function bundleSize(contents, platform) {
  const result = await build({
    stdin: { contents, resolveDir: BENCH_DIR, sourcefile: "entry.mjs", loader: "js" },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform,
    target: "es2022",
    legalComments: "none",
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

// What every official service SDK imports from its core: the credentials and regions of the
// package main, and the ClientBuilder / HcClient / SdkResponse that make and send requests. The
// package main alone exports only credentials and regions, far less than a service SDK ships.
const OFFICIAL = "official core as a service SDK uses it + dependencies, node";
const OFFICIAL_ENTRY = [
  'import * as core from "@huaweicloud/huaweicloud-sdk-core";',
  'import * as builder from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";',
  'import * as client from "@huaweicloud/huaweicloud-sdk-core/HcClient";',
  'import * as response from "@huaweicloud/huaweicloud-sdk-core/SdkResponse";',
  "export { core, builder, client, response };",
].join("\n");

/** @param {{ rounds: number, quick: boolean }} options */
export async function run() {
  /** @type {Array<[string, string, "browser" | "node"]>} */
  const cases = [
    ["@hss-kit/client, all exports, browser", 'export * from "@hss-kit/client";', "browser"],
    ["@hss-kit/client, all exports, node", 'export * from "@hss-kit/client";', "node"],
    ["@hss-kit/client, createHssClient only, browser", 'export { createHssClient } from "@hss-kit/client";', "browser"],
    ["openapi-fetch alone, browser", 'export * from "openapi-fetch"; export { default } from "openapi-fetch";', "browser"],
    ["official core, package main only + dependencies, node", 'export * from "@huaweicloud/huaweicloud-sdk-core";', "node"],
    [OFFICIAL, OFFICIAL_ENTRY, "node"],
  ];
  /** @type {any[]} */
  const rows = [];
  /** @type {Record<string, number>} */
  const gz = {};
  for (const [label, entry, platform] of cases) {
    try {
      const { minified, gzipped } = await bundleSize(entry, platform);
      gz[label] = gzipped;
      rows.push({ metric: `${label} (min+gz)`, value: gzipped / 1024, unit: "KiB", digits: 1, detail: `minified ${(minified / 1024).toFixed(1)} KiB` });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rows.push({ metric: `${label} (min+gz)`, error: message.split("\n").slice(0, 3).join(" ") });
    }
  }
  const client = gz["@hss-kit/client, all exports, node"];
  const official = gz[OFFICIAL];
  if (client && official) {
    rows.push({ metric: "official core / client, node (min+gz)", value: official / client, unit: "x", digits: 1 });
  }
  return rows;
}
