// Node implementation of the signing hashes, using node:crypto, synchronously: Web Crypto is
// promise-only and much slower per signature on Node (`pnpm bench` measures both). The build picks
// this file through the "node" export condition (see crypto.node.ts); browsers never load it.

import * as nodeCryptoModule from "node:crypto";
import type { SigningCrypto } from "./signing-crypto.js";

const { createHash, createHmac } = nodeCryptoModule;

// crypto.hash (Node 20.12 and later) hashes in one call, without a stream object. Read off the
// namespace: a named import of it would fail to load on older Node 20 releases.
const oneShotHash = (nodeCryptoModule as { hash?: (algorithm: string, data: string | Uint8Array, encoding: "hex") => string }).hash;

/** Hashes for signing on Node; results are returned synchronously. */
export const nodeCrypto: SigningCrypto = {
  sha256Hex(data) {
    return oneShotHash ? oneShotHash("sha256", data, "hex") : createHash("sha256").update(data).digest("hex");
  },
  hmacSha256Hex(key, data) {
    return createHmac("sha256", key).update(data, "utf8").digest("hex");
  },
};
