// Parameter checks come from the spec's rules; these tests hold them to the generated table and
// to the messages callers see.
import { describe, expect, it } from "vitest";
import { HssValidationError } from "../src/errors.js";
import { operations } from "../src/generated/operations.js";
import { assertParamsObject, compileSendableCheck, compileValidator, refuseUnknown } from "../src/validate.js";

/** Every value may be quoted: these tests have no credentials to hide. */
const showAll = () => true;

function refusal(run: () => void): HssValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HssValidationError);
    return error as HssValidationError;
  }
  throw new Error("expected a validation error");
}

describe("compileValidator against the generated table", () => {
  it("accepts valid parameters of every operation", () => {
    expect(() => compileValidator("listPorts", operations.listPorts, showAll)({ host_id: "h", limit: 10, type: "TCP" })).not.toThrow();
    expect(() => compileValidator("listUsers", operations.listUsers, showAll)({})).not.toThrow();
    expect(() => compileValidator("listVulScanTaskHost", operations.listVulScanTaskHost, showAll)({ task_id: "t" })).not.toThrow();
    expect(() => compileValidator("listLocalImageHosts", operations.listLocalImageHosts, showAll)({ region: "r" })).not.toThrow();
    expect(() => compileValidator("listProcessesHost", operations.listProcessesHost, showAll)({ path: "/bin/sh" })).not.toThrow();
  });

  it("refuses a missing required parameter, naming it and what it takes", () => {
    const error = refusal(() => compileValidator("listPorts", operations.listPorts, showAll)({ limit: 10 }));
    expect(error.message).toBe("listPorts: host_id is required and must be a string of at most 128 characters.");
    expect(error).toMatchObject({ operationId: "listPorts", parameter: "host_id", value: undefined, problem: "missing" });
    expect(refusal(() => compileValidator("listVulScanTaskHost", operations.listVulScanTaskHost, showAll)({})).parameter).toBe(
      "task_id",
    );
    expect(refusal(() => compileValidator("listLocalImageHosts", operations.listLocalImageHosts, showAll)({})).parameter).toBe(
      "region",
    );
  });

  it("refuses a value out of bounds, naming the parameter, the value and the bounds", () => {
    const error = refusal(() => compileValidator("listPorts", operations.listPorts, showAll)({ host_id: "h", limit: 500 }));
    expect(error.message).toBe("listPorts: limit must be an integer from 10 to 200; got 500.");
    expect(error).toMatchObject({ parameter: "limit", value: 500, allowed: "an integer from 10 to 200", problem: "invalid" });
  });

  it.each([
    [{ host_id: "h", port: 0 }, "listPorts: port must be an integer from 1 to 65535; got 0."],
    [{ host_id: "h", type: "SCTP" }, 'listPorts: type must be one of "TCP", "UDP"; got "SCTP".'],
    [{ host_id: "h", offset: -1 }, "listPorts: offset must be an integer from 0 to 2000000; got -1."],
    [{ host_id: "h", limit: "50" }, 'listPorts: limit must be an integer from 10 to 200; got "50".'],
    [{ host_id: "h".repeat(129) }, `listPorts: host_id must be a string of at most 128 characters; got "${"h".repeat(79)}….`],
  ])("%j is refused", (params, message) => {
    expect(() => compileValidator("listPorts", operations.listPorts, showAll)(params)).toThrow(message);
  });

  it("refuses an unknown parameter, listing the known ones", () => {
    const error = refusal(() => compileValidator("listPorts", operations.listPorts, showAll)({ host_id: "h", hostId: "x" }));
    expect(error.message).toBe(
      'listPorts: hostId is not a parameter of listPorts (its value is not shown); the parameters are host_id, host_name, host_ip, port, type, status, enterprise_project_id, limit, offset, category.',
    );
    expect(error.problem).toBe("unknown");
  });

  it("refuses project_id, which the client fills in", () => {
    expect(() => compileValidator("listUsers", operations.listUsers, showAll)({ project_id: "p" })).toThrow(
      "listUsers: project_id is not a parameter of listUsers",
    );
  });

  it("a compiled validator checks call after call", () => {
    const validate = compileValidator("listPorts", operations.listPorts, showAll);
    expect(() => validate({ host_id: "h", limit: 10 })).not.toThrow();
    expect(() => validate({ host_id: "h", limit: 5 })).toThrow("listPorts: limit must be an integer from 10 to 200; got 5.");
    expect(() => validate({ host_id: "h", limit: 200 })).not.toThrow();
  });

  it("ignores parameters given as undefined", () => {
    expect(() => compileValidator("listUsers", operations.listUsers, showAll)({ nothing: undefined, limit: undefined })).not.toThrow();
  });

  it("refuseUnknown adds the hint to the list", () => {
    expect(() => refuseUnknown("walk", { limit: 5 }, ["a"], " (hint)")).toThrow(
      "walk: limit is not a parameter of walk (its value is not shown); the parameters are a (hint).",
    );
  });

  it("assertParamsObject refuses anything but a plain object", () => {
    for (const params of ["h1", 42, null, ["h1"]]) {
      expect(() => assertParamsObject("listPorts", params, showAll)).toThrow("listPorts: params must be an object of parameters");
    }
    expect(() => assertParamsObject("listPorts", undefined, showAll)).not.toThrow();
  });
});

describe("compileSendableCheck: what is never sent, validation or not", () => {
  const scanHosts = compileSendableCheck("listVulScanTaskHost", operations.listVulScanTaskHost, showAll);
  const images = compileSendableCheck("listLocalImageHosts", operations.listLocalImageHosts, showAll);
  const users = compileSendableCheck("listUsers", operations.listUsers, showAll);

  it.each([".", ".."])("refuses the path value %j, which URL normalisation would send elsewhere", (value) => {
    const error = refusal(() => scanHosts({ task_id: value }));
    expect(error.parameter).toBe("task_id");
    expect(error.message).toBe(
      `listVulScanTaskHost: task_id must be a path segment other than "." and ".." (URL normalisation would send the request to another endpoint); got ${JSON.stringify(value)}.`,
    );
  });

  it("accepts dots that stay inside their segment, and dots in the query", () => {
    expect(() => scanHosts({ task_id: "...", scan_status: ".." })).not.toThrow();
    expect(() => scanHosts({ task_id: "a..b" })).not.toThrow();
  });

  it.each(["cn\r\nX-Injected: 1", "cn\n", "cn\0"])("refuses a header value with %j", (region) => {
    expect(refusal(() => images({ region })).allowed).toBe("a header value of printable ASCII (no line break, control character or character beyond ASCII)");
  });

  it.each(["\uD800", "a\uDC00b", "\uDBFF\uDBFF"])("refuses the unpaired surrogate in %j, in any parameter, known or not", (value) => {
    expect(refusal(() => users({ user_name: value })).allowed).toMatch(/^a well-formed Unicode string/);
    expect(refusal(() => users({ not_a_parameter: [value] })).parameter).toBe("not_a_parameter");
  });

  it("accepts paired surrogates and every other string", () => {
    expect(() => users({ user_name: "名前-😀", host_name: "a\r\nb" })).not.toThrow();
  });
});
