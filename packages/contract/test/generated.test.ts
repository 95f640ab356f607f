import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel, runContract, type CheckResult } from "../src/index.js";
import { startTarget, type Target } from "./fixtures/target.js";

describe("inputs.generated", () => {
  let server: Target;
  beforeAll(async () => {
    server = await startTarget("inputs.combination-crash");
  });
  afterAll(() => server.close());

  const generated = async (seed: number): Promise<CheckResult[]> => {
    const report = await runContract({ baseUrl: server.url, projectId: server.projectId, token: server.token, taskId: server.taskId, seed });
    return report.results.filter((r) => r.check === "inputs.generated");
  };

  it("shrinks a failure to a minimal combination and reproduces it from the same seed", async () => {
    const first = await generated(11);
    const again = await generated(11);
    // The fault needs two optional filters, so every operation with two of them fails.
    const crashable = loadModel().operations.filter((o) => o.parameters.filter((p) => p.filter && !p.required).length >= 2);
    expect(first.map((r) => r.status)).toEqual(crashable.map(() => "fail"));
    const notes = first.map((r) => r.failures[0]?.note ?? "");
    expect(again.map((r) => r.failures[0]?.note)).toEqual(notes);
    for (const note of notes) {
      // The fault needs two optional filters: shrinking leaves exactly two parameters.
      expect(note).toMatch(/shrunk \d+ time\(s\) to [a-z_]+=[^&]*&[a-z_]+=[^&]*\s\(seed 11, path [\d:]+\); rerun with --seed 11$/);
    }
    const failing = first.find((r) => r.operation === "listPorts")?.failures[0];
    expect(failing?.status).toBe(500);
    expect(failing?.curl).toContain("host_id=");
  });
});
