// @ts-check
// The release workflow's steps as a dry run on a scratch clone: stamping the repository fields
// and `changeset version`, checked against what `changeset status` said it would do. Publishing
// itself is `npm publish --dry-run` of each tarball (pack.mjs).

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, run } from "./process.mjs";

/**
 * @param {string} scratch an empty folder to clone into
 * @returns {Promise<string[]>} one line per package released
 */
export async function releaseDryRun(scratch) {
  await run("git", ["clone", "--quiet", "--no-hardlinks", ROOT, scratch]);
  const changeset = join(ROOT, "node_modules/.bin/changeset");
  const statusFile = join(scratch, "changeset-status.json");
  await run(changeset, ["status", "--output", statusFile], { cwd: scratch });
  /** @type {{ releases: Array<{ name: string, type: string, oldVersion: string, newVersion: string }> }} */
  const status = JSON.parse(readFileSync(statusFile, "utf8"));
  const env = { ...process.env, GITHUB_REPOSITORY: "dry-run-owner/hss-kit", GITHUB_SERVER_URL: "https://github.com" };
  await run(process.execPath, [join(scratch, "scripts/stamp-repository.mjs"), "--root", scratch], { cwd: scratch, env });
  await run(changeset, ["version"], { cwd: scratch });
  /** @type {Array<{ name: string, path: string, private?: boolean }>} */
  const packages = JSON.parse((await run("pnpm", ["-r", "ls", "--json", "--depth", "-1"], { cwd: scratch })).stdout);
  const lines = [];
  for (const release of status.releases) {
    const pkg = packages.find((p) => p.name === release.name);
    if (!pkg) throw new Error(`changeset status names ${release.name}, which is not in the workspace`);
    // Private packages (docs, bench) follow their dependencies' versions but are never published.
    if (pkg.private || release.type === "none") continue;
    const manifest = JSON.parse(readFileSync(join(pkg.path, "package.json"), "utf8"));
    if (manifest.version !== release.newVersion) {
      throw new Error(`${release.name}: changeset version wrote ${manifest.version}; changeset status said ${release.newVersion}`);
    }
    if (!manifest.repository?.url?.includes("dry-run-owner/hss-kit") || !manifest.repository.directory) {
      throw new Error(`${release.name}: no repository with a directory after stamping: ${JSON.stringify(manifest.repository)}`);
    }
    const changelog = join(pkg.path, "CHANGELOG.md");
    if (!existsSync(changelog) || !readFileSync(changelog, "utf8").includes(`## ${release.newVersion}`)) {
      throw new Error(`${release.name}: CHANGELOG.md has no ## ${release.newVersion} section`);
    }
    lines.push(`${release.name} ${release.oldVersion} -> ${release.newVersion} (${release.type}), CHANGELOG.md written, repository ${manifest.repository.url} (${manifest.repository.directory})`);
  }
  if (lines.length === 0) lines.push("no pending changeset: nothing to release");
  return lines;
}
