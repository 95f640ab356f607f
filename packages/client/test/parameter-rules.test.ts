// Every rule of every parameter, path parameters and header values included, and the options
// that fill parameters in (projectId, region): a value that breaks one is refused before any
// request, with a typed error that names the parameter and what it allows, never with a
// TypeError from Headers or a request the server has to refuse.
import { describe, expect, it } from "vitest";
import { createHssClient, HssConfigurationError, HssValidationError, type HssClientOptions } from "../src/index.js";
import { operations, type OperationId } from "../src/generated/operations.js";
import type { ParameterDescriptor } from "../src/operation-descriptor.js";
import { callerParameters } from "../src/validate.js";
import { fakeFetch } from "./helpers/fake-fetch.js";

const TOKEN = "iam-token-value-for-rules-0123456789";

function client(options: HssClientOptions = {}) {
  const fake = fakeFetch();
  const hss = createHssClient({
    baseUrl: "https://hss.test",
    projectId: "p",
    region: "cn-north-4",
    credentials: { token: TOKEN },
    maxRetries: 0,
    fetch: fake.fetch,
    ...options,
  });
  return { hss, requests: fake.requests };
}

function construction(options: HssClientOptions): unknown {
  try {
    client(options);
  } catch (caught) {
    return caught;
  }
  return new Error("expected the client to be refused");
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error("expected the call to be refused"),
    (caught: unknown) => caught,
  );
}

/** A value of the parameter's type that breaks each of its rules, one at a time. */
function breaking({ schema }: ParameterDescriptor): Array<[string, unknown]> {
  const cases: Array<[string, unknown]> = [];
  if (schema.enum) cases.push(["outside its enum", `not-${String(schema.enum[0])}`]);
  if (schema.type === "string" && schema.maxLength !== undefined) cases.push(["too long", "x".repeat(schema.maxLength + 1)]);
  if (schema.type === "string" && (schema.minLength ?? 0) > 0) cases.push(["too short", "x".repeat(schema.minLength! - 1)]);
  if (schema.type === "integer") {
    cases.push(["not an integer", 1.5]);
    if (schema.maximum !== undefined) cases.push(["above its maximum", schema.maximum + 1]);
    if (schema.minimum !== undefined) cases.push(["below its minimum", schema.minimum - 1]);
    if (schema.format === "int32" && schema.maximum === undefined) cases.push(["beyond int32", 2 ** 31]);
  }
  if (schema.type === "boolean") cases.push(["not a boolean", "true"]);
  if (schema.type === "string") cases.push(["not a string", 5]);
  return cases;
}

/** The smallest valid value of a parameter: what a call needs to pass the other checks. */
function valid({ schema }: ParameterDescriptor): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.type === "integer") return schema.minimum ?? 0;
  if (schema.type === "boolean") return true;
  return "v".repeat(Math.max(schema.minLength ?? 1, 1));
}

const everyRule = (Object.keys(operations) as OperationId[]).flatMap((id) => {
  const parameters = callerParameters(operations[id]);
  const required = Object.fromEntries(parameters.filter((p) => p.required).map((p) => [p.name, valid(p)]));
  return parameters.flatMap((parameter) =>
    breaking(parameter).map(([rule, value]) => [`${id} ${parameter.in} ${parameter.name} ${rule}`, id, required, parameter.name, value] as const),
  );
});

describe("every rule of every parameter", () => {
  it("has rules to break: the table is not empty, and path and header parameters are in it", () => {
    const where = new Set(everyRule.map(([, id, , name]) => callerParameters(operations[id]).find((p) => p.name === name)!.in));
    expect(where).toEqual(new Set(["path", "query", "header"]));
  });

  it.each(everyRule)("%s: refused, naming it, before any request", async (_title, id, required, name, value) => {
    const { hss, requests } = client();
    const error = await rejection((hss[id] as (params: unknown) => Promise<unknown>)({ ...required, [name]: value }));
    expect(error).toBeInstanceOf(HssValidationError);
    expect((error as HssValidationError).parameter).toBe(name);
    expect((error as HssValidationError).message).toContain(`${name} must be `);
    expect(requests).toHaveLength(0);
  });
});

