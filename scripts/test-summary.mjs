#!/usr/bin/env node
// Sums the vitest "Tests" lines of a `pnpm test` log (every package, through turbo) into one
// closing line, `N passed, M failed, K skipped`, so CI reads one total instead of six.
//   pnpm test | tee test.log; node scripts/test-summary.mjs test.log
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  console.error("Usage: node scripts/test-summary.mjs LOG_FILE");
  process.exit(2);
}
const log = readFileSync(file, "utf8").replace(/\x1b\[[0-9;]*m/g, "");
const totals = { passed: 0, failed: 0, skipped: 0 };
let suites = 0;
for (const line of log.split("\n")) {
  const counts = line.match(/^\S+:test:\s+Tests\s+(.*)\(\d+\)\s*$/);
  if (!counts) continue;
  suites++;
  for (const [, n, kind] of counts[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    totals[kind === "todo" ? "skipped" : kind] += Number(n);
  }
}
if (suites === 0) {
  console.error(`No test results found in ${file}.`);
  process.exit(1);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
