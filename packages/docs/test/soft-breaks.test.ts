import { describe, expect, it } from "vitest";
import { joinSoftBreaks, withSoftBreaksJoined } from "../scripts/soft-breaks.mjs";

describe("soft line breaks in descriptions", () => {
  it("become spaces inside a paragraph, so search indexes whole words", () => {
    expect(joinSoftBreaks("Lists the ports. Filter\nby port number.\n\nNext paragraph\ncontinues.")).toBe(
      "Lists the ports. Filter by port number.\n\nNext paragraph continues.",
    );
  });

  it("stay where they mean something: code, headings, lists, tables, hard breaks", () => {
    const kept = [
      "```sh\ncurl -sS x \\\n  -H y\n```",
      "## Heading\nText under it.",
      "- one\n- two\n1. first\n2. second",
      "| a | b |\n|---|---|\n| 1 | 2 |",
      "line with a hard break  \nnext line",
    ];
    for (const markdown of kept) expect(joinSoftBreaks(markdown)).toBe(markdown);
  });

  it("apply to every description of a document and nothing else", () => {
    const document = { info: { description: "a\nb", title: "x\ny" }, paths: { "/p": { get: { description: "c\nd" } } } };
    expect(withSoftBreaksJoined(document)).toEqual({ info: { description: "a b", title: "x\ny" }, paths: { "/p": { get: { description: "c d" } } } });
  });
});
