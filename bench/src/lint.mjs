// @ts-check
// `pnpm --filter @hss-kit/bench lint`: syntax-checks every bench module with `node --check`,
// without running anything.

import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const src = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".mjs"));
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ["--check", `${src}${file}`], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
console.log(`${files.length - failed} of ${files.length} bench modules parse`);
process.exitCode = failed ? 1 : 0;
