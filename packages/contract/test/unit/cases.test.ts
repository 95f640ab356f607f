import { describe, expect, it } from "vitest";
import { deriveInputCases, loadModel, type OperationModel } from "../../src/index.js";
import { sendsEmptyQueryValue } from "../../src/cases.js";

const spec = loadModel();
const labels = (id: string, check?: string) =>
  deriveInputCases(spec.operations.find((o) => o.id === id) as OperationModel)
    .filter((c) => !check || c.check === check)
    .map((c) => c.label);

describe("deriveInputCases", () => {
  it("takes the bounds the spec states: min and max accepted, one step past refused", () => {
    expect(labels("listPorts", "inputs.accepted")).toEqual(expect.arrayContaining(["limit=10 (minimum)", "limit=200 (maximum)", "port=1 (minimum)", "port=65535 (maximum)", "type=TCP (enum value)", "type=UDP (enum value)"]));
    expect(labels("listPorts", "inputs.below-min")).toEqual(["port=0 (minimum 1 - 1)", "limit=9 (minimum 10 - 1)", "offset=-1 (minimum 0 - 1)"]);
    expect(labels("listPorts", "inputs.above-max")).toEqual(["port=65536 (maximum 65535 + 1)", "limit=201 (maximum 200 + 1)", "offset=2000001 (maximum 2000000 + 1)"]);
  });

  it("falls back to the int32 range where the spec states no bound", () => {
    expect(labels("listProcessesHost", "inputs.above-max")).toEqual(["limit=2147483648 (above the int32 range)", "offset=2147483648 (above the int32 range)"]);
    expect(labels("listProcessesHost", "inputs.accepted").some((l) => l.startsWith("limit="))).toBe(false);
  });

  it("gives path parameters refusal cases only, without duplicating the empty segment", () => {
    expect(labels("listVulScanTaskHost").filter((l) => l.startsWith("task_id"))).toEqual([
      "task_id empty (path segment left out)",
      "task_id of 257 characters (maxLength 256 + 1)",
    ]);
  });

  it("refuses a missing required query or header parameter, and types it can check", () => {
    expect(labels("listPorts", "inputs.missing-required")).toEqual(["project_id empty (path segment left out)", "host_id omitted"]);
    expect(labels("listLocalImageHosts", "inputs.missing-required")).toEqual(["project_id empty (path segment left out)", "region omitted"]);
    expect(labels("listUsers", "inputs.wrong-type")).toEqual(["login_permission=yes (not a boolean)", "root_permission=yes (not a boolean)", "part_match=yes (not a boolean)", "limit=abc (not an integer)", "offset=abc (not an integer)"]);
  });

  it("marks the cases that send an empty query value", () => {
    const users = deriveInputCases(spec.operations.find((o) => o.id === "listUsers") as OperationModel);
    expect(users.filter(sendsEmptyQueryValue).map((c) => c.label)).toEqual([
      "host_id of 0 characters (minLength 1 - 1)",
      "user_name of 0 characters (minLength)",
      "host_name of 0 characters (minLength 1 - 1)",
      "private_ip of 0 characters (minLength 1 - 1)",
      "enterprise_project_id of 0 characters (minLength 1 - 1)",
      "limit= (an empty value, not an integer)",
      "offset= (an empty value, not an integer)",
    ]);
  });
});
