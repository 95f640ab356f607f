// @ts-check
// Build: wall time of `turbo run build` over the whole workspace (TURBO_TELEMETRY_DISABLED=1):
// - cold: every package's dist/ removed and `--force`, so no task is restored from the cache;
// - cached: nothing changed since, so every task is a cache hit (FULL TURBO); median of rounds;
// - after a one-line spec edit: one description in spec/ changed, so the spec and everything
//   downstream of it rebuilds. The spec file is restored byte for byte in a finally (and on
//   Ctrl-C), then one more cached build puts back the outputs of the unedited spec, and the
//   bench checks that the generated client files are exactly as before.
// A cold build and an edit take tens of seconds each, so they run once; the figure says so.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { summarize } from "../stats.mjs";
import { ROOT, runTurbo } from "../turbo.mjs";

export const name = "build";

const EDITED_FILE = join(ROOT, "spec/paths/v5_{project_id}_asset_ports.yaml");
const GENERATED_DIR = join(ROOT, "packages/client/src/generated");
const BUILD = ["run", "build", "--output-logs=errors-only"];

/** Workspace package folders: spec/, packages/* (bench/ has no build task). */
function packageDirs() {
  const packages = join(ROOT, "packages");
  return [join(ROOT, "spec"), ...readdirSync(packages).map((d) => join(packages, d))].filter((d) =>
    existsSync(join(d, "package.json")),
  );
}

/** @param {string} dir */
function hashDir(dir) {
  const hash = createHash("sha256");
  if (!existsSync(dir)) return "missing";
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const path = join(dir, file);
    try {
      hash.update(file).update(readFileSync(path));
    } catch {
      // a folder
    }
  }
  return hash.digest("hex");
}

/** @param {string} output */
function cacheLine(output) {
  const cached = output.match(/Cached:\s+(\d+) cached, (\d+) total/);
  return cached ? { cached: Number(cached[1]), total: Number(cached[2]) } : undefined;
}

/**
 * @param {string} what
 * @param {ReturnType<typeof runTurbo>} result
 */
function mustSucceed(what, result) {
  if (!result.ok) throw new Error(`${what}: turbo run build failed (exit ${result.status}); ${result.tail}`);
  return result;
}

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds, quick }) {
  const cachedRounds = quick ? 2 : Math.min(rounds, 5);
  // Make sure the cache holds the current tree's build, so the cached runs below can hit it.
  mustSucceed("warm-up build", runTurbo(BUILD));
  const generatedBefore = hashDir(GENERATED_DIR);

  for (const dir of packageDirs()) rmSync(join(dir, "dist"), { recursive: true, force: true });
  const cold = mustSucceed("cold build", runTurbo([...BUILD, "--force"]));
  const coldTasks = cacheLine(cold.output);

  /** @type {number[]} */
  const cached = [];
  for (let round = 0; round < cachedRounds; round++) {
    const result = mustSucceed("cached build", runTurbo(BUILD));
    if (!/FULL TURBO/.test(result.output)) {
      const tasks = cacheLine(result.output);
      throw new Error(
        `a build right after the cold one was not a full cache hit (${tasks ? `${tasks.cached} of ${tasks.total} tasks cached` : "no cache summary"}): ` +
          "is something editing the tree while the bench runs?",
      );
    }
    cached.push(result.seconds);
  }

  const edit = editOneLine();
  /** @type {ReturnType<typeof runTurbo>} */
  let edited;
  try {
    edited = mustSucceed("build after the spec edit", runTurbo(BUILD));
  } finally {
    edit.restore();
  }
  const editTasks = cacheLine(edited.output);
  // Outputs of the unedited spec come back from the cache.
  const restored = mustSucceed("build after restoring the spec", runTurbo(BUILD));
  if (hashDir(GENERATED_DIR) !== generatedBefore) {
    throw new Error(`the generated client files differ from before the edit even after restoring the spec (${GENERATED_DIR})`);
  }

  const c = summarize(cached);
  return [
    {
      metric: "cold build (dist/ removed, --force)",
      value: cold.seconds,
      unit: "s",
      detail: `1 run; ${coldTasks ? `${coldTasks.total} tasks` : ""}`,
    },
    {
      metric: "cached build (FULL TURBO)",
      value: c.median,
      unit: "s",
      summary: c,
      detail: `${cachedRounds} runs`,
    },
    {
      metric: "build after a one-line spec edit",
      value: edited.seconds,
      unit: "s",
      detail: `1 run; ${editTasks ? `${editTasks.total - editTasks.cached} of ${editTasks.total} tasks rebuilt` : ""}; edit: ${edit.description}; restore build ${restored.seconds.toFixed(1)} s`,
    },
    { metric: "cold / cached", value: cold.seconds / c.median, unit: "x", digits: 0 },
    { metric: "cold / after edit", value: cold.seconds / edited.seconds, unit: "x", digits: 2 },
  ];
}

/**
 * Appends a word to the first one-line `description:` of a spec path file, and gives back a
 * restore that writes the original bytes. Ctrl-C or a kill during the build restores too.
 */
function editOneLine() {
  const original = readFileSync(EDITED_FILE);
  const lines = original.toString("utf8").split("\n");
  const index = lines.findIndex((line) => /^\s+description: [^>|'"].*\S$/.test(line));
  if (index < 0) throw new Error(`no one-line description to edit in ${EDITED_FILE}`);
  const before = lines[index].trim();
  lines[index] = `${lines[index]} (bench edit)`;
  writeFileSync(EDITED_FILE, lines.join("\n"));

  let restored = false;
  const restore = () => {
    if (restored) return;
    writeFileSync(EDITED_FILE, original);
    restored = true;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", restore);
  };
  const onSignal = (/** @type {NodeJS.Signals} */ signal) => {
    restore();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", restore);
  return { restore, description: `"${before}" + " (bench edit)" in ${EDITED_FILE.slice(ROOT.length + 1)}:${index + 1}` };
}
