// Every TypeScript example in the README runs as written, against the Prism mock, which
// HUAWEICLOUD_SDK_ENDPOINT names as the endpoint.
import { startMock, type RunningMock } from "@hss-kit/mock";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = await readFile(join(packageRoot, "README.md"), "utf8");
/**
 * Each TypeScript block of the README, named by the section it is in, with the output the
 * README says it prints (the text block that follows it).
 */
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```\n(?:\n[^\n]*\n\n```text\n([\s\S]*?)```\n)?/g)].map((match) => {
  const heading = [...readme.slice(0, match.index).matchAll(/^## (.+)$/gm)].at(-1)?.[1] ?? "intro";
  return { heading, code: match[1]!, prints: match[2] };
});

let mock: RunningMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  dir = await mkdtemp(join(tmpdir(), "hss-readme-"));
  vi.stubEnv("HUAWEICLOUD_SDK_AK", "READMEAK");
  vi.stubEnv("HUAWEICLOUD_SDK_SK", "readme-secret-key");
  vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "readme-project");
  vi.stubEnv("HUAWEICLOUD_SDK_SECURITY_TOKEN", undefined);
  vi.stubEnv("HSS_TOKEN", "readme-token");
  // The README's own advice: HUAWEICLOUD_SDK_ENDPOINT points every example at the mock.
  vi.stubEnv("HUAWEICLOUD_SDK_ENDPOINT", mock.url);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  await mock?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("README examples", () => {
  it("are there, one per topic", () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
  });

  it.each(examples.map((example, index) => [index + 1, example.heading] as const))(
    "example %i (%s) runs",
    async (number) => {
      const printed: unknown[][] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...args) => void printed.push(args));
      try {
        const file = join(dir, `example-${number}.ts`);
        await writeFile(file, examples[number - 1]!.code);
        await import(file);
      } finally {
        log.mockRestore();
      }
      const { prints } = examples[number - 1]!;
      expect(prints, "the README shows what the example prints, in a text block after it").toBeDefined();
      expect(printed.map((args) => format(...args)).join("\n") + "\n").toBe(prints);
    },
  );

  it("type-check against the package's types", async () => {
    const files = await Promise.all(
      examples.map(async (example, index) => {
        const file = join(dir, `typed-${index + 1}.mts`);
        await writeFile(file, example.code);
        return file;
      }),
    );
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: ["node"],
      typeRoots: [join(packageRoot, "node_modules", "@types")],
      strict: true,
      // As strict as a user's project may be: `projectId: process.env.X` must still compile.
      exactOptionalPropertyTypes: true,
      noEmit: true,
      skipLibCheck: true,
      baseUrl: packageRoot,
      paths: { "@hss-kit/client": ["./src/index.ts"] },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => `${diagnostic.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    expect(problems).toEqual([]);
  }, 30_000);
});
