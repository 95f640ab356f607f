// Caps and readable times on records a server could make hostile: huge, or with odd times.

import { describe, expect, it } from "vitest";
import { capPage, withReadableTimes } from "../src/index.js";

const times = new Set(["seen_time"]);

describe("capPage", () => {
  it("steps over a record larger than any result may hold, saying so, so a walk cannot stall on it", () => {
    const page = { total_num: 30, data_list: [{ blob: "x".repeat(5_000) }, { blob: "small" }] };
    const result = capPage(page, 10, 5, { maxRows: 5, maxBytes: 1_000 }, times);
    expect(result.data_list).toEqual([]);
    expect(result.next_offset).toBe(11);
    expect(result.note).toContain("offset 10");
  });

  it("stops at the byte cap and continues from the first record left out", () => {
    const page = { total_num: 100, data_list: Array.from({ length: 10 }, (_, index) => ({ index, text: "y".repeat(80) })) };
    const result = capPage(page, 20, 10, { maxRows: 10, maxBytes: 310 }, times);
    expect(result.data_list.map((record) => record.index)).toEqual([0, 1, 2]);
    expect(result.next_offset).toBe(23);
  });

  it("gives no next_offset at the end, nor when the server sends nothing (no endless walk)", () => {
    expect(capPage({ total_num: 2, data_list: [{ a: 1 }, { a: 2 }] }, 0, 5, { maxRows: 5, maxBytes: 1_000 }, times).next_offset).toBeUndefined();
    expect(capPage({ total_num: 50, data_list: [] }, 10, 5, { maxRows: 5, maxBytes: 1_000 }, times).next_offset).toBeUndefined();
  });
});

describe("withReadableTimes", () => {
  it("adds the ISO copy right after the field, and only for a time a Date can hold", () => {
    expect(Object.entries(withReadableTimes({ a: 1, seen_time: 1_700_000_000_000, b: 2 }, times))).toEqual([
      ["a", 1], ["seen_time", 1_700_000_000_000], ["seen_time_iso", "2023-11-14T22:13:20.000Z"], ["b", 2],
    ]);
    expect(withReadableTimes({ seen_time: 1e300 }, times)).toEqual({ seen_time: 1e300 });
    expect(withReadableTimes({ seen_time: "yesterday" }, times)).toEqual({ seen_time: "yesterday" });
  });

  it("never overwrites a field the record already has", () => {
    expect(withReadableTimes({ seen_time: 0, seen_time_iso: "server's own" }, times)).toEqual({ seen_time: 0, seen_time_iso: "server's own" });
  });
});
