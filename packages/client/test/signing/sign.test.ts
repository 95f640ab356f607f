import { describe, expect, it, vi } from "vitest";
import { nodeCrypto } from "../../src/signing/crypto-node.js";
import { formatSdkDate, signRequest } from "../../src/signing/sign.js";

const URL_ = "https://hss.cn-north-4.myhuaweicloud.com/v5/p/asset/users";
const DATE = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));

describe("formatSdkDate", () => {
  it("formats UTC as YYYYMMDDTHHMMSSZ", () => {
    expect(formatSdkDate(DATE)).toBe("20260102T030405Z");
  });
  it("rejects an invalid date", () => {
    expect(() => formatSdkDate(new Date(Number.NaN))).toThrow(RangeError);
  });
  it("pads every field, from the first to the last second of the four-digit years", () => {
    expect(formatSdkDate(new Date("0000-01-01T00:00:00.000Z"))).toBe("00000101T000000Z");
    expect(formatSdkDate(new Date("0999-09-09T09:09:09.999Z"))).toBe("09990909T090909Z");
    expect(formatSdkDate(new Date("9999-12-31T23:59:59.999Z"))).toBe("99991231T235959Z");
  });
  it("rejects a year X-Sdk-Date cannot write in four digits", () => {
    expect(() => formatSdkDate(new Date("+010000-01-01T00:00:00.000Z"))).toThrow(new RangeError("date must be in the years 0000 to 9999"));
    expect(() => formatSdkDate(new Date("-000001-01-01T00:00:00.000Z"))).toThrow(RangeError);
  });
});

describe("the signing date", () => {
  it("without a date given, is the clock's current second, whichever way the clock moves", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const dateAt = async (iso: string) => {
        vi.setSystemTime(new Date(iso));
        return (await signRequest({ method: "GET", url: URL_, accessKey: "ak", secretKey: "sk" }, nodeCrypto))["X-Sdk-Date"];
      };
      expect(await dateAt("2026-11-22T12:00:00.100Z")).toBe("20261122T120000Z");
      expect(await dateAt("2026-11-22T12:00:00.999Z")).toBe("20261122T120000Z");
      expect(await dateAt("2026-11-22T12:00:01.000Z")).toBe("20261122T120001Z");
      expect(await dateAt("2026-11-22T11:59:59.500Z")).toBe("20261122T115959Z");
      expect(await dateAt("2027-01-01T00:00:00.000Z")).toBe("20270101T000000Z");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("payload hash", () => {
  it("of no body, empty text and empty bytes is SHA-256 of nothing, without hashing", async () => {
    let hashed = 0;
    const counting = { ...nodeCrypto, sha256Hex: (data: string | Uint8Array) => (hashed++, nodeCrypto.sha256Hex(data)) };
    const sign = (body?: string | Uint8Array) => signRequest({ method: "GET", url: URL_, body, accessKey: "ak", secretKey: "sk", date: DATE }, counting);
    const reference = await sign();
    expect(hashed).toBe(1);
    expect(await sign("")).toEqual(reference);
    expect(await sign(new Uint8Array(0))).toEqual(reference);
    expect(hashed).toBe(3);
    expect(nodeCrypto.sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
  it("of a body covers its bytes", async () => {
    const sign = (body: string) => signRequest({ method: "PUT", url: URL_, body, accessKey: "ak", secretKey: "sk", date: DATE }, nodeCrypto);
    expect((await sign("a")).Authorization).not.toBe((await sign("b")).Authorization);
  });
});

describe("credential checks", () => {
  it.each([
    [{ accessKey: "", secretKey: "sk" }, "credentials.accessKey must be a non-empty string"],
    [{ accessKey: 42, secretKey: "sk" }, "credentials.accessKey must be a non-empty string"],
    [{ accessKey: "ak", secretKey: "" }, "credentials.secretKey must be a non-empty string"],
    [{ accessKey: "ak", secretKey: undefined }, "credentials.secretKey must be a non-empty string"],
  ])("%j", async (creds, message) => {
    const input = { method: "GET", url: URL_, ...creds } as unknown as Parameters<typeof signRequest>[0];
    await expect(signRequest(input, nodeCrypto)).rejects.toThrow(new TypeError(message));
  });

  it("does not echo the other key in errors", async () => {
    const err = await signRequest(
      { method: "GET", url: URL_, accessKey: "", secretKey: "VerySecretValue" },
      nodeCrypto,
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(TypeError);
    expect(err?.message).not.toContain("VerySecretValue");
  });
});

describe("signed header selection", () => {
  const sign = (headers: Record<string, string>, signedHeaderNames?: string[]) =>
    signRequest(
      { method: "GET", url: URL_, headers, accessKey: "ak", secretKey: "sk", date: DATE, signedHeaderNames },
      nodeCrypto,
    ).then((h) => /SignedHeaders=([^,]+),/.exec(h.Authorization)![1]);

  it("signs host and x-sdk-date by default", async () => {
    expect(await sign({ Accept: "application/json" })).toBe("host;x-sdk-date");
  });
  it("adds content-type, x-project-id and x-security-token when present", async () => {
    expect(await sign({ "Content-Type": "application/json", "X-Project-Id": "p", "X-Security-Token": "t" })).toBe(
      "content-type;host;x-project-id;x-sdk-date;x-security-token",
    );
  });
  it("keeps x-sdk-date and x-project-id even when an explicit list omits them", async () => {
    expect(await sign({ "X-Project-Id": "p" }, ["host"])).toBe("host;x-project-id;x-sdk-date");
  });
  it("refuses to sign a header the request does not set", async () => {
    await expect(sign({}, ["x-missing"])).rejects.toThrow(/x-missing/);
  });
  it("ignores a caller-supplied X-Sdk-Date in favour of the signing date", async () => {
    const h = await signRequest(
      { method: "GET", url: URL_, headers: { "X-Sdk-Date": "19990101T000000Z" }, accessKey: "ak", secretKey: "sk", date: DATE },
      nodeCrypto,
    );
    expect(h["X-Sdk-Date"]).toBe("20260102T030405Z");
  });
  it("accepts Headers, records and pairs alike", async () => {
    const sig = (headers: ConstructorParameters<typeof Headers>[0]) =>
      signRequest(
        { method: "GET", url: URL_, headers: headers as never, accessKey: "ak", secretKey: "sk", date: DATE },
        nodeCrypto,
      );
    const fromRecord = await sig({ "Content-Type": "a/b" });
    expect(await sig(new Headers({ "content-type": "a/b" }))).toEqual(fromRecord);
    expect(await sig([["CONTENT-TYPE", "a/b"]])).toEqual(fromRecord);
  });
});

describe("nodeCrypto", () => {
  it("hashes with createHash and createHmac where node:crypto has no one-shot hash (Node before 20.12)", async () => {
    vi.resetModules();
    vi.doMock("node:crypto", async (importOriginal) => ({ ...(await importOriginal<object>()), hash: undefined }));
    try {
      const { nodeCrypto: fallback } = await import("../../src/signing/crypto-node.js");
      expect(fallback.sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      for (const data of ["GET\n/v5/p/asset/users/\n", new TextEncoder().encode("é😀")]) {
        expect(fallback.sha256Hex(data)).toBe(nodeCrypto.sha256Hex(data));
      }
    } finally {
      vi.doUnmock("node:crypto");
      vi.resetModules();
    }
  });
});
