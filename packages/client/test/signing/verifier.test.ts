import { describe, expect, it } from "vitest";
import { verifySignedRequest, type IncomingRequestLike } from "../fixtures/verifier.js";

const KEYS = { AccessKey: "SecretKey" };

function vectorRequest(
  path: string,
  host: string,
  sdkDate: string,
  signedHeaders: string,
  signature: string,
): IncomingRequestLike {
  return {
    method: "GET",
    url: path,
    headers: {
      host,
      "x-sdk-date": sdkDate,
      authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
  };
}

function at(sdkDate: string, offsetMs = 0): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(sdkDate)!.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + offsetMs);
}

const VECTORS: IncomingRequestLike[] = [
  vectorRequest(
    "/path?limit=1",
    "example.huaweicloud.com",
    "20060102T150405Z",
    "x-sdk-date",
    "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
  ),
  vectorRequest(
    "/resources?size=1",
    "service.endpoint.myhuaweicloud.com",
    "20200608T023900Z",
    "host;x-sdk-date",
    "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
  ),
  vectorRequest(
    "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
    "service.region.example.com",
    "20191115T033655Z",
    "host;x-sdk-date",
    "fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d",
  ),
];

const sdkDateOf = (r: IncomingRequestLike): string => r.headers["x-sdk-date"] as string;
const base = VECTORS[2]!;
const now = at(sdkDateOf(base));

describe("fixture verifier", () => {
  it.each(VECTORS)("accepts the published vector $url", (req) => {
    expect(verifySignedRequest(req, "", KEYS, { now: at(sdkDateOf(req)) })).toEqual({ ok: true });
  });

  it("accepts a date just inside 15 minutes either way", () => {
    expect(verifySignedRequest(base, "", KEYS, { now: at(sdkDateOf(base), 15 * 60_000) }).ok).toBe(true);
    expect(verifySignedRequest(base, "", KEYS, { now: at(sdkDateOf(base), -15 * 60_000) }).ok).toBe(true);
  });

  it("rejects a wrong secret key", () => {
    expect(verifySignedRequest(base, "", { AccessKey: "OtherKey" }, { now })).toEqual({
      ok: false,
      reason: "signature mismatch",
    });
  });

  it("rejects an unknown access key", () => {
    expect(verifySignedRequest(base, "", { Someone: "SecretKey" }, { now })).toMatchObject({ ok: false });
  });

  it("rejects a tampered query value", () => {
    const req = { ...base, url: base.url!.replace("limit=2", "limit=3") };
    expect(verifySignedRequest(req, "", KEYS, { now })).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("rejects a tampered path", () => {
    const req = { ...base, url: base.url!.replace("/vpcs", "/subnets") };
    expect(verifySignedRequest(req, "", KEYS, { now })).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("rejects a tampered body", () => {
    expect(verifySignedRequest(base, "{}", KEYS, { now })).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("rejects a stale date (more than 15 minutes)", () => {
    const result = verifySignedRequest(base, "", KEYS, { now: at(sdkDateOf(base), 15 * 60_000 + 1000) });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("15 minutes") });
    const early = verifySignedRequest(base, "", KEYS, { now: at(sdkDateOf(base), -16 * 60_000) });
    expect(early.ok).toBe(false);
  });

  it("rejects a missing signed header", () => {
    const { host: _host, ...headers } = base.headers;
    expect(verifySignedRequest({ ...base, headers }, "", KEYS, { now })).toEqual({
      ok: false,
      reason: "signed header host is missing",
    });
  });

  it("rejects an x-project-id that is present but not signed", () => {
    const req = { ...base, headers: { ...base.headers, "x-project-id": "77b6a44cba5143ab91d13ab9a8ff44fd" } };
    expect(verifySignedRequest(req, "", KEYS, { now })).toEqual({
      ok: false,
      reason: "x-project-id is present but not signed",
    });
  });

  it("rejects a missing or malformed Authorization header", () => {
    const { authorization: _a, ...headers } = base.headers;
    expect(verifySignedRequest({ ...base, headers }, "", KEYS, { now }).ok).toBe(false);
    const bad = { ...base, headers: { ...base.headers, authorization: "Bearer x" } };
    expect(verifySignedRequest(bad, "", KEYS, { now }).ok).toBe(false);
  });

  it("never puts the secret key or the signature in a reason", () => {
    const results = [
      verifySignedRequest(base, "", { AccessKey: "TopSecretValue" }, { now }),
      verifySignedRequest(base, "", KEYS, { now: new Date(0) }),
    ];
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).not.toContain("TopSecretValue");
        expect(r.reason).not.toContain("fd95e7da");
      }
    }
  });
});
