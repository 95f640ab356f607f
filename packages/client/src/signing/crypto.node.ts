// Node choice of signing hashes, selected instead of crypto.ts by the "node" export condition.
// It exists so Node builds sign with node:crypto (about 7us) and never touch crypto.subtle
// (about 87us per signature).

/** The signing hashes this build uses by default: node:crypto. */
export { nodeCrypto as defaultCrypto } from "./crypto-node.js";
