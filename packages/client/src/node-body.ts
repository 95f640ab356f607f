// Reads a Node response body as fetch would deliver it (decompressed by its Content-Encoding,
// the codings fetch decodes, in the same order) within a bound on the bytes after decompression:
// a small gzip bomb inflates a thousandfold, so the bound is counted on what the decoders put out,
// and the whole chain, socket included, is destroyed as soon as it is passed.

import { pipeline, Transform, type Readable, type TransformCallback } from "node:stream";
import * as zlib from "node:zlib";
import { declaredLength, type BodyRead } from "./body.js";

/** More codings than this is no real server's answer (undici's fetch draws the line there too). */
const MAX_CODINGS = 5;

// Lenient about a stream that ends early, as fetch is: what arrived is what there is.
const ZLIB_OPTIONS: zlib.ZlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS: zlib.BrotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

/** "deflate" as servers send it: zlib-wrapped as the RFC says, or raw as some old servers do. */
class DeflateDecoder extends Transform {
  #inflate: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.#inflate) {
      // A zlib header's low nibble names the deflate method (8); raw deflate has no header.
      this.#inflate = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS);
      this.#inflate.on("data", (data: Buffer) => this.push(data));
      this.#inflate.on("error", (error) => this.destroy(error));
    }
    this.#inflate.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.#inflate) return done();
    this.#inflate.once("end", () => done());
    this.#inflate.end();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.#inflate?.destroy();
    done(error);
  }
}

/** The decoders for a Content-Encoding, outermost coding first; none when any coding is unknown (fetch passes such a body on as it came). */
function decodersFor(contentEncoding: string | null): Transform[] {
  if (contentEncoding === null) return [];
  const codings = contentEncoding.toLowerCase().split(",").map((coding) => coding.trim()).filter((coding) => coding !== "");
  if (codings.length > MAX_CODINGS) throw new Error(`the response has ${codings.length} content codings; at most ${MAX_CODINGS} are decoded`);
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    if (coding === "gzip" || coding === "x-gzip") decoders.push(zlib.createGunzip(ZLIB_OPTIONS));
    else if (coding === "deflate") decoders.push(new DeflateDecoder());
    else if (coding === "br") decoders.push(zlib.createBrotliDecompress(BROTLI_OPTIONS));
    else if (coding !== "identity") return [];
  }
  return decoders;
}

/**
 * Reads `body` whole, decoded by the Content-Encoding of its `headers`, or stops once more than `limit` bytes came
 * out. Rejects when the body is cut off, does not decode, or is destroyed (an abort).
 */
export function readNodeBody(body: Readable, headers: Headers, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    if ((declaredLength(headers) ?? 0) > limit) {
      body.destroy();
      resolve({ tooLarge: true });
      return;
    }
    let decoders: Transform[];
    try {
      decoders = decodersFor(headers.get("Content-Encoding"));
    } catch (error) {
      body.destroy();
      reject(error);
      return;
    }
    const decoded: Readable = decoders.at(-1) ?? body;
    if (decoders.length > 0) {
      pipeline([body, ...decoders], (error) => {
        if (error) reject(error);
      });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    decoded.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        resolve({ tooLarge: true });
        // Destroying the last stream of a pipeline destroys every stream in it, the socket's included.
        decoded.destroy();
        if (decoded !== body) body.destroy();
        return;
      }
      chunks.push(chunk);
    });
    decoded.on("error", reject);
    decoded.on("end", () => {
      // A copy of its own: a chunk may be a view into a larger buffer holding other bytes.
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
      resolve({ bytes });
    });
  });
}
