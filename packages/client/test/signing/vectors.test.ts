import { describe, expect, it } from "vitest";
import { nodeCrypto } from "../../src/signing/crypto-node.js";
import { createWebCrypto } from "../../src/signing/crypto-web.js";
import { signRequest } from "../../src/signing/sign.js";
import type { SigningCrypto } from "../../src/signing/signing-crypto.js";

// Published vectors from the official SDKs' tests (AK "AccessKey", SK "SecretKey", no body).
const VECTORS = [
  {
    url: "https://example.huaweicloud.com/path?limit=1",
    sdkDate: "20060102T150405Z",
    signedHeaders: ["x-sdk-date"],
    signature: "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
  },
  {
    url: "https://service.endpoint.myhuaweicloud.com/resources?size=1",
    sdkDate: "20200608T023900Z",
    signedHeaders: ["host", "x-sdk-date"],
    signature: "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
  },
  {
    url: "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
    sdkDate: "20191115T033655Z",
    signedHeaders: ["host", "x-sdk-date"],
    signature: "fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d",
  },
];

function parseSdkDate(s: string): Date {
  const [, y, mo, d, h, mi, se] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(s)!.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, se!));
}

const IMPLEMENTATIONS: Array<[string, SigningCrypto]> = [
  ["node:crypto", nodeCrypto],
  ["Web Crypto", createWebCrypto()],
];

describe.each(IMPLEMENTATIONS)("published vectors with %s", (_name, crypto) => {
  it.each(VECTORS)("signs $url", async (v) => {
    const headers = await signRequest(
      {
        method: "GET",
        url: v.url,
        headers: {},
        accessKey: "AccessKey",
        secretKey: "SecretKey",
        date: parseSdkDate(v.sdkDate),
        signedHeaderNames: v.signedHeaders,
      },
      crypto,
    );
    expect(headers).toEqual({
      "X-Sdk-Date": v.sdkDate,
      Authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=${v.signedHeaders.join(";")}, Signature=${v.signature}`,
    });
  });

  it("signs a vector with host and x-sdk-date, the headers signed by default", async () => {
    const v = VECTORS[2]!;
    const headers = await signRequest(
      { method: "GET", url: v.url, accessKey: "AccessKey", secretKey: "SecretKey", date: parseSdkDate(v.sdkDate) },
      crypto,
    );
    expect(headers).toEqual({
      "X-Sdk-Date": v.sdkDate,
      Authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=${v.signature}`,
    });
  });
});

describe("crypto implementations agree", () => {
  const web = createWebCrypto();
  it.each(["", "abc", "名前 é !'()*~", "x".repeat(10_000)])("on %j", async (data) => {
    expect(await web.sha256Hex(data)).toBe(nodeCrypto.sha256Hex(data));
    expect(await web.sha256Hex(new TextEncoder().encode(data))).toBe(nodeCrypto.sha256Hex(data));
    expect(await web.hmacSha256Hex("SecretKey", data)).toBe(nodeCrypto.hmacSha256Hex("SecretKey", data));
    expect(await web.hmacSha256Hex("秘密", data)).toBe(nodeCrypto.hmacSha256Hex("秘密", data));
  });

  it("node:crypto answers synchronously", () => {
    expect(typeof nodeCrypto.sha256Hex("")).toBe("string");
    expect(typeof nodeCrypto.hmacSha256Hex("k", "")).toBe("string");
  });

  it("Web Crypto imports each secret key once", async () => {
    let imports = 0;
    const subtle = globalThis.crypto.subtle;
    const counting = new Proxy(subtle, {
      get(target, prop) {
        if (prop === "importKey") {
          return (...args: Parameters<SubtleCrypto["importKey"]>) => {
            imports++;
            return (target.importKey as (...a: unknown[]) => Promise<CryptoKey>).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const web2 = createWebCrypto({ subtle: counting });
    await Promise.all([web2.hmacSha256Hex("a", "1"), web2.hmacSha256Hex("a", "2")]);
    await web2.hmacSha256Hex("a", "3");
    expect(imports).toBe(1);
    await web2.hmacSha256Hex("b", "3");
    expect(imports).toBe(2);
  });
});
