// Web Crypto implementation of the signing hashes, for browsers, Deno, Bun and workers.
// It exists so the client runs where node:crypto does not. It is the default build's choice
// (see crypto.ts); Node builds use crypto-node.ts instead because Web Crypto is slower there per
// signature (`pnpm bench` measures both).

import type { SigningCrypto } from "./signing-crypto.js";

/** Options for {@link createWebCrypto}. */
export interface WebCryptoOptions {
  /** The SubtleCrypto to use; defaults to `globalThis.crypto.subtle`, looked up on first use. */
  subtle?: SubtleCrypto;
  /** How many imported HMAC keys to keep; a client normally uses one secret key. Default 8. */
  maxCachedKeys?: number;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/**
 * Creates a Web Crypto signer with its own key cache. importKey is the expensive step, so the
 * imported CryptoKey is kept per secret key; the cache is small and evicts the oldest entry so
 * rotated keys do not pile up in memory. Caching the promise means concurrent first requests
 * import once; a failed import is dropped so the next call retries.
 */
export function createWebCrypto(options: WebCryptoOptions = {}): SigningCrypto {
  const maxKeys = Math.max(1, options.maxCachedKeys ?? 8);
  const keys = new Map<string, Promise<CryptoKey>>();
  const encoder = new TextEncoder();

  const subtle = (): SubtleCrypto => {
    const found = options.subtle ?? globalThis.crypto?.subtle;
    if (!found) throw new Error("Web Crypto (globalThis.crypto.subtle) is not available");
    return found;
  };

  const hmacKey = (secret: string): Promise<CryptoKey> => {
    let key = keys.get(secret);
    if (key === undefined) {
      if (keys.size >= maxKeys) keys.delete(keys.keys().next().value as string);
      key = Promise.resolve(
        subtle().importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
          "sign",
        ]),
      );
      keys.set(secret, key);
      key.catch(() => keys.delete(secret));
    }
    return key;
  };

  return {
    async sha256Hex(data) {
      // A copy gives Web Crypto the plain ArrayBuffer view it requires (not a shared buffer).
      const bytes = typeof data === "string" ? encoder.encode(data) : new Uint8Array(data);
      return toHex(await subtle().digest("SHA-256", bytes));
    },
    async hmacSha256Hex(key, data) {
      const cryptoKey = await hmacKey(key);
      return toHex(await subtle().sign("HMAC", cryptoKey, encoder.encode(data)));
    },
  };
}

/** Shared Web Crypto signer, so every client in a page reuses one key cache. */
export const webCrypto: SigningCrypto = createWebCrypto();
