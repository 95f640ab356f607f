// Builds the static docs site into dist/: the Redoc reference rendered from the bundled spec
// with its JavaScript inlined (no CDN), and the bundled spec beside it for download.
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const specJson = require.resolve("@hss-kit/spec/openapi.json");
const specYaml = require.resolve("@hss-kit/spec/openapi.yaml");
const dist = join(root, "dist");
await mkdir(dist, { recursive: true });

const redocly = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
execFileSync(
  process.execPath,
  [redocly, "build-docs", specJson, "--output", join(dist, "index.html"), "--inlineBundle",
   "--config", join(root, "redocly.yaml"), "--title", "HSS v5 API reference · hss-kit"],
  { stdio: ["ignore", "ignore", "inherit"] },
);
await copyFile(specJson, join(dist, "openapi.json"));
await copyFile(specYaml, join(dist, "openapi.yaml"));
console.log(`Docs built in ${dist}`);
