// @ts-check
// The results table, as Markdown: printed by the runner and pasted into the root README.

import { fmt } from "./stats.mjs";

/** @typedef {import("./run.mjs").Row} Row */

/** @param {Row} row */
function valueText(row) {
  if (row.error) return "ERROR";
  if (row.value === undefined) return "-";
  return `${fmt(row.value, row.digits)} ${row.unit ?? ""}`.trim();
}

/** @param {Row} row */
function spreadText(row) {
  const s = row.summary;
  if (!s || s.samples.length < 2) return "";
  return `${fmt(s.min, row.digits)} – ${fmt(s.max, row.digits)} (n=${s.samples.length})`;
}

/** @param {Row} row */
function goalText(row) {
  if (!row.goal) return "";
  return `${row.goal.op} ${fmt(row.goal.value, row.digits)}`;
}

/** @param {Row} row */
function metText(row) {
  if (!row.goal) return "";
  if (row.met === undefined) return "?";
  return row.met ? "yes" : "NO";
}

/** @param {Row[]} rows */
export function markdownTable(rows) {
  const lines = [
    "| benchmark | figure | median | min – max | goal | met |",
    "|---|---|---:|---|---|---|",
  ];
  for (const row of rows) {
    const error = row.error?.split("\n")[0] ?? "";
    const figure = row.error ? `${row.metric}: ${error.length > 400 ? `${error.slice(0, 400)}… (see results.json)` : error}` : row.metric;
    lines.push(
      `| ${row.benchmark} | ${figure.replace(/\|/g, "\\|")} | ${valueText(row)} | ${spreadText(row)} | ${goalText(row)} | ${metText(row)} |`,
    );
  }
  return lines.join("\n");
}

