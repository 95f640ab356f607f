// Writes `repository` (with `directory`), `homepage` and `bugs` into every public package's
// package.json from the repository the release runs in: GITHUB_SERVER_URL and GITHUB_REPOSITORY,
// which GitHub Actions sets. npm provenance refuses a package whose `repository` is not the
// repository that built it, so the fields come from there rather than from a guess written
// here. The homepage is the docs site .github/workflows/pages.yml publishes (GitHub Pages).
//
//   GITHUB_REPOSITORY=owner/name node scripts/stamp-repository.mjs [--root DIR]

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The three fields for a package at `directory` (relative to the repository root).
 * @param {{ server: string, repository: string, directory: string }} where
 */
export function repositoryFields({ server, repository, directory }) {
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new Error(`GITHUB_REPOSITORY must be owner/name; got ${JSON.stringify(repository)}`);
  }
  const base = new URL(server);
  if (base.protocol !== "https:") throw new Error(`GITHUB_SERVER_URL must be an https:// URL; got ${JSON.stringify(server)}`);
  const web = `${base.origin}/${repository}`;
  const [owner, name] = repository.split("/");
  const homepage = base.hostname === "github.com" ? `https://${owner.toLowerCase()}.github.io/${name}/` : `${web}#readme`;
  return {
    repository: { type: "git", url: `git+${web}.git`, directory },
    homepage,
    bugs: { url: `${web}/issues` },
  };
}

function main() {
  const args = process.argv.slice(2);
  const root = args.includes("--root") ? args[args.indexOf("--root") + 1] : fileURLToPath(new URL("..", import.meta.url));
  const repository = process.env.GITHUB_REPOSITORY;
  if (!repository) throw new Error("GITHUB_REPOSITORY is not set (owner/name of the repository the release runs in)");
  const server = process.env.GITHUB_SERVER_URL ?? "https://github.com";
  /** @type {Array<{ name: string, path: string, private?: boolean }>} */
  const packages = JSON.parse(execFileSync("pnpm", ["-r", "ls", "--json", "--depth", "-1"], { cwd: root, encoding: "utf8" }));
  for (const pkg of packages.filter((p) => !p.private)) {
    const file = join(pkg.path, "package.json");
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    Object.assign(manifest, repositoryFields({ server, repository, directory: relative(root, pkg.path) }));
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`${pkg.name}: repository ${manifest.repository.url} (${manifest.repository.directory}), homepage ${manifest.homepage}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
