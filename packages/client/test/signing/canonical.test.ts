import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  canonicalizeComponent,
  percentEncode,
  signedHeadersList,
  stringToSign,
} from "../../src/signing/canonical.js";

describe("percentEncode", () => {
  it.each([
    ["a b", "a%20b"],
    ["é", "%C3%A9"],
    ["名前", "%E5%90%8D%E5%89%8D"],
    ["😀", "%F0%9F%98%80"],
    ["~", "~"],
    ["!'()*", "%21%27%28%29%2A"],
    ["AZaz09-_.~", "AZaz09-_.~"],
    ["&=+/?#%", "%26%3D%2B%2F%3F%23%25"],
    ["", ""],
    ["\uD800", "%EF%BF%BD"],
  ])("%j -> %j", (raw, encoded) => {
    expect(percentEncode(raw)).toBe(encoded);
  });

  it("never emits + for a space and always uses upper-case hex", () => {
    const out = percentEncode(" \n\u00ff");
    expect(out).toBe("%20%0A%C3%BF");
    expect(out).not.toMatch(/\+|%[0-9A-F]?[a-f]/);
  });
});

describe("canonicalizeComponent", () => {
  it.each([
    ["a%20b", "a%20b"],
    ["a%2fb", "a%2Fb"],
    ["%7E%41", "~A"],
    ["100%", "100%25"],
    ["%zz", "%25zz"],
    ["%FF", "%FF"],
    ["a+b", "a%2Bb"],
  ])("%j -> %j", (input, out) => {
    expect(canonicalizeComponent(input)).toBe(out);
  });

  it("reads + as a space only in query mode", () => {
    expect(canonicalizeComponent("a+b", true)).toBe("a%20b");
    expect(canonicalizeComponent("a%2Bb", true)).toBe("a%2Bb");
  });
});

describe("canonicalUri", () => {
  it.each([
    ["", "/"],
    ["/", "/"],
    ["/path", "/path/"],
    ["/path/", "/path/"],
    ["/v5/p/asset/users", "/v5/p/asset/users/"],
    ["/a b/c", "/a%20b/c/"],
    ["/名前/é", "/%E5%90%8D%E5%89%8D/%C3%A9/"],
    ["/!'()*~", "/%21%27%28%29%2A~/"],
    ["/a%2Fb/c", "/a%2Fb/c/"],
  ])("%j -> %j", (path, out) => {
    expect(canonicalUri(path)).toBe(out);
  });

  it.each([
    ["/v5/a b/名前/x", "/v5/a%20b/%E5%90%8D%E5%89%8D/x"],
    ["/v5/a b/名前/x", "/v5/a%20b/%e5%90%8d%e5%89%8d/x"],
    ["/it's (1)*", "/it%27s%20%281%29%2A"],
    ["/~tilde", "/%7Etilde"],
  ])("raw %j and encoded %j give the same canonical URI", (raw, encoded) => {
    expect(canonicalUri(encoded)).toBe(canonicalUri(raw));
  });

  it("matches what the URL parser produced from raw input", () => {
    for (const raw of ["/v5/a b/名前", "/p/!'()*", "/x/é ~/y"]) {
      const parsed = new URL(`https://h.example${raw}`).pathname;
      expect(canonicalUri(parsed)).toBe(canonicalUri(raw));
    }
  });
});

