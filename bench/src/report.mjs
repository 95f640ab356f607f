// @ts-check
// Prints the root README's "## Performance" section from bench/results.json:
// `node bench/src/report.mjs` after a `pnpm bench` on an idle machine.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fmt } from "./stats.mjs";
import { markdownTable } from "./table.mjs";

const results = JSON.parse(readFileSync(fileURLToPath(new URL("../results.json", import.meta.url)), "utf8"));
const m = results.machine;
const day = results.date.slice(0, 10);

console.log(`## Performance

Measured by \`pnpm bench\` ([bench/](bench/README.md) says what each figure is and how it is
taken) on ${day}, commit \`${results.commit}\`, in ${Math.round(results.totalSeconds)} s of wall time:
${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB of memory, Node ${m.node.replace(/^v/, "")}, ${m.os}
(load average ${m.loadAverageAtStart.join(", ")} at the start). Medians of the rounds, with the
rounds' minimum and maximum; every server on 127.0.0.1 in its own process.${later(results.later)}

${markdownTable(results.rows)}
${notes(results.rows)}`);

/**
 * Benchmarks measured by a later run than the rest (\`pnpm bench -- --only NAME\`), merged into
 * results.json in place of the rows they replace.
 * @param {any[] | undefined} runs
 */
function later(runs) {
  if (!runs?.length) return "";
  return runs.map((run) => `\nThe ${run.benchmarks.join(", ")} rows come from a later run, \`${run.command}\`, on ${run.date.slice(0, 10)}, commit \`${run.commit}\`, in ${Math.round(run.totalSeconds)} s (load average ${run.loadAverageAtStart.join(", ")} at the start)${run.replaces?.length ? `; they replace the ${run.replaces.join(", ")} rows` : ""}.`).join("");
}

/** @param {any[]} rows */
function notes(rows) {
  const missed = rows.filter((r) => r.goal && r.met === false);
  const errors = rows.filter((r) => r.error);
  const lines = [
    ...missed.map((r) => `- Goal not met: ${r.benchmark}, ${r.metric}: ${fmt(r.value, r.digits)} ${r.unit} against ${r.goal.op} ${r.goal.value}.`),
    ...errors.map((r) => `- Not measured: ${r.benchmark}, ${r.metric}: ${r.error.split("\n")[0]}`),
  ];
  return lines.length ? `\n${lines.join("\n")}\n` : "";
}
