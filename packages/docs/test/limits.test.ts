// The reference's "Limits and throttling" section: every figure is read from the spec's
// x-hss-rate-limit, so a different limit in the spec gives a different page.
import { loadDocument, loadModel, type JsonObject } from "@hss-kit/spec";
import { describe, expect, it } from "vitest";
import { WALK_SIZES, limitWords, limitsMarkdown, pageSizeOf, spoken, walkTimeMs, walkWords } from "../scripts/limits.mjs";

const document = loadDocument();
const model = loadModel();

/** The bundled spec with its document-level limit replaced, and optionally one operation's. */
function withLimit(limit: JsonObject, operationLimit?: { path: string; limit: JsonObject }): JsonObject {
  const copy = structuredClone(document) as JsonObject & { paths: Record<string, Record<string, JsonObject>> };
  copy["x-hss-rate-limit"] = limit;
  if (operationLimit) copy.paths[operationLimit.path]!.get!["x-hss-rate-limit"] = operationLimit.limit;
  return copy;
}

describe("walkTimeMs", () => {
  it("lets the first window's pages go at once and each further window's one window later", () => {
    const limit = { requests: 5, windowMs: 60_000 };
    expect(walkTimeMs(1_000, 200, limit)).toEqual({ pages: 5, ms: 0 });
    expect(walkTimeMs(1_001, 200, limit)).toEqual({ pages: 6, ms: 60_000 });
    expect(walkTimeMs(10_000, 200, limit)).toEqual({ pages: 50, ms: 9 * 60_000 });
    expect(walkTimeMs(0, 200, limit)).toEqual({ pages: 1, ms: 0 });
  });

  it("is spoken as a reader says it", () => {
    expect([0, 45_000, 9 * 60_000, 99 * 60_000, 120 * 60_000].map(spoken)).toEqual(["at once", "45 s", "9 min", "1 h 39 min", "2 h"]);
  });
});

describe("the section", () => {
  it("states the spec's limits, its source, the 429's code and a walk time per operation", () => {
    const markdown = limitsMarkdown(document);
    const { perCredential, perApi, source } = model.rateLimit!;
    expect(markdown).toContain(`| ${perCredential.requests} times in any minute |`);
    expect(markdown).toContain(`| ${perApi.requests} times in any minute |`);
    expect(markdown).toContain(source.trim());
    expect(markdown).toContain("`APIGW.0308`");
    for (const operation of model.operations.filter((o) => o.paginated)) {
      const { ms } = walkTimeMs(WALK_SIZES[1]!, pageSizeOf(operation), perCredential);
      expect(markdown).toMatch(new RegExp(`\`${operation.id}\`[^\\n]*, ${pageSizeOf(operation)} a page: [^\\n]*10,000 items ${spoken(ms)} \\(`));
    }
  });

  it("follows the spec: another limit gives other figures, and an operation's own limit is named", () => {
    const users = model.operations.find((o) => o.id === "listUsers")!;
    const markdown = limitsMarkdown(withLimit(
      { "per-credential": { requests: 10, "window-seconds": 30 }, "per-api": { requests: 900, "window-seconds": 60 }, source: "A test." },
      { path: users.path, limit: { "per-credential": { requests: 2 } } },
    ));
    expect(markdown).toContain("| 10 times in any 30 seconds |");
    expect(markdown).toContain("| 900 times in any minute |");
    expect(markdown).toContain("Source: A test.");
    expect(markdown).toContain("`listUsers` (2 in any 30 seconds)");
    // listUsers walks 10,000 items in 50 pages at 2 per 30 s: 24 windows.
    expect(markdown).toMatch(/^- `listUsers`, 200 a page: [^\n]*10,000 items 12 min \(50 pages\)/m);
  });

  it("refuses a spec without a limit rather than show none", () => {
    const copy = structuredClone(document) as JsonObject;
    delete copy["x-hss-rate-limit"];
    expect(() => limitsMarkdown(copy)).toThrow("states no x-hss-rate-limit");
  });
});

describe("the guides' sentences", () => {
  it("say the spec's limit and a walk's time in words", () => {
    const { perCredential } = model.rateLimit!;
    expect(limitWords(document)).toBe(`${perCredential.requests} times in any minute`);
    // The walk is timed on the operation with the largest page, whichever the spec makes it.
    const [, id, pageSize] = /^A walk of 10,000 items of <code>(\w+)<\/code> at (\d+) a page is /.exec(walkWords(document)) ?? [];
    const largest = Math.max(...model.operations.filter((o) => o.paginated).map(pageSizeOf));
    expect(Number(pageSize)).toBe(largest);
    expect(pageSizeOf(model.operations.find((o) => o.id === id)!)).toBe(largest);
    const pages = Math.ceil(WALK_SIZES[1]! / largest);
    expect(walkWords(document)).toBe(`A walk of 10,000 items of <code>${id}</code> at ${largest} a page is ${pages} pages and at least ${spoken(walkTimeMs(WALK_SIZES[1]!, largest, perCredential).ms)}`);
    expect(limitWords(withLimit({ "per-credential": { requests: 3, "window-seconds": 120 }, "per-api": { requests: 900, "window-seconds": 60 }, source: "A test." }))).toBe("3 times in any 2 minutes");
  });
});
