// @ts-check
// Build: wall time of `turbo run build` over the whole workspace (TURBO_TELEMETRY_DISABLED=1):
// - cold: every package's dist/ removed and `--force`, so no task is restored from the cache;
// - cached: nothing changed since, so every task is a cache hit (FULL TURBO); median of rounds;
// - after a one-line spec edit: one description in spec/ changed, so the spec and everything
//   downstream of it rebuilds. The spec file is restored byte for byte in a finally (and on
//   Ctrl-C), then one more build puts back the outputs of the unedited spec, and the bench
//   checks that the generated client files are exactly as before.
// If the run after the cold one is not a full cache hit, the cached figure is an error row that
// names the task inputs the cold build changed by itself (a file that changes on every build
// and is an input keeps every later build from hitting the cache).
// A cold build and an edit take tens of seconds each, so they run once; the figure says so.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
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

/** @param {{ rounds: number, quick: boolean, prepared?: boolean }} options */
export async function run({ rounds, quick, prepared }) {
  const cachedRounds = quick ? 2 : Math.min(rounds, 5);
  // The cache must hold the current tree's build before the cold one, as after any normal
  // build; the runner's prepare step did that, unless it was skipped.
  if (!prepared) mustSucceed("warm-up build", runTurbo(BUILD));
  const generatedBefore = hashDir(GENERATED_DIR);

  const beforeCold = dryRunInputs();
  for (const dir of packageDirs()) rmSync(join(dir, "dist"), { recursive: true, force: true });
  const cold = mustSucceed("cold build", runTurbo([...BUILD, "--force"]));
  const coldTasks = cacheLine(cold.output);
  const afterCold = dryRunInputs();

  /** @type {number[]} */
  const cached = [];
  /** @type {string | undefined} */
  let notCached;
  for (let round = 0; round < cachedRounds && notCached === undefined; round++) {
    const result = mustSucceed("cached build", runTurbo(BUILD));
    cached.push(result.seconds);
    if (!/FULL TURBO/.test(result.output)) {
      const tasks = cacheLine(result.output);
      notCached =
        `the build right after the cold one was not a full cache hit (${tasks ? `${tasks.cached} of ${tasks.total} tasks cached` : "no cache summary"}, ${result.seconds.toFixed(1)} s): ` +
        changedInputs(beforeCold, afterCold);
    }
  }

  const beforeEdit = dryRunInputs();
  const edit = editOneLine();
  /** @type {ReturnType<typeof runTurbo>} */
  let edited;
  /** @type {Map<string, string>} */
  let editedHashes = new Map();
  try {
    edited = runTurbo(BUILD);
    editedHashes = dryRunHashes();
  } finally {
    edit.restore();
  }
  // With the spec's bytes back, any other input that differs from before the edit is a file the
  // edited build wrote itself, and it keeps the next build from being a full cache hit.
  const leftover = changedInputs(beforeEdit, dryRunInputs(), "the edited build rewrote task inputs");
  // Outputs of the unedited spec come back from the cache (or are rebuilt, if caching misses),
  // whether or not the edited build succeeded.
  const restored = mustSucceed("build after restoring the spec", runTurbo(BUILD));
  const restoredTasks = cacheLine(restored.output);
  // The edited spec's outputs will never be wanted again: drop them from turbo's local cache.
  const restoredHashes = new Set(dryRunHashes().values());
  for (const hash of editedHashes.values()) if (!restoredHashes.has(hash)) dropCacheEntry(hash);
  if (hashDir(GENERATED_DIR) !== generatedBefore) {
    throw new Error(`the generated client files differ from before the edit even after restoring the spec (${GENERATED_DIR})`);
  }
  mustSucceed("build after the spec edit", edited);

  const editTasks = cacheLine(edited.output);
  const editProblem =
    editTasks && editTasks.cached === editTasks.total
      ? `the build after the spec edit was served from the cache (${editTasks.cached} of ${editTasks.total} tasks): the edit was not new`
      : undefined;

  const c = summarize(cached);
  /** @type {any[]} */
  const rows = [
    {
      metric: "cold build (dist/ removed, --force)",
      value: cold.seconds,
      unit: "s",
      detail: `1 run${coldTasks ? `; ${coldTasks.total} tasks` : ""}`,
    },
    notCached
      ? { metric: "cached build (FULL TURBO)", error: notCached }
      : { metric: "cached build (FULL TURBO)", value: c.median, unit: "s", summary: c, detail: `${cached.length} runs` },
    editProblem
      ? { metric: "build after a one-line spec edit", error: editProblem }
      : {
      metric: "build after a one-line spec edit",
      value: edited.seconds,
      unit: "s",
      detail: `1 run; ${editTasks ? `${editTasks.total - editTasks.cached} of ${editTasks.total} tasks rebuilt` : ""}; edit: ${edit.description}; build after restoring ${restored.seconds.toFixed(1)} s${restoredTasks ? ` (${restoredTasks.cached} of ${restoredTasks.total} tasks from the cache${restoredTasks.cached < restoredTasks.total ? `: ${leftover}` : ""})` : ""}`,
    },
  ];
  if (!notCached) rows.push({ metric: "cold / cached", value: cold.seconds / c.median, unit: "x", digits: 0 });
  if (!editProblem) rows.push({ metric: "cold / after edit", value: cold.seconds / edited.seconds, unit: "x", digits: 2 });
  return rows;
}

