// Public surface of AK/SK signing. `defaultCrypto` comes from ./crypto.js, which Node builds map
// to ./crypto.node.js through the "node" export condition; nodeCrypto itself is not re-exported
// here so browser bundles never pull in node:crypto.

export {
  SIGNING_ALGORITHM,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  canonicalizeComponent,
  percentEncode,
  signedHeadersList,
  stringToSign,
  type CanonicalRequestParts,
} from "./canonical.js";
export {
  assertCredentials,
  formatSdkDate,
  signRequest,
  type HeadersLike,
  type SdkAuthHeaders,
  type SignRequestInput,
} from "./sign.js";
export type { SigningCrypto } from "./signing-crypto.js";
export { createWebCrypto, webCrypto, type WebCryptoOptions } from "./crypto-web.js";
export { defaultCrypto } from "./crypto.js";
