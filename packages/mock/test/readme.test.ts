// Every TypeScript example in the README runs as written, against the package's built entry
// points (as an npm user imports them), and prints what the README says it prints.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = await readFile(join(packageRoot, "README.md"), "utf8");
const { exports } = JSON.parse(await readFile(join(packageRoot, "package.json"), "utf8")) as {
  exports: Record<string, { default: string }>;
};
/** Each TypeScript block, with the text block after it: what it prints. */
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```\n\n```text\n([\s\S]*?)```\n/g)].map((match) => ({ code: match[1]!, prints: match[2]! }));

/** The example with `@hss-kit/mock[/subpath]` pointed at the built file the package exports for it. */
function resolved(code: string): string {
  return code.replace(/from "@hss-kit\/mock(\/[\w-]+)?"/g, (_, subpath: string | undefined) => {
    const target = exports[`.${subpath ?? ""}`];
    if (!target) throw new Error(`the README imports @hss-kit/mock${subpath ?? ""}, which the package does not export`);
    return `from ${JSON.stringify(pathToFileURL(join(packageRoot, target.default)).href)}`;
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hss-mock-readme-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("README examples", () => {
  it("are there", () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((example, index) => [index + 1, example] as const))("example %i runs and prints what the README shows", async (number, example) => {
    const file = join(dir, `example-${number}.mjs`);
    // The examples are plain JavaScript apart from their file type, so they run as .mjs.
    await writeFile(file, resolved(example.code));
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args) => void printed.push(format(...args)));
    try {
      await import(file);
    } finally {
      log.mockRestore();
    }
    expect(printed.join("\n") + "\n").toBe(example.prints);
  });
});
