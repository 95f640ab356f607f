// A loopback HTTP server that checks every request's AK/SK signature with the independently
// written verifier (test/fixtures/verifier.ts) and answers like HSS: a page on success, the
// gateway's APIGW.0301 on a bad signature.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignedRequest } from "../fixtures/verifier.js";

/** What the server saw of one request. */
export interface SeenRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingMessage["headers"];
  verdict: { ok: true } | { ok: false; reason: string };
}

/** A running signature-checking server. */
export interface SignatureServer {
  url: string;
  seen: SeenRequest[];
  /** Answers the next requests with these statuses (then 200 again), to exercise retries. */
  failNext(...statuses: number[]): void;
  /** Runs before each answer, e.g. to move a fake clock. */
  onRequest?: ((seen: SeenRequest) => void) | undefined;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 at a free port, accepting the given access keys. */
export async function startSignatureServer(keys: Record<string, string>): Promise<SignatureServer> {
  const seen: SeenRequest[] = [];
  const failures: number[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const verdict = verifySignedRequest({ method: request.method ?? "", url: request.url ?? "", headers: request.headers }, Buffer.concat(chunks), keys);
    const entry: SeenRequest = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, verdict };
    seen.push(entry);
    server.onRequest?.(entry);
    const status = verdict.ok ? (failures.shift() ?? 200) : 401;
    const body = verdict.ok
      ? status === 200
        ? { total_num: 0, data_list: [] }
        : { error_code: "HSS.1000", error_msg: "Try again later." }
      : { error_code: "APIGW.0301", error_msg: `Incorrect IAM authentication information: ${verdict.reason}.` };
    response.writeHead(status, { "Content-Type": "application/json", "X-Request-Id": `req-${seen.length}` });
    response.end(JSON.stringify(body));
  };
  const http = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  const server: SignatureServer = {
    url: `http://127.0.0.1:${port}`,
    seen,
    failNext: (...statuses) => void failures.push(...statuses),
    close: () =>
      new Promise((resolve, reject) => {
        http.closeAllConnections();
        http.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return server;
}
