// A server on 127.0.0.1 that misbehaves the way hostile or broken servers, gateways and proxies
// do. The misbehaviour is chosen per request by the first path segment, `/{mode}/...`, so one
// server serves every case and the rest of the path is the API path a client asked for
// (`/huge-body/v5/p/asset/ports`). The modes are declared once, here: the tests of every package
// and the hostile report take their list from HOSTILE_MODES.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";

/** What a mode does, for reports. */
export interface HostileMode {
  readonly name: string;
  readonly description: string;
}

/** One request the server received, as it arrived. */
export interface ReceivedRequest {
  readonly mode: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A running hostile server. */
export interface HostileServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The base URL that makes every request misbehave as `mode` does. */
  baseUrl(mode: HostileModeName): string;
  /** Every request received, in order, by this server and by its redirect target. */
  readonly requests: ReceivedRequest[];
  /** Bytes of response body written so far (before compression for gzip-bomb: bytes on the wire). */
  bytesSent(): number;
  /** Stops both servers and drops every open connection (a hanging mode would otherwise keep them). */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

/** MiB of padding in the body of `huge-body`: far past any sane limit, short of the machine's memory. */
export const HUGE_BODY_MIB = 200;

/** What `gzip-bomb` inflates to: this many copies of one gzip member of {@link BOMB_MEMBER_BYTES} zeros. */
export const BOMB_MEMBERS = 64;
/** Inflated size of one member of the gzip bomb. */
export const BOMB_MEMBER_BYTES = 32 * MiB;

/** total_num of `same-page`: a walk that trusted it would make this many requests divided by the page size. */
export const SAME_PAGE_TOTAL = 2_000_000_000;

/** The page every well-formed answer carries. */
const PAGE = { total_num: 2, data_list: [{ id: "item-1" }, { id: "item-2" }] };

const modes = {
  "huge-body": "a 200 whose JSON body is 200 MiB, sent with its Content-Length",
  "endless-body": "a 200 whose chunked body never ends",
  "gzip-bomb": "a 200 of about 2 MiB of gzip on the wire that inflates to 2 GiB",
  "invalid-json": "a 200 application/json whose body is not JSON",
  html: "a 200 text/html error page from a captive portal or a misrouted gateway",
  "empty-200": "a 200 with no body",
  "not-a-page": "a 200 whose data_list is a string",
  "reset-mid-body": "the headers and half a body, then the connection is destroyed",
  "reset-before-response": "the connection is destroyed before any response",
  "redirect-cross-origin": "a 307 to another origin (the redirect target records what it gets)",
  "echo-credentials": "a 401 whose X-Request-Id header and body echo every credential header, raw, percent-encoded and base64",
  "same-page": "the same full page for every offset, with a total_num of two billion",
  hang: "accepts the request and never answers",
} as const satisfies Record<string, string>;

/** The name of a mode. */
export type HostileModeName = keyof typeof modes;

/** Every mode the server has, with what it does. */
export const HOSTILE_MODES: readonly HostileMode[] = Object.entries(modes).map(([name, description]) => ({ name, description }));

/** The credential headers a client may send; `echo-credentials` sends them all back. */
const CREDENTIAL_HEADERS = ["authorization", "x-auth-token", "x-security-token"];

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Writes `chunk` `count` times, or forever when count is Infinity, honouring backpressure, until the connection closes. */
function stream(response: ServerResponse, chunk: Buffer, count: number, written: (bytes: number) => void, end?: string): void {
  let left = count;
  const pump = () => {
    while (left > 0 && !response.destroyed) {
      left--;
      written(chunk.length);
      if (!response.write(chunk)) {
        response.once("drain", pump);
        return;
      }
    }
    if (!response.destroyed) response.end(end);
  };
  response.on("close", () => {
    left = 0;
  });
  pump();
}

/** Starts the server (and the second origin that `redirect-cross-origin` points at) on 127.0.0.1, port 0. */
export async function startHostileServer(): Promise<HostileServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let sent = 0;
  const written = (bytes: number) => {
    sent += bytes;
  };
  const record = (mode: string, request: IncomingMessage) =>
    requests.push({ mode, method: request.method ?? "", url: request.url ?? "", headers: { ...request.headers } });
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };

  const elsewhere = createServer((request, response) => {
    record("redirect-target", request);
    sendJson(response, 200, PAGE);
  });
  elsewhere.on("connection", track);
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  const elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;

  const bomb = gzipSync(Buffer.alloc(BOMB_MEMBER_BYTES));

  const server = createServer((request, response) => {
    const [, mode = "", ...rest] = (request.url ?? "/").split("/");
    const apiPath = `/${rest.join("/")}`;
    record(mode, request);
    request.resume();
    switch (mode as HostileModeName) {
      case "huge-body": {
        // A page padded with spaces: valid JSON, if a client read all of it.
        const head = Buffer.from('{"total_num":1,"data_list":[{"id":"x"}]');
        response.writeHead(200, { "Content-Type": "application/json", "Content-Length": head.length + HUGE_BODY_MIB * MiB + 1 });
        response.write(head);
        written(head.length);
        stream(response, Buffer.alloc(MiB, 0x20), HUGE_BODY_MIB, written, "}");
        break;
      }
      case "endless-body":
        response.writeHead(200, { "Content-Type": "application/json" });
        response.write('{"total_num":1,"data_list":[');
        stream(response, Buffer.from('{"id":"again"},'.repeat(4096)), Infinity, written);
        break;
      case "gzip-bomb":
        response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
        stream(response, bomb, BOMB_MEMBERS, written);
        break;
      case "invalid-json":
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end('{"total_num": 2, "data_list": [');
        break;
      case "html":
        response.writeHead(200, { "Content-Type": "text/html" });
        response.end("<!doctype html><html><body><h1>Sign in to the Wi-Fi</h1></body></html>");
        break;
      case "empty-200":
        response.writeHead(200, { "Content-Length": "0" });
        response.end();
        break;
      case "not-a-page":
        sendJson(response, 200, { total_num: 2, data_list: "item-1,item-2" });
        break;
      case "reset-mid-body": {
        const body = JSON.stringify(PAGE);
        response.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
        response.write(body.slice(0, body.length >> 1), () => response.destroy());
        break;
      }
      case "reset-before-response":
        request.socket.destroy();
        break;
      case "redirect-cross-origin":
        response.writeHead(307, { Location: `${elsewhereUrl}${apiPath}` });
        response.end();
        break;
      case "echo-credentials": {
        const echoed = CREDENTIAL_HEADERS.map((name) => String(request.headers[name] ?? "")).filter(Boolean);
        const forms = echoed.flatMap((value) => [value, encodeURIComponent(value), Buffer.from(value).toString("base64")]);
        sendJson(
          response,
          401,
          { error_code: "APIGW.0301", error_msg: `Incorrect IAM authentication information: ${forms.join(" | ")}`, request_id: forms.join(",") },
          { "X-Request-Id": forms.join(",") },
        );
        break;
      }
      case "same-page":
        sendJson(response, 200, { total_num: SAME_PAGE_TOTAL, data_list: Array.from({ length: 200 }, (_, i) => ({ id: `same-${i}` })) });
        break;
      case "hang":
        break;
      default:
        sendJson(response, 404, { error_code: "HOSTILE.0404", error_msg: `No mode ${JSON.stringify(mode)}; the modes are ${Object.keys(modes).join(", ")}.` });
    }
  });
  server.on("connection", track);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: (mode) => `${url}/${mode}`,
    requests,
    bytesSent: () => sent,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([server, elsewhere].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
