// Default (browser and other non-Node runtimes) choice of signing hashes.
// It exists as a seam for the build: the package's "node" export condition maps this module to
// crypto.node.ts, so Node gets node:crypto while browser bundles never see a node: import.

/** The signing hashes this build uses by default: Web Crypto here, node:crypto in Node builds. */
export { webCrypto as defaultCrypto } from "./crypto-web.js";
