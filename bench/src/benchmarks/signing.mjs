// @ts-check
// Signing cost: microseconds to sign one listPorts request with AK/SK ("SDK-HMAC-SHA256"), with
// the client's node:crypto signer, its Web Crypto signer, and the official Node core's signer
// (@huaweicloud/huaweicloud-sdk-core, AKSKSigner.sign). Each signs the same request (host and
// x-sdk-date signed, no body, a fresh date per call) and is first checked against a published
// test vector and against the others, so the timings compare the same work.

import { createRequire } from "node:module";
import { loadSigning } from "../client-api.mjs";
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY } from "../fixtures.mjs";
import { now, summarize } from "../stats.mjs";

export const name = "signing";

const require = createRequire(import.meta.url);
const URL_TO_SIGN = `https://hss.cn-north-4.myhuaweicloud.com/v5/${PROJECT_ID}/asset/ports?host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac&limit=200`;
// Published vector of the official SDKs (AK "AccessKey", SK "SecretKey", host;x-sdk-date).
const VECTOR = {
  url: "https://service.endpoint.myhuaweicloud.com/resources?size=1",
  date: "20200608T023900Z",
  signature: "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
};

function officialSigner() {
  const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
  const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
  /**
   * @param {string} url
   * @param {string} ak
   * @param {string} sk
   * @param {string} [date] X-Sdk-Date; omitted, the signer takes the current time
   */
  return (url, ak, sk, date) => {
    const parsed = new URL(url);
    const credentials = new BasicCredentials().withAk(ak).withSk(sk);
    const headers = /** @type {Record<string, string>} */ (date ? { "X-Sdk-Date": date } : {});
    const request = {
      endpoint: `${parsed.origin}${parsed.pathname}`,
      method: "GET",
      headers,
      queryParams: Object.fromEntries(parsed.searchParams),
    };
    return /** @type {{ Authorization: string }} */ (AKSKSigner.sign(request, credentials)).Authorization;
  };
}

/** @param {string} authorization */
const signatureOf = (authorization) => authorization.match(/Signature=([0-9a-f]+)/)?.[1];

/** @param {string} sdkDate YYYYMMDDTHHMMSSZ */
const dateOf = (sdkDate) =>
  new Date(`${sdkDate.slice(0, 4)}-${sdkDate.slice(4, 6)}-${sdkDate.slice(6, 8)}T${sdkDate.slice(9, 11)}:${sdkDate.slice(11, 13)}:${sdkDate.slice(13, 15)}Z`);

/**
 * Times `op` and returns microseconds per call: calibrated so one round lasts about `targetMs`.
 * @param {() => unknown} op may return a promise, which is awaited
 * @param {number} iterations
 */
async function timeOps(op, iterations) {
  const start = now();
  for (let i = 0; i < iterations; i++) await op();
  return ((now() - start) * 1000) / iterations;
}

/**
 * @param {() => unknown} op
 * @param {number} targetMs
 */
async function calibrate(op, targetMs) {
  const start = now();
  let n = 0;
  while (now() - start < 50) {
    await op();
    n++;
  }
  return Math.max(50, Math.round((n * targetMs) / 50));
}

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds, quick }) {
  const { api: signing, from } = await loadSigning();
  const { signRequest } = signing;
  const nodeCrypto = signing.nodeCrypto ?? signing.defaultCrypto;
  const webCrypto = typeof signing.createWebCrypto === "function" ? signing.createWebCrypto() : signing.webCrypto;
  if (!nodeCrypto) throw new Error("@hss-kit/client exports neither nodeCrypto nor defaultCrypto");
  if (!webCrypto) throw new Error("@hss-kit/client exports neither createWebCrypto nor webCrypto");
  if (nodeCrypto === signing.webCrypto) {
    throw new Error("defaultCrypto is the Web Crypto signer under Node: the \"node\" export condition did not apply");
  }
  const official = officialSigner();

  /**
   * @param {any} crypto
   * @param {string} url
   * @param {string} ak
   * @param {string} sk
   * @param {Date} [date]
   */
  const client = async (crypto, url, ak, sk, date) =>
    /** @type {{ Authorization: string }} */ (
      await signRequest({ method: "GET", url, accessKey: ak, secretKey: sk, ...(date ? { date } : {}) }, crypto)
    ).Authorization;

  // Same answers first: the published vector, then one listPorts request at a fixed date.
  const checks = {
    "client (node:crypto)": await client(nodeCrypto, VECTOR.url, "AccessKey", "SecretKey", dateOf(VECTOR.date)),
    "client (Web Crypto)": await client(webCrypto, VECTOR.url, "AccessKey", "SecretKey", dateOf(VECTOR.date)),
    "official core": official(VECTOR.url, "AccessKey", "SecretKey", VECTOR.date),
  };
  for (const [who, authorization] of Object.entries(checks)) {
    if (signatureOf(authorization) !== VECTOR.signature) {
      throw new Error(`${who} does not reproduce the published vector: ${authorization}`);
    }
  }
  const fixed = "20261122T120000Z";
  const a = signatureOf(await client(nodeCrypto, URL_TO_SIGN, ACCESS_KEY, SECRET_KEY, dateOf(fixed)));
  const b = signatureOf(official(URL_TO_SIGN, ACCESS_KEY, SECRET_KEY, fixed));
  if (a !== b) throw new Error(`the client and the official core sign the listPorts request differently (${a} vs ${b})`);

  /** @type {Record<string, () => unknown>} */
  const ops = {
    node: () => client(nodeCrypto, URL_TO_SIGN, ACCESS_KEY, SECRET_KEY),
    web: () => client(webCrypto, URL_TO_SIGN, ACCESS_KEY, SECRET_KEY),
    official: () => official(URL_TO_SIGN, ACCESS_KEY, SECRET_KEY),
  };

  const targetMs = quick ? 40 : 150;
  /** @type {Record<string, number>} */
  const iterations = {};
  for (const [key, op] of Object.entries(ops)) {
    await calibrate(op, targetMs); // warm-up
    iterations[key] = await calibrate(op, targetMs);
  }
  /** @type {Record<string, number[]>} */
  const us = Object.fromEntries(Object.keys(ops).map((k) => [k, /** @type {number[]} */ ([])]));
  const keys = Object.keys(ops);
  for (let round = 0; round < rounds; round++) {
    const shift = round % keys.length;
    for (const key of [...keys.slice(shift), ...keys.slice(0, shift)]) us[key].push(await timeOps(ops[key], iterations[key]));
  }

  const node = summarize(us.node);
  const official_ = summarize(us.official);
  const rows = [
    { metric: "client signRequest, node:crypto (what every attempt of a signed call runs)", value: node.median, unit: "µs", summary: node, detail: `sequential awaits; all three checked against a published vector; client signer from ${from}` },
    { metric: "client signRequest, Web Crypto", value: summarize(us.web).median, unit: "µs", summary: summarize(us.web) },
    { metric: "official core AKSKSigner.sign", value: official_.median, unit: "µs", summary: official_ },
    { metric: "official / client node:crypto", value: official_.median / node.median, unit: "x" },
  ];
  return rows;
}
