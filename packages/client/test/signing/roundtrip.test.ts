import { describe, expect, it, vi } from "vitest";
import { nodeCrypto } from "../../src/signing/crypto-node.js";
import { createWebCrypto } from "../../src/signing/crypto-web.js";
import { signRequest } from "../../src/signing/sign.js";
import type { SigningCrypto } from "../../src/signing/signing-crypto.js";
import { verifySignedRequest, type IncomingRequestLike } from "../fixtures/verifier.js";

const AK = "HPUAEXAMPLEAK";
const SK = "example/secret+key=";
const KEYS = new Map([[AK, SK]]);
const NOW = new Date(Date.UTC(2026, 10, 22, 12, 30, 45));
const HOST = "https://hss.cn-north-4.myhuaweicloud.com";
const q = encodeURIComponent;

// Each URL is sent as fetch would send it; the verifier sees only the wire form.
const URLS: string[] = [
  `${HOST}/v5/proj/asset/users`,
  `${HOST}/v5/proj/asset/users/`,
  `${HOST}/v5/proj/asset/users?limit=10&offset=0`,
  `${HOST}/v5/proj/asset/users?host_name=${q("web server 01")}`,
  `${HOST}/v5/proj/asset/users?host_name=web server 01`,
  `${HOST}/v5/proj/asset/users?host_name=web+server`,
  `${HOST}/v5/proj/asset/users?user_name=${q("名前")}&host_name=${q("é")}`,
  `${HOST}/v5/proj/asset/users?user_name=名前&host_name=é`,
  `${HOST}/v5/proj/asset/users?s=${q("!'()*~")}`,
  `${HOST}/v5/proj/asset/users?s=!'()*~`,
  `${HOST}/v5/proj/asset/users?v=${q("&=+/?#")}&w=${q("a=b&c")}`,
  `${HOST}/v5/proj/asset/users?k=b&k=a&k=${q("a b")}&j=2`,
  `${HOST}/v5/proj/asset/users?empty=&flag&x=1`,
  `${HOST}/v5/proj/asset/users?a-b=1&a=2&A=3`,
  `${HOST}/v5/proj/asset/users?bad=%zz&hi=%FF`,
  `${HOST}/v5/proj/asset/users?${q("名前")}=${q("値")}`,
  `${HOST}/v5/proj/vulnerability/scan-task/${q("task id 1")}/hosts`,
  `${HOST}/v5/proj/vulnerability/scan-task/task id 2/hosts?limit=20`,
  `${HOST}/v5/${q("名前")}/asset/${q("é ~!'()*")}/x`,
  `${HOST}/v5/名前/asset/é ~!'()*/x`,
  `${HOST}/v5/proj/task/${q("a/b")}/hosts`,
  `${HOST}/v5/proj/100%25/x`,
  `${HOST}/v5/%7euser/%e5%90%8d/%41?q=%e5%90%8d&t=%7E&u=%2f`,
  "https://hss.eu-west-101.myhuaweicloud.eu:8443/v5/p/asset/ports?host_id=h1&type=TCP",
  "https://example.huaweicloud.com",
];

function toIncoming(url: string, headers: Record<string, string>, method = "GET"): IncomingRequestLike {
  const u = new URL(url);
  const lower: Record<string, string> = { host: u.host };
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return { method, url: u.pathname + u.search, headers: lower };
}

describe.each<[string, SigningCrypto]>([
  ["node:crypto", nodeCrypto],
  ["Web Crypto", createWebCrypto()],
])("sign with src/signing (%s), verify with the fixture", (_name, crypto) => {
  it.each(URLS)("GET %s", async (url) => {
    const auth = await signRequest({ method: "GET", url, accessKey: AK, secretKey: SK, date: NOW }, crypto);
    const result = verifySignedRequest(toIncoming(url, { ...auth }), "", KEYS, { now: NOW });
    expect(result).toEqual({ ok: true });
  });

  it("signs a POST with a unicode JSON body, content-type, project id and security token", async () => {
    const body = JSON.stringify({ name: "名前 é", note: "!'()*~ &=+/?#" });
    const url = `${HOST}/v5/proj/asset/users?x=1`;
    const headers = {
      "Content-Type": "application/json;charset=UTF-8",
      "X-Project-Id": "proj",
      "X-Security-Token": "tok",
    };
    const auth = await signRequest(
      { method: "POST", url, headers, body, accessKey: AK, secretKey: SK, date: NOW },
      crypto,
    );
    expect(auth.Authorization).toContain("SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,");
    const incoming = toIncoming(url, { ...headers, ...auth }, "POST");
    const sentBody = body;
    expect(verifySignedRequest(incoming, sentBody, KEYS, { now: NOW })).toEqual({ ok: true });

    // Dropping a signed header or changing the body must fail verification.
    const { "content-type": _ct, ...withoutType } = incoming.headers;
    expect(verifySignedRequest({ ...incoming, headers: withoutType }, sentBody, KEYS, { now: NOW }).ok).toBe(false);
    expect(verifySignedRequest(incoming, sentBody + " ", KEYS, { now: NOW }).ok).toBe(false);
  });

  it("signs binary bodies byte for byte", async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xc3, 0x28]);
    const url = `${HOST}/v5/proj/upload`;
    const auth = await signRequest({ method: "PUT", url, body: bytes, accessKey: AK, secretKey: SK, date: NOW }, crypto);
    expect(verifySignedRequest(toIncoming(url, { ...auth }, "PUT"), bytes, KEYS, { now: NOW })).toEqual({ ok: true });
  });

  it("a header added after signing that must be signed is caught", async () => {
    const url = `${HOST}/v5/proj/asset/users`;
    const auth = await signRequest({ method: "GET", url, accessKey: AK, secretKey: SK, date: NOW }, crypto);
    const incoming = toIncoming(url, { ...auth, "X-Project-Id": "proj" });
    expect(verifySignedRequest(incoming, "", KEYS, { now: NOW })).toEqual({
      ok: false,
      reason: "x-project-id is present but not signed",
    });
  });
});

describe("dates", () => {
  it("two signatures made at different times carry different X-Sdk-Date values", async () => {
    const url = `${HOST}/v5/proj/asset/users`;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(NOW);
      const first = await signRequest({ method: "GET", url, accessKey: AK, secretKey: SK }, nodeCrypto);
      vi.setSystemTime(NOW.getTime() + 1000);
      const second = await signRequest({ method: "GET", url, accessKey: AK, secretKey: SK }, nodeCrypto);
      expect(first["X-Sdk-Date"]).toBe("20261122T123045Z");
      expect(second["X-Sdk-Date"]).toBe("20261122T123046Z");
      expect(second.Authorization).not.toBe(first.Authorization);
      for (const auth of [first, second]) {
        expect(verifySignedRequest(toIncoming(url, { ...auth }), "", KEYS).ok).toBe(true);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
