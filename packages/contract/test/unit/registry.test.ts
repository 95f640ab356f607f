// The check registry: the one list the runner, the selection flags and the README read.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CHECKS, CHECK_NAMES, checksMarkdown, selectChecks } from "../../src/checks/registry.js";
import { FAMILIES, checkNames, loadModel, runContract, UsageError } from "../../src/index.js";
import { withChecks } from "../../scripts/readme-checks.mjs";

describe("the check registry", () => {
  it("names every check a run plans, and no check a run never plans", () => {
    expect([...checkNames(loadModel())].sort()).toEqual([...CHECK_NAMES].sort());
  });

  it("gives every check a family that is the start of its name", () => {
    for (const name of CHECK_NAMES) {
      expect(FAMILIES).toContain(CHECKS[name].family);
      expect(name.startsWith(`${CHECKS[name].family}.`), name).toBe(true);
    }
  });

  it("is what the README lists (node scripts/readme-checks.mjs rewrites the list)", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    expect(withChecks(readme, checksMarkdown())).toBe(readme);
    for (const name of CHECK_NAMES) expect(readme).toContain(`**${name}**`);
  });
});

describe("--checks and --exclude-checks", () => {
  it("select by name and by family, and leave out what is excluded", () => {
    const filters = CHECK_NAMES.filter((name) => name.startsWith("filters."));
    expect([...selectChecks(["filters", "auth.wrong-token"], undefined)].sort()).toEqual([...filters, "auth.wrong-token"].sort());
    expect(selectChecks(undefined, ["inputs"]).has("inputs.generated")).toBe(false);
    expect(selectChecks(undefined, ["inputs"]).has("auth.missing-token")).toBe(true);
  });

  it("refuse an entry that is neither a check nor a family, naming what is allowed", async () => {
    const run = runContract({ baseUrl: "http://127.0.0.1:9", projectId: "p", token: "t", checks: ["filter"] });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(`--checks takes check names and families (${FAMILIES.join(", ")}); "filter" is neither.`);
  });

  it("refuse a selection that leaves nothing", async () => {
    await expect(runContract({ baseUrl: "http://127.0.0.1:9", projectId: "p", token: "t", checks: ["auth"], excludeChecks: ["auth"] })).rejects.toThrow(
      "--checks and --exclude-checks leave no check to run.",
    );
  });
});
