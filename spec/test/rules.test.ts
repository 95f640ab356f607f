// The one rules module: what every package means by "this value meets the parameter's rules".
import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { describeRules, integerBounds, meetsRules, type ParameterRules } from "../src/rules.js";

describe("describeRules", () => {
  it.each<[ParameterRules, string]>([
    [{ type: "integer", minimum: 10, maximum: 200 }, "an integer from 10 to 200"],
    [{ type: "integer", minimum: 1 }, "an integer of at least 1"],
    [{ type: "integer", maximum: 5 }, "an integer of at most 5"],
    [{ type: "integer", format: "int32" }, "an integer from -2147483648 to 2147483647"],
    [{ type: "integer" }, "an integer"],
    [{ type: "number", minimum: 0.5 }, "a number of at least 0.5"],
    [{ type: "number" }, "a number"],
    [{ type: "string", minLength: 1, maxLength: 64 }, "a string from 1 to 64 characters"],
    [{ type: "string", minLength: 0, maxLength: 32 }, "a string of at most 32 characters"],
    [{ type: "string" }, "a string"],
    [{ type: "string", enum: ["TCP", "UDP"] }, 'one of "TCP", "UDP"'],
    [{ type: "boolean" }, "true or false"],
    [{}, "a value"],
  ])("%j reads %s", (rules, words) => {
    expect(describeRules(rules)).toBe(words);
  });
});

describe("meetsRules", () => {
  it("holds integers to their bounds and to being integers", () => {
    const rules: ParameterRules = { type: "integer", format: "int32", minimum: 10, maximum: 200 };
    fc.assert(fc.property(fc.integer({ min: 10, max: 200 }), (value) => meetsRules(rules, value)));
    fc.assert(fc.property(fc.integer().filter((value) => value < 10 || value > 200), (value) => !meetsRules(rules, value)));
    for (const value of [10.5, "10", Number.NaN, null, true]) expect(meetsRules(rules, value)).toBe(false);
  });

  it("applies the int32 range when the spec gives no bounds", () => {
    const rules: ParameterRules = { type: "integer", format: "int32" };
    expect(meetsRules(rules, 2 ** 31 - 1)).toBe(true);
    expect(meetsRules(rules, 2 ** 31)).toBe(false);
    expect(meetsRules({ type: "integer", format: "int64" }, 2 ** 53)).toBe(false);
  });

  it("counts string length in characters (code points), as JSON Schema does", () => {
    const rules: ParameterRules = { type: "string", minLength: 1, maxLength: 2 };
    expect(meetsRules(rules, "😀😀")).toBe(true);
    expect(meetsRules(rules, "😀😀😀")).toBe(false);
    expect(meetsRules(rules, "")).toBe(false);
    expect(meetsRules(rules, 12)).toBe(false);
  });

  it("counts characters exactly where the UTF-16 length alone cannot settle it", () => {
    expect(meetsRules({ type: "string", maxLength: 3 }, "😀😀😀")).toBe(true);
    expect(meetsRules({ type: "string", maxLength: 3 }, "a😀😀😀")).toBe(false);
    expect(meetsRules({ type: "string", minLength: 2 }, "😀")).toBe(false);
    expect(meetsRules({ type: "string", minLength: 2 }, "😀x")).toBe(true);
    // A lone surrogate is one character, as string iteration counts it.
    expect(meetsRules({ type: "string", maxLength: 2 }, "\ud800\ud800")).toBe(true);
    expect(meetsRules({ type: "string", maxLength: 1 }, "\udc00\ud800")).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "é", "😀", "\ud800", "\udc00"), maxLength: 12 }), fc.nat(12), fc.nat(12), (text, low, high) =>
        meetsRules({ type: "string", minLength: low, maxLength: high }, text) ===
        ([...text].length >= low && [...text].length <= high),
      ),
    );
  });

  it("checks enums, booleans and finite numbers", () => {
    expect(meetsRules({ type: "string", enum: ["TCP", "UDP"] }, "TCP")).toBe(true);
    expect(meetsRules({ type: "string", enum: ["TCP", "UDP"] }, "tcp")).toBe(false);
    expect(meetsRules({ type: "boolean" }, false)).toBe(true);
    expect(meetsRules({ type: "boolean" }, "false")).toBe(false);
    expect(meetsRules({ type: "number" }, Number.POSITIVE_INFINITY)).toBe(false);
    expect(meetsRules({}, { nested: true })).toBe(false);
    expect(meetsRules({}, "anything")).toBe(true);
  });
});

describe("integerBounds", () => {
  it("is the schema's own bounds within its format's, within the safe integers", () => {
    expect(integerBounds({ format: "int32", minimum: -(2 ** 40), maximum: 5 })).toEqual({ minimum: -(2 ** 31), maximum: 5 });
    expect(integerBounds({ format: "int64" })).toEqual({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
    expect(integerBounds({})).toEqual({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
    // A bound wider than the format does not widen it.
    expect(meetsRules({ type: "integer", format: "int32", maximum: 2 ** 40 }, 2 ** 35)).toBe(false);
    expect(describeRules({ type: "integer", format: "int32", maximum: 2 ** 40 })).toBe("an integer from -2147483648 to 2147483647");
  });
});

describe("the rules entry", () => {
  it("is pure: it imports nothing but the integer formats, so the client can bundle it for every runtime", () => {
    const built = readFileSync(new URL("../dist/rules.js", import.meta.url), "utf8");
    const imports = [...built.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g)].map((match) => match[1] ?? match[2]);
    expect(imports).toEqual(["./integers.js"]);
    const integers = readFileSync(new URL("../dist/integers.js", import.meta.url), "utf8");
    expect(integers).not.toMatch(/\bimport\b/);
  });
});

describe("the README's rules example", () => {
  it("runs as written and prints what the README says", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const [, code, prints] = /```ts\n(import [^\n]*"@hss-kit\/spec\/rules";[\s\S]*?)```\n\nprints `([^`]+)`/.exec(readme)!;
    // Inside the package, so that "@hss-kit/spec/rules" resolves to this package's own entry.
    const dir = mkdtempSync(join(new URL("..", import.meta.url).pathname, ".readme-"));
    try {
      const file = join(dir, "example.mjs");
      writeFileSync(file, ts.transpileModule(code!, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
      expect(execFileSync(process.execPath, [file], { encoding: "utf8" }).trim()).toBe(prints);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
