// The check registry: a check is registered by being defined; the runner, the selection flags and
// the README read what was defined.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { checkNamesDefined, checksMarkdown, registeredChecks, selectChecks } from "../../src/checks/index.js";
import { defineCheck } from "../../src/checks/registry.js";
import { FAMILIES, checkNames, loadModel, runContract, UsageError } from "../../src/index.js";
import { withChecks } from "../../scripts/readme-checks.mjs";

describe("the check registry", () => {
  it("holds no check that the bundled spec never plans", () => {
    expect(checkNamesDefined().filter((name) => !checkNames(loadModel()).includes(name))).toEqual([]);
  });

  it("orders the checks by family, in report order", () => {
    const order = registeredChecks().map((check) => FAMILIES.indexOf(check.family));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("refuses a second definition of a name, and a name outside the families", () => {
    const [first] = registeredChecks();
    expect(() => defineCheck({ ...first!, plan: () => [] })).toThrow(`check ${first!.name} is defined twice`);
    expect(() => defineCheck({ name: "nofamily.x" as never, rule: "r", plan: () => [] })).toThrow("the name must start with a family");
  });

  it("is what the README lists (node scripts/readme-checks.mjs rewrites the list)", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    expect(withChecks(readme, checksMarkdown())).toBe(readme);
    for (const name of checkNamesDefined()) expect(readme).toContain(`**${name}**`);
  });
});

describe("--checks and --exclude-checks", () => {
  it("select by name and by family, and leave out what is excluded", () => {
    const filters = checkNamesDefined().filter((name) => name.startsWith("filters."));
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
