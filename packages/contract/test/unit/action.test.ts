// The GitHub Action runs the CLI: every flag it passes is one the CLI takes, and every variable
// it sets is one the CLI reads, so the action and the CLI cannot drift apart unseen.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { USAGE } from "../../src/index.js";

const action = readFileSync(new URL("../../action.yml", import.meta.url), "utf8");
const main = readFileSync(new URL("../../src/main.ts", import.meta.url), "utf8");

describe("action.yml", () => {
  it("passes only flags the CLI documents", () => {
    const flags = [...new Set(action.match(/--[a-z][a-z-]+/g) ?? [])].filter((flag) => flag !== "--yes" && flag !== "--package");
    expect(flags.length).toBeGreaterThan(3);
    for (const flag of flags) expect(USAGE, flag).toContain(flag);
  });

  it("hands the credentials and the target over in variables the CLI reads", () => {
    const variables = [...action.matchAll(/^ {8}((?:HSS|HUAWEICLOUD)_[A-Z_]+):/gm)].map((match) => match[1]!);
    expect(variables).toEqual(expect.arrayContaining(["HSS_BASE_URL", "HSS_PROJECT_ID", "HSS_TOKEN", "HSS_OTHER_TOKEN"]));
    for (const name of variables) expect(main, name).toContain(`io.env.${name}`);
  });

  it("publishes the JUnit report the run writes", () => {
    expect(action).toContain('--junit "$INPUT_REPORT_DIR/junit.xml"');
    expect(action).toMatch(/uses: mikepenz\/action-junit-report@v\d+\n\s+if: always\(\)\n\s+with:\n\s+report_paths: \$\{\{ steps\.run\.outputs\.junit \}\}/);
  });
});
