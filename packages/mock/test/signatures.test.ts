// Signature verification in both mocks, with the official Node core's AKSKSigner (a dev
// dependency) as the client: its requests are accepted, a wrong key, a stale date, a query
// changed after signing and a missing signed header are refused with 401 and a reason that
// never holds a key or the expected signature.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyFile } from "../src/auth/index.js";
import { startMock } from "../src/index.js";
import { startStatefulMock } from "../src/stateful/index.js";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
  AKSKSigner: { sign(request: object, credentials: object): Record<string, string> };
};
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core") as {
  BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): object } };
};

const AK = "OFFICIALCLIENTAK";
const SK = "official-client-secret-key";
const KEYS = new Map([[AK, SK]]);

/** A request signed by the official signer, then broken the way `how` says. */
async function officialCall(base: string, path: string, how: "right" | "wrong-key" | "stale" | "tampered" | "dropped-header") {
  const url = new URL(`${base}${path}`);
  const sdkDate = how === "stale" ? new Date(Date.now() - 20 * 60_000).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "") : undefined;
  const headers: Record<string, string> = { ...(sdkDate ? { "X-Sdk-Date": sdkDate } : {}), ...(how === "dropped-header" ? { "x-trace": "1" } : {}) };
  const signed = AKSKSigner.sign(
    { endpoint: `${url.origin}${url.pathname}`, method: "GET", headers, queryParams: Object.fromEntries(url.searchParams) },
    new BasicCredentials().withAk(AK).withSk(how === "wrong-key" ? "not-the-secret" : SK),
  );
  if (how === "tampered") url.searchParams.set("limit", "20");
  if (how === "dropped-header") delete signed["x-trace"];
  const sent = Object.fromEntries(Object.entries(signed).filter(([name]) => name.toLowerCase() !== "host"));
  const response = await fetch(url, { headers: sent });
  return { response, body: (await response.json()) as { error_code?: string; error_msg?: string }, signature: /Signature=([0-9a-f]+)/.exec(signed.Authorization!)![1]! };
}

const REFUSALS = [
  ["wrong-key", "signature mismatch"],
  ["stale", "X-Sdk-Date is more than 15 minutes from server time"],
  ["tampered", "signature mismatch"],
  ["dropped-header", "signed header x-trace is missing"],
] as const;

describe.each([
  ["the stateful mock", () => startStatefulMock({ keys: KEYS })],
  ["the Prism mock", () => startMock({ keys: KEYS })],
])("%s with --access-key and --secret-key", (_name, start) => {
  let mock: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    mock = await start();
  });
  afterAll(() => mock.close());
  const path = "/v5/p1/asset/users?limit=10&user_name=root";

  it("accepts the official signer's request", async () => {
    const { response } = await officialCall(mock.url, path, "right");
    expect(response.status).toBe(200);
  });

  it.each(REFUSALS)("refuses a request with %s with 401 APIGW.0301, saying why and never the signature", async (how, reason) => {
    const { response, body, signature } = await officialCall(mock.url, path, how);
    expect(response.status).toBe(401);
    expect(body.error_code).toBe("APIGW.0301");
    expect(body.error_msg).toContain(reason);
    expect(JSON.stringify(body)).not.toContain(signature);
    expect(JSON.stringify(body)).not.toContain(SK);
  });

  it("refuses a token when it is given key pairs only", async () => {
    const response = await fetch(`${mock.url}${path}`, { headers: { "X-Auth-Token": "some-token" } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error_msg: string }).error_msg).toContain("accepts AK/SK signatures only");
  });
});

describe("key files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hss-keys-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("read one pair per line, or a JSON object, and refuse anything else naming the line", async () => {
    await writeFile(join(dir, "keys.txt"), "# team keys\nAK1 sk-one\n\nAK2   sk-two\n");
    await writeFile(join(dir, "keys.json"), JSON.stringify({ AK3: "sk-three" }));
    await writeFile(join(dir, "bad.txt"), "AK1 sk-one\nAK2\n");
    expect([...readKeyFile(join(dir, "keys.txt"))]).toEqual([["AK1", "sk-one"], ["AK2", "sk-two"]]);
    expect([...readKeyFile(join(dir, "keys.json"))]).toEqual([["AK3", "sk-three"]]);
    expect(() => readKeyFile(join(dir, "bad.txt"))).toThrow(`${join(dir, "bad.txt")}:2: expected "ACCESS_KEY SECRET_KEY".`);
  });
});
