// Writes the README's list of checks from the registry (the checks defined in src/checks/, built to dist/).
//   node scripts/readme-checks.mjs          rewrite README.md
import { readFile, writeFile } from "node:fs/promises";
import { checksMarkdown } from "../dist/checks/index.js";

const README = new URL("../README.md", import.meta.url);
const START = /<!-- checks:start[^>]*-->/;
const END = "<!-- checks:end -->";

/** The README with the block between the markers replaced by `list`. */
export function withChecks(readme, list) {
  const start = readme.match(START);
  const end = readme.indexOf(END);
  if (!start || end === -1) throw new Error("README.md has no <!-- checks:start --> ... <!-- checks:end --> block.");
  const from = start.index + start[0].length;
  return `${readme.slice(0, from)}\n${list}\n${readme.slice(end)}`;
}

if (process.argv[1] && new URL(`file://${process.argv[1]}`).href === import.meta.url) {
  await writeFile(README, withChecks(await readFile(README, "utf8"), checksMarkdown()));
  console.log("README.md: the list of checks now matches the registry.");
}
