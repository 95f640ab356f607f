// @ts-check
// `pnpm bench`: runs every benchmark, prints one table and writes bench/results.json.
// A benchmark that throws becomes an error row; the others still run, and the exit code is 1.
//
// Options: --only a,b (run some benchmarks), --skip a,b, --rounds N (default 5), --quick (fewer
// requests, for trying the harness), --no-prepare (do not run `turbo run build` first).

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { fmt, now } from "./stats.mjs";
import { markdownTable } from "./table.mjs";
import { runTurbo } from "./turbo.mjs";

const BENCHMARKS = ["signing", "overhead", "throttle", "size", "mock", "contract", "cli-mcp", "build"];
const RESULTS = fileURLToPath(new URL("../results.json", import.meta.url));

/**
 * @typedef {object} Row
 * @property {string} benchmark
 * @property {string} metric
 * @property {number} [value]
 * @property {string} [unit]
 * @property {import("./stats.mjs").Summary} [summary]
 * @property {{ op: ">=" | "<=", value: number }} [goal]
 * @property {boolean} [met]
 * @property {number} [digits]
 * @property {string} [detail]
 * @property {string} [error]
 */

function parseArgs(argv) {
  const options = { only: BENCHMARKS, rounds: 5, quick: false, prepare: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--only") options.only = argv[++i].split(",");
    else if (arg === "--skip") {
      const skip = argv[++i].split(",");
      options.only = options.only.filter((b) => !skip.includes(b));
    } else if (arg === "--rounds") options.rounds = Math.max(1, Number(argv[++i]));
    else if (arg === "--quick") options.quick = true;
    else if (arg === "--no-prepare") options.prepare = false;
    else if (arg !== "--") throw new Error(`unknown option ${arg}`);
  }
  for (const name of options.only) if (!BENCHMARKS.includes(name)) throw new Error(`unknown benchmark ${name}`);
  return options;
}

export function machine() {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? os.cpus()[0]?.model;
  let distro = `${os.type()} ${os.release()}`;
  try {
    const pretty = readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]+)"?$/m)?.[1];
    if (pretty) distro = `${pretty}, ${os.type()} ${os.release()}`;
  } catch {
    // keep the kernel name only
  }
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: distro,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = now();
  const info = machine();
  console.log(`hss-kit bench on ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}, ${info.os}`);
  console.log(`load average at start: ${info.loadAverageAtStart.join(" ")}\n`);

  /** @type {Row[]} */
  const rows = [];
  let failed = false;

  let prepared = false;
  if (options.prepare) {
    process.stdout.write("prepare: turbo run build (not measured) ... ");
    const result = runTurbo(["run", "build", "--output-logs=errors-only"]);
    console.log(result.ok ? `ok (${fmt(result.seconds)} s)` : "FAILED");
    prepared = result.ok;
    if (!result.ok) {
      failed = true;
      rows.push({ benchmark: "prepare", metric: "turbo run build", error: `failed (exit ${result.status}); ${result.tail}` });
      console.log(`  ${result.tail.split("\n").join("\n  ")}`);
    }
  }

  for (const name of options.only) {
    const t0 = now();
    process.stdout.write(`${name} ... `);
    try {
      const mod = await import(`./benchmarks/${name}.mjs`);
      /** @type {Row[]} */
      const produced = await mod.run({ rounds: options.rounds, quick: options.quick, prepared });
      for (const row of produced) {
        row.benchmark = name;
        if (row.error) failed = true;
        if (row.goal && row.value !== undefined && row.met === undefined) {
          row.met = row.goal.op === ">=" ? row.value >= row.goal.value : row.value <= row.goal.value;
        }
        rows.push(row);
      }
      console.log(`done in ${fmt((now() - t0) / 1000)} s`);
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.message : String(error);
      rows.push({ benchmark: name, metric: "failed", error: message });
      console.log(`FAILED in ${fmt((now() - t0) / 1000)} s\n  ${message.split("\n").slice(0, 6).join("\n  ")}`);
    }
  }

  const totalSeconds = (now() - started) / 1000;
  const table = markdownTable(rows);
  console.log(`\n${table}\n`);
  console.log(`total bench wall time: ${fmt(totalSeconds)} s`);

  const results = {
    date: new Date().toISOString(),
    command: `pnpm bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    machine: info,
    commit: gitHead(),
    totalSeconds: Math.round(totalSeconds * 10) / 10,
    rows,
  };
  writeFileSync(`${RESULTS}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${RESULTS}.tmp`, RESULTS);
  console.log(`wrote ${RESULTS}`);
  process.exitCode = failed ? 1 : 0;
}

function gitHead() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

await main();
// Anything a benchmark left behind (sockets of the keep-alive pool, timers) must not keep us alive.
setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
