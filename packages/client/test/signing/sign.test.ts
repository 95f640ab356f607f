import { describe, expect, it } from "vitest";
import { nodeCrypto } from "../../src/signing/crypto-node.js";
import { formatSdkDate, signFetchRequest, signRequest } from "../../src/signing/sign.js";

const URL_ = "https://hss.cn-north-4.myhuaweicloud.com/v5/p/asset/users";
const DATE = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));

describe("formatSdkDate", () => {
  it("formats UTC as YYYYMMDDTHHMMSSZ", () => {
    expect(formatSdkDate(DATE)).toBe("20260102T030405Z");
  });
  it("rejects an invalid date", () => {
    expect(() => formatSdkDate(new Date(Number.NaN))).toThrow(RangeError);
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
    await expect(
      signFetchRequest(new Request(URL_), creds as unknown as Parameters<typeof signFetchRequest>[1], nodeCrypto),
    ).rejects.toThrow(new TypeError(message));
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

describe("signFetchRequest", () => {
  it("leaves the original request's body readable", async () => {
    const original = new Request(URL_, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    const signed = await signFetchRequest(original, { accessKey: "ak", secretKey: "sk" }, nodeCrypto, DATE);
    expect(await signed.text()).toBe("{}");
    expect(signed.method).toBe("POST");
    expect(signed.headers.get("content-type")).toBe("application/json");
  });
});
