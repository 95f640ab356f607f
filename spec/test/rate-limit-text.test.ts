// A rate limit written by hand (`5/2s`), as the mock's and the contract's --rate-limit take it.
import { describe, expect, it } from "vitest";
import { describeWindow, parseRateLimit } from "../src/index.js";

describe("parseRateLimit", () => {
  it.each([
    ["5/2s", 5, 2_000],
    ["5/1m", 5, 60_000],
    ["5/min", 5, 60_000],
    ["5/500ms", 5, 500],
    ["10/s", 10, 1_000],
    ["5/1.5s", 5, 1_500],
  ])("reads %s", (text, requests, windowMs) => {
    expect(parseRateLimit(text)).toEqual({ requests, windowMs });
  });

  it.each(["5", "5/2", "0/2s", "-1/2s", "5/2 days", "five/2s", "5/0s", "5/25h"])("refuses %s, naming it", (text) => {
    expect(() => parseRateLimit(text)).toThrow(RangeError);
    expect(() => parseRateLimit(text)).toThrow(JSON.stringify(text));
    if (text === "0/2s") expect(() => parseRateLimit(text)).toThrow("allows 1 to");
    if (text === "5/0s" || text === "5/25h") expect(() => parseRateLimit(text)).toThrow("window is 1 ms to 24 h");
  });
});

describe("describeWindow", () => {
  it("says a window as the gateway's message does", () => {
    expect([60_000, 120_000, 2_000, 500, 3_600_000].map(describeWindow)).toEqual(["1 minute", "2 minute", "2 second", "500 millisecond", "1 hour"]);
  });
});