describe("canonicalQuery", () => {
  it.each([
    ["", ""],
    ["?", ""],
    ["?limit=1", "limit=1"],
    ["b=2&a=1", "a=1&b=2"],
    ["?k=b&k=a&k=c", "k=a&k=b&k=c"],
    ["?k=2&j=9&k=1", "j=9&k=1&k=2"],
    ["?empty=&x=1", "empty=&x=1"],
    ["?flag&x=1", "flag=&x=1"],
    ["?q=a b", "q=a%20b"],
    ["?q=a+b", "q=a%20b"],
    ["?q=a%20b", "q=a%20b"],
    ["?q=a%2Bb", "q=a%2Bb"],
    ["?name=%E5%90%8D%E5%89%8D", "name=%E5%90%8D%E5%89%8D"],
    ["?name=名前", "name=%E5%90%8D%E5%89%8D"],
    ["?s=!'()*~", "s=%21%27%28%29%2A~"],
    ["?v=%26%3D%2B%2F%3F%23", "v=%26%3D%2B%2F%3F%23"],
    ["?a=1&&b=2", "a=1&b=2"],
    ["?k=a=b", "k=a%3Db"],
  ])("%j -> %j", (search, out) => {
    expect(canonicalQuery(search)).toBe(out);
  });

  it("sorts by encoded key, then value, not by whole k=v strings", () => {
    // "-" (0x2D) < "=" (0x3D), so sorting whole "k=v" strings would put a-b=... first.
    expect(canonicalQuery("?a-b=2&a=1")).toBe("a=1&a-b=2");
  });

  it("sorts by the decoded text in code-unit order, as the official signers do, then encodes", () => {
    // é (U+00E9) sorts after z, though its encoding %C3%A9 would sort first; "Z" before "a".
    expect(canonicalQuery("?k=z&k=é&k=a&k=Z")).toBe("k=Z&k=a&k=z&k=%C3%A9");
    // x0 before x: (0x30 < 0x3A), though x%3A would sort first.
    expect(canonicalQuery("?x%3A=2&x0=1")).toBe("x0=1&x%3A=2");
  });
});

describe("headers and strings", () => {
  it("lower-cases, trims and sorts canonical headers, one line each", () => {
    expect(canonicalHeaders({ "X-Sdk-Date": " 20200608T023900Z ", Host: "h.example" })).toBe(
      "host:h.example\nx-sdk-date:20200608T023900Z\n",
    );
  });

  it("builds a sorted, de-duplicated signed headers list", () => {
    expect(signedHeadersList(["X-Sdk-Date", "host", "Content-Type", "HOST"])).toBe("content-type;host;x-sdk-date");
  });

  it("joins the canonical request with a blank line after the headers", () => {
    expect(
      canonicalRequest({
        method: "get",
        canonicalUri: "/path/",
        canonicalQuery: "limit=1",
        canonicalHeaders: "x-sdk-date:20060102T150405Z\n",
        signedHeaders: "x-sdk-date",
        payloadHashHex: "e3b0",
      }),
    ).toBe("GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0");
  });

  it("builds the string to sign", () => {
    expect(stringToSign("20060102T150405Z", "abc")).toBe("SDK-HMAC-SHA256\n20060102T150405Z\nabc");
  });
});

describe("ordering, short lists and long", () => {
  // The orders the algorithm asks for, written plainly, to hold the small-list sort to.
  const byKeyThenValue = (pairs: Array<[string, string]>) =>
    [...pairs].sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const word = fc.string({ unit: fc.constantFrom("a", "b", "B", "-", "_", "~", "0", "."), maxLength: 4 });

  it("canonicalQuery sorts by key, then value, for any number of pairs", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { maxLength: 40 }), (pairs) => {
        const search = pairs.map(([key, value]) => `${key}=${value}`).join("&");
        const expected = byKeyThenValue(pairs)
          .map(([key, value]) => `${key}=${value}`)
          .join("&");
        expect(canonicalQuery(search)).toBe(expected);
      }),
    );
  });

  it("canonicalHeaders and signedHeadersList sort by lower-cased name, keeping equal names in order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(word.filter((name) => name !== ""), word), { maxLength: 30, selector: ([name]) => name }), (headers) => {
        const lines = headers.map(([name, value]): [string, string] => [name.toLowerCase(), value.trim()]);
        const expected = lines
          .map((line, index) => ({ line, index }))
          .sort((a, b) => (a.line[0] < b.line[0] ? -1 : a.line[0] > b.line[0] ? 1 : a.index - b.index))
          .map(({ line: [name, value] }) => `${name}:${value}\n`)
          .join("");
        expect(canonicalHeaders(Object.fromEntries(headers))).toBe(expected);
        const names = [...new Set(headers.map(([name]) => name.toLowerCase()))].sort();
        expect(signedHeadersList(headers.map(([name]) => name))).toBe(names.join(";"));
      }),
    );
  });
});
