// Reads a response body into memory with a bound on its size, counted in the bytes the body
// streams after decompression (fetch decompresses gzip, deflate and brotli on its own, so the
// size on the wire says nothing about the size in memory: a small gzip bomb inflates many
// times over). Reading stops, and the connection is cancelled, as soon as the bound is passed.

/** The default `maxResponseBytes`: far above the largest page the spec allows. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A response read within bounds: the status, the headers and the whole body, decompressed. */
export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array<ArrayBuffer>;
}

/** What {@link readBody} gives: the bytes, or word that the body passed the limit. */
export type BodyRead = { readonly bytes: Uint8Array<ArrayBuffer> } | { readonly tooLarge: true };

const EMPTY = new Uint8Array(0);

/**
 * The body's length as its headers declare it, when that is the length it has once read: a
 * declared length says nothing once the body has been decompressed.
 */
export function declaredLength(headers: Headers): number | undefined {
  if (headers.has("Content-Encoding")) return undefined;
  const declared = Number(headers.get("Content-Length") ?? Number.NaN);
  return Number.isSafeInteger(declared) ? declared : undefined;
}

/**
 * Reads the whole body of `response`, or stops at `limit` bytes. Rejects as the stream does when
 * the connection fails before the body ends (a truncated body), or when `signal` aborts.
 */
export async function readBody(response: Response, limit: number): Promise<BodyRead> {
  const declared = declaredLength(response.headers);
  if (declared !== undefined) {
    if (declared > limit) {
      await response.body?.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    // fetch delivers no more than the declared length (a longer body is cut off there), so a
    // length within the limit can be read in one go, the runtime's fastest path.
    return { bytes: new Uint8Array(await response.arrayBuffer()) };
  }
  if (response.body === null) return { bytes: EMPTY };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0]!.byteLength === chunks[0]!.buffer.byteLength) {
    return { bytes: chunks[0] as Uint8Array<ArrayBuffer> };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes };
}
