// What a signer needs of a crypto library: the contract node:crypto (crypto-node.ts) and Web
// Crypto (crypto-web.ts) each fulfil, kept apart from the signer so neither imports it.

/**
 * The two hashes the signer needs. Each may answer synchronously or with a promise, so Node can
 * hash synchronously while Web Crypto, which is promise-only, still fits the same interface.
 */
export interface SigningCrypto {
  /** Lower-case hex SHA-256 of `data` (a string is hashed as UTF-8). */
  sha256Hex(data: string | Uint8Array): Promise<string> | string;
  /** Lower-case hex HMAC-SHA256 of the UTF-8 `data` under the UTF-8 `key`. */
  hmacSha256Hex(key: string, data: string): Promise<string> | string;
}
