// Builds the static docs site into dist/:
//   index.html     the Redoc reference, self-contained (Redoc's JavaScript inlined, no CDN), rendered
//                  from a copy of the bundled spec that carries generated code samples
//   client.html    getting started with @hss-kit/client
//   cli.html       the hss command line (@hss-kit/cli)
//   mcp.html       the MCP server (@hss-kit/mcp)
//   contract.html  getting started with the contract CLI
//   site.css       the one stylesheet of the nav and the guides
//   openapi.json, openapi.yaml  the pure bundled spec, for download
// The output depends only on the spec and the files of this package, so turbo can cache it.
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledSpecPath, bundledYamlPath, loadDocument } from "@hss-kit/spec";
import { localizeRedoc } from "./redoc-offline.mjs";
import { referenceDocument } from "./reference-document.mjs";
import { limitWords, walkWords } from "./limits.mjs";
import { GUIDES, cliCommandsTable, cliExitCodesTable, fill, forReaders, mcpToolsTable, navHtml, operationsTable, tryDocs } from "./site.mjs";
import { build as esbuild } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const site = join(root, "site");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);
const specJson = bundledSpecPath;
const specYaml = bundledYamlPath;
const redocly = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

const NAV_SLOT = "<!-- site-nav -->";

const spec = loadDocument();

// Everything is built in a staging folder beside dist/ (same file system, so each file moves in
// with an atomic rename): a server running on dist/ while it is rebuilt never sees a missing or
// half-written page.
const stage = await mkdtemp(join(root, ".build-"));
const work = join(stage, "work");
const out = join(stage, "site");
try {
  await mkdir(work);
  await mkdir(out);
  const docsSpec = join(work, "openapi.json");
  await writeFile(docsSpec, JSON.stringify(await referenceDocument(spec), null, 2));

  const template = await readFile(join(site, "reference.hbs"), "utf8");
  if (!template.includes(NAV_SLOT)) throw new Error(`site/reference.hbs lost its ${NAV_SLOT} slot.`);
  const templateFile = join(work, "reference.hbs");
  await writeFile(templateFile, template.replace(NAV_SLOT, () => navHtml("index.html")));

  const reference = join(work, "index.html");
  execFileSync(
    process.execPath,
    [redocly, "build-docs", docsSpec, "--output", reference, "--inlineBundle", "--template", templateFile,
     "--config", join(root, "redocly.yaml"), "--title", "HSS v5 API reference · hss-kit"],
    // Redocly's progress lines go to stderr; only its errors matter here, and they also fail the call.
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  await writeFile(join(out, "index.html"), localizeRedoc(await readFile(reference, "utf8")));

  const layout = await readFile(join(site, "layout.html"), "utf8");
  for (const { file, title } of GUIDES) {
    const content = forReaders(fill(await readFile(join(site, file), "utf8"), {
      operations: operationsTable(spec),
      tryDocs: tryDocs(spec),
      cliCommands: cliCommandsTable(spec),
      cliExitCodes: cliExitCodesTable(),
      mcpTools: mcpToolsTable(spec),
      limit: limitWords(spec),
      walk: walkWords(spec),
    }));
    await writeFile(join(out, file), fill(layout, { title, nav: navHtml(file), content }));
  }
  await copyFile(join(site, "site.css"), join(out, "site.css"));
  // The try-it console with the client's browser build (Web Crypto, no node: module) bundled in.
  await esbuild({
    entryPoints: [join(site, "try.mjs")],
    outfile: join(out, "try.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
  await copyFile(specJson, join(out, "openapi.json"));
  await copyFile(specYaml, join(out, "openapi.yaml"));

  await mkdir(dist, { recursive: true });
  const built = await readdir(out);
  for (const file of built) await rename(join(out, file), join(dist, file));
  // A page removed from site/ must not linger in the deployed site.
  for (const file of await readdir(dist)) {
    if (!built.includes(file)) await rm(join(dist, file), { recursive: true, force: true });
  }
} finally {
  await rm(stage, { recursive: true, force: true });
}
console.log(`Docs site built in ${dist}`);
