import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const specRoot = fileURLToPath(new URL("..", import.meta.url));
const redocly = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin", "cli.js");
const portsFile = "paths/v5_{project_id}_asset_ports.yaml";

/** Each planted fault: an edit to a file of the spec (the ports path file unless named) and the rule that must report it. */
const faults: ReadonlyArray<{ rule: string; file?: string; edit: (s: string) => string }> = [
  { rule: "operation-summary", edit: (s: string) => s.replace(/^  summary: .*\n/m, "") },
  { rule: "rule/operation-description", edit: (s: string) => s.replace(/^  description: \|\n(    .*\n|\n)*/m, "") },
  { rule: "rule/operation-tagged", edit: (s: string) => s.replace("  tags:\n    - Asset Management\n", "") },
  { rule: "parameter-description", edit: (s: string) => s.replace("      description: Port type.\n", "") },
  { rule: "rule/parameter-schema-typed", edit: (s: string) => s.replace(/(- name: port\n(.*\n){3}\s+schema:\n)\s+type: integer\n/, "$1") },
  { rule: "no-invalid-media-type-examples", edit: (s: string) => s.replace("port: 323", "port: not-a-number") },
  { rule: "rule/query-parameter-semantics", edit: (s: string) => s.replace("      x-hss-filter: { field: type }\n", "") },
  { rule: "operation-4xx-response", edit: (s: string) => s.replace(/    "4\d\d":\n.*\n/g, "") },
  { rule: "rule/document-rate-limit", file: "openapi.yaml", edit: (s: string) => s.replace(/^x-hss-rate-limit:\n(  .*\n)+/m, "") },
];

describe("redocly lint rules", () => {
  let copy: string;
  let output: string;

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), "hss-spec-lint-"));
    await cp(specRoot, copy, { recursive: true, filter: (src) => !/node_modules|dist|test/.test(src.slice(specRoot.length)) });
    for (const fault of faults) {
      const file = join(copy, fault.file ?? portsFile);
      const text = await readFile(file, "utf8");
      const planted = fault.edit(text);
      expect(planted, `the ${fault.rule} fault changed nothing`).not.toBe(text);
      await writeFile(file, planted);
    }
    output = await promisify(execFile)(process.execPath, [redocly, "lint", "--config", "redocly.yaml", "--format", "json"], { cwd: copy })
      .then((r) => r.stdout, (e: { stdout: string }) => e.stdout);
  }, 30_000);

  afterAll(() => rm(copy, { recursive: true, force: true }));

  it.each(faults.map((f) => f.rule))("reports the planted fault as an error of %s", (rule) => {
    const problems: Array<{ ruleId: string; severity: string }> = JSON.parse(output).problems;
    expect(problems.filter((p) => p.ruleId === rule).map((p) => p.severity)).toContain("error");
  });
});