/** @returns {Map<string, string>} the hash of every task of `turbo run build` (a dry run) */
function dryRunHashes() {
  const result = runTurbo(["run", "build", "--dry=json"]);
  try {
    const plan = JSON.parse(result.output.slice(result.output.indexOf("{")));
    return new Map((plan.tasks ?? []).map((/** @type {any} */ t) => [String(t.taskId), String(t.hash)]));
  } catch {
    return new Map();
  }
}

/** @param {string} hash a task hash: its entry in turbo's local cache (.turbo/cache) is removed */
function dropCacheEntry(hash) {
  if (!/^[0-9a-f]{8,}$/.test(hash)) return;
  const dir = join(ROOT, ".turbo/cache");
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir)) if (file.startsWith(hash)) rmSync(join(dir, file), { force: true });
}

/**
 * The input files of every task of `turbo run build`, with their hashes (a dry run, nothing built).
 * @returns {Map<string, Record<string, string>>}
 */
function dryRunInputs() {
  const result = runTurbo(["run", "build", "--dry=json"]);
  /** @type {Map<string, Record<string, string>>} */
  const out = new Map();
  try {
    const plan = JSON.parse(result.output.slice(result.output.indexOf("{")));
    for (const task of plan.tasks ?? []) {
      // Input paths are relative to the task's package: make them relative to the root.
      const inputs = Object.fromEntries(
        Object.entries(task.inputs ?? {}).map(([file, hash]) => [relative(ROOT, join(ROOT, task.directory ?? "", file)), String(hash)]),
      );
      out.set(task.taskId, inputs);
    }
  } catch {
    // no plan: the diagnosis will say so
  }
  return out;
}

/**
 * Which task inputs changed between two dry runs with no source edit between them: files a build
 * wrote itself, which keep the next build from hitting the cache.
 * @param {Map<string, Record<string, string>>} before
 * @param {Map<string, Record<string, string>>} after
 */
function changedInputs(before, after, lead = "the cold build itself changed task inputs") {
  if (before.size === 0 || after.size === 0) return "turbo's dry run gave no task inputs to compare";
  /** @type {Map<string, string[]>} */
  const byFile = new Map();
  for (const [task, inputs] of after) {
    const old = before.get(task) ?? {};
    for (const file of new Set([...Object.keys(old), ...Object.keys(inputs)])) {
      if (old[file] === inputs[file]) continue;
      byFile.set(file, [...(byFile.get(file) ?? []), task]);
    }
  }
  if (byFile.size === 0) return "no task input changed: was the tree edited meanwhile?";
  const listed = [...byFile].slice(0, 4).map(([file, tasks]) => `${file} (input of ${tasks.join(", ")})`);
  return `${lead}: ${listed.join("; ")}${byFile.size > 4 ? "; ..." : ""}`;
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
  // A new word every run: a repeated edit would be a cache hit from the run before.
  const word = `(bench edit ${Date.now().toString(36)})`;
  lines[index] = `${lines[index]} ${word}`;
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
    console.error(`\nbench: ${EDITED_FILE.slice(ROOT.length + 1)} restored; run \`pnpm build\` to rebuild what the edited spec generated.`);
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", restore);
  return { restore, description: `"${before}" + " ${word}" in ${EDITED_FILE.slice(ROOT.length + 1)}:${index + 1}` };
}
