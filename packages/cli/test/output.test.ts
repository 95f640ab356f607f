// What a hostile record can do to each format: nothing but be shown.

import { describe, expect, it } from "vitest";
import { createRenderer } from "../src/output.js";

async function render(format: "csv" | "table" | "ndjson" | "json", rows: unknown[], columns: string[]): Promise<string> {
  let text = "";
  const renderer = createRenderer(format, columns, false, async (chunk) => void (text += chunk));
  await renderer.rows(rows);
  await renderer.end(rows.length, undefined);
  return text;
}

describe("output", () => {
  it("csv quotes what would break a cell, and writes nested values as JSON", async () => {
    const text = await render("csv", [{ a: 'say "hi", then\nleave', b: { x: [1] }, c: null }], ["a", "b", "c"]);
    expect(text).toBe('a,b,c\n"say ""hi"", then\nleave","{""x"":[1]}",\n');
  });

  it("csv writes its header even when there are no records", async () => {
    expect(await render("csv", [], ["a", "b"])).toBe("a,b\n");
  });

  it("a table shows control characters escaped, so a record cannot drive the terminal", async () => {
    const text = await render("table", [{ name: "\u001b]0;owned\u0007\u001b[2Jx\u009b1m" }], ["name"]);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain("\\u001b]0;owned\\u0007\\u001b[2Jx\\u009b1m");
  });

  it("a table aligns wide characters by the columns they take, and cuts long values", async () => {
    const text = await render("table", [{ a: "服务器", b: 1 }, { a: "abcdef", b: 2 }, { a: "x".repeat(100), b: 3 }], ["a", "b"]);
    const lines = text.trimEnd().split("\n");
    const bColumn = (line: string) => [...line.slice(0, line.lastIndexOf(" ") + 1)].reduce((width, char) => width + (/[\u4e00-\u9fff]/.test(char) ? 2 : 1), 0);
    expect(new Set(lines.map(bColumn)).size).toBe(1);
    expect(lines[3]).toContain("…");
  });
});
