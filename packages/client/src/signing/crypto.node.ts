// Node choice of signing hashes, selected instead of crypto.ts by the "node" export condition.
// It exists so Node builds sign with node:crypto and never touch crypto.subtle, which is much
// slower there (`pnpm bench` measures both).

/** The signing hashes this build uses by default: node:crypto. */
export { nodeCrypto as defaultCrypto } from "./crypto-node.js";