describe("header values", () => {
  it.each([
    ["a region outside Latin-1", "区域"],
    ["a region outside ASCII", "café"],
    ["a region with a control character", "cn\u0007north"],
  ])("%s is an HssValidationError naming it, validation on or off, not a TypeError from Headers", async (_case, region) => {
    for (const validate of [true, false]) {
      const { hss, requests } = client({ validate });
      const error = await rejection(hss.listLocalImageHosts({ region }));
      expect(error).toBeInstanceOf(HssValidationError);
      expect((error as HssValidationError).parameter).toBe("region");
      expect((error as HssValidationError).allowed).toContain("printable ASCII");
      expect(requests).toHaveLength(0);
    }
  });
});

describe("values no URL or header can carry, validation off or not", () => {
  let nested: unknown = [];
  for (let depth = 0; depth < 10_000; depth++) nested = [nested];
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each([
    ["arrays nested 10,000 deep", nested],
    ["a cyclic object", cyclic],
    ["an object holding an object", { a: { b: "c" } }],
    ["a symbol", Symbol("s")],
    ["a function", () => "f"],
  ])("%s is an HssValidationError naming the parameter, not an error from the serializer", async (_case, value) => {
    for (const validate of [true, false]) {
      const { hss, requests } = client({ validate });
      for (const name of ["host_id", "type"]) {
        const error = await rejection(hss.listPorts({ host_id: "h", [name]: value } as never));
        expect(error).toBeInstanceOf(HssValidationError);
        expect((error as HssValidationError).parameter).toBe(name);
      }
      expect(requests).toHaveLength(0);
    }
  });

  it("a bigint is quoted as a number, not hidden as if it held a credential", async () => {
    const { hss } = client();
    const error = await rejection(hss.listPorts({ host_id: "h", limit: 10n } as never));
    expect(error).toBeInstanceOf(HssValidationError);
    expect((error as Error).message).toBe("listPorts: limit must be an integer from 10 to 200; got 10n.");
  });
});

describe("options that fill in parameters", () => {
  it("a projectId longer than the spec's 256 characters is refused at construction, naming the rule", () => {
    const error = construction({ projectId: "p".repeat(257) });
    expect(error).toBeInstanceOf(HssConfigurationError);
    expect((error as Error).message).toMatch(/^projectId must be a string from 1 to 256 characters \(the spec's project_id\); got "p{20,80}…/);
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it("so is one from HUAWEICLOUD_SDK_PROJECT_ID", () => {
    const saved = process.env.HUAWEICLOUD_SDK_PROJECT_ID;
    process.env.HUAWEICLOUD_SDK_PROJECT_ID = "e".repeat(300);
    try {
      const error = construction({ projectId: undefined });
      expect(error).toBeInstanceOf(HssConfigurationError);
      expect((error as Error).message).toMatch(/^HUAWEICLOUD_SDK_PROJECT_ID must be a string from 1 to 256 characters/);
    } finally {
      if (saved === undefined) delete process.env.HUAWEICLOUD_SDK_PROJECT_ID;
      else process.env.HUAWEICLOUD_SDK_PROJECT_ID = saved;
    }
  });

  it("a credential pasted as the projectId is refused without being shown", () => {
    const error = construction({ projectId: `${TOKEN}${"x".repeat(300)}` });
    expect(error).toBeInstanceOf(HssConfigurationError);
    expect((error as Error).message).not.toContain(TOKEN.slice(0, 8));
    expect((error as Error).message).toContain("not shown");
  });

  it.each(["区域", "cn-north-4\r\nX-Injected: 1"])("a region option of %j is refused at construction, naming it", (region) => {
    const error = construction({ region });
    expect(error).toBeInstanceOf(HssConfigurationError);
    expect((error as Error).message).toMatch(/^region must be /);
    expect((error as Error).message).toContain("printable ASCII");
  });
});
