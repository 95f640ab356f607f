import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { loadDocument, loadModel } from "@hss-kit/spec";
import { withCodeSamples } from "../scripts/code-samples.mjs";

const bundled = loadDocument();

// The docs package's own node_modules: @hss-kit/client there is the workspace link to
// packages/client, so the samples are checked against its built dist, as a reader would use it.
const docsNodeModules = fileURLToPath(new URL("../node_modules", import.meta.url));

// What a reader's project would plausibly use. The samples use top-level await (an ES module under
// NodeNext, hence "type": "module" below) and process.env (hence the node types).
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    types: ["node"],
    noEmit: true,
    // The client's declarations are checked by its own lint; checking them again here only costs time.
    skipLibCheck: true,
  },
  include: ["*.ts"],
};

/** The TypeScript sample of every operation, by operationId, exactly as the build generates it. */
function typescriptSamples(): Map<string, string> {
  const samples = new Map<string, string>();
  for (const pathItem of Object.values<any>(withCodeSamples(bundled).paths)) {
    const operation = pathItem.get;
    const sample = operation["x-codeSamples"].find((s: { lang: string }) => s.lang === "TypeScript");
    samples.set(operation.operationId, sample.source);
  }
  return samples;
}

/** Type-checks the given sources as files of a fresh project in a temp folder; returns the diagnostics as text. */
async function typeCheck(sources: Map<string, string>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "hss-docs-samples-"));
  try {
    await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
    await symlink(docsNodeModules, join(dir, "node_modules"), "dir");
    for (const [name, source] of sources) await writeFile(join(dir, `${name}.ts`), source);

    // The tsconfig written above is the one checked, so a failure reproduces with `tsc -p` in that folder.
    const configPath = join(dir, "tsconfig.json");
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, dir);
    expect(config.errors).toEqual([]);
    expect(config.fileNames).toHaveLength(sources.size);
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) =>
      ts.formatDiagnostic(diagnostic, {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => dir,
        getNewLine: () => "\n",
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("generated TypeScript samples", () => {
  const samples = typescriptSamples();

  it("type-check against the built @hss-kit/client, every one", async () => {
    expect([...samples.keys()].sort()).toEqual(loadModel().operations.map((op) => op.id).sort());
    expect(await typeCheck(samples)).toEqual([]);
  });

  it("fail the check when a sample passes a wrong or misses a required parameter", async () => {
    const ports = samples.get("listPorts")!;
    const misspelled = ports.replace("  host_id:", "  hostid:");
    const missing = ports.replace(/\{\n {2}host_id: .*\n\}/, "{}");
    expect(misspelled).not.toBe(ports);
    expect(missing).not.toBe(ports);

    const diagnostics = await typeCheck(new Map([["misspelled", misspelled], ["missing", missing]]));
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics.find((d) => d.startsWith("misspelled.ts"))).toMatch(/'hostid' does not exist/);
    expect(diagnostics.find((d) => d.startsWith("missing.ts"))).toMatch(/'host_id' is missing/);
  });
});
