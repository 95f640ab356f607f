import http from "node:http";
import https from "node:https";

/** A request as the contract sends it: nothing added behind its back. */
export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A complete HTTP response. */
export interface RawResponse {
  kind: "response";
  status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  durationMs: number;
}

/**
 * Why no complete response arrived: `unreachable` (nothing accepted the connection), `timeout`
 * (connected, but no complete answer in time), `reset` (the connection dropped mid-exchange),
 * `too-large` (the body passed the size cap) or `error` (anything else).
 */
export type TransportFailureKind = "unreachable" | "timeout" | "reset" | "too-large" | "error";

/** An exchange that ended without a complete response. */
export interface TransportFailure {
  kind: "transport-failure";
  failure: TransportFailureKind;
  message: string;
  durationMs: number;
}

/** What sending a request produced. */
export type Outcome = RawResponse | TransportFailure;

/** Limits that keep a hostile or broken target from hanging or flooding the tool. */
export interface TransportLimits {
  /** Deadline for the whole exchange, connect to last byte, in milliseconds. */
  timeoutMs: number;
  /** Most body bytes read before the exchange is cut off. */
  maxBodyBytes: number;
}

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/** A small HTTP client with keep-alive, an overall deadline and a cap on the bytes read. */
export class HttpTransport {
  private readonly agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets: 8 }),
    "https:": new https.Agent({ keepAlive: true, maxSockets: 8 }),
  };

  constructor(private readonly limits: TransportLimits) {}

  /** Sends one request; never throws and never waits past the deadline. */
  send(request: RawRequest): Promise<Outcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const url = new URL(request.url);
    const protocol = url.protocol === "https:" ? "https:" : "http:";
    const { timeoutMs, maxBodyBytes } = this.limits;

    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let connected = false;
      const finish = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const fail = (failure: TransportFailureKind, message: string) =>
        finish({ kind: "transport-failure", failure, message, durationMs: elapsed() });

      const client = protocol === "https:" ? https : http;
      // Asked for in so many words: without Accept-Encoding any coding is acceptable (RFC 9110), and
      // a compressed body's size on the wire says nothing about its size once inflated.
      const headers = { "accept-encoding": "identity", ...request.headers };
      const req = client.request(url, { method: request.method, headers, agent: this.agents[protocol] });
      const timer = setTimeout(() => {
        fail(connected ? "timeout" : "unreachable", connected
          ? `no complete response within ${timeoutMs} ms`
          : `could not connect within ${timeoutMs} ms`);
        req.destroy();
      }, timeoutMs);

      req.on("socket", (socket) => {
        // A reused keep-alive socket is connected already; only a fresh one gets a listener.
        if (!socket.connecting) connected = true;
        else socket.once("connect", () => { connected = true; });
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        const code = error.code ?? "";
        if (!connected && UNREACHABLE_CODES.has(code)) fail("unreachable", `${code}: ${error.message}`);
        else if (RESET_CODES.has(code) || /socket hang up|aborted/i.test(error.message)) {
          fail("reset", `connection reset (${code || error.message})`);
        } else fail("error", code ? `${code}: ${error.message}` : error.message);
      });
      req.on("response", (res) => {
        const coding = res.headers["content-encoding"];
        if (coding !== undefined && coding.trim().toLowerCase() !== "identity") {
          fail("error", `the body is encoded (Content-Encoding: ${coding.slice(0, 40)}) although the request asked for identity`);
          res.destroy();
          req.destroy();
          return;
        }
        const declared = Number(res.headers["content-length"] ?? Number.NaN);
        if (declared > maxBodyBytes) {
          fail("too-large", `Content-Length ${declared} exceeds the ${maxBodyBytes}-byte cap`);
          res.destroy();
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            fail("too-large", `body passed the ${maxBodyBytes}-byte cap`);
            res.destroy();
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on("aborted", () => fail("reset", "connection reset while reading the body"));
        res.on("error", (error) => fail("reset", `connection reset while reading the body (${error.message})`));
        res.on("end", () => {
          if (!res.complete) {
            fail("reset", "connection closed before the body was complete");
            return;
          }
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          finish({
            kind: "response",
            status: res.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString("utf8"),
            durationMs: elapsed(),
          });
        });
      });
      req.end();
    });
  }

  /** Closes idle keep-alive connections so the process can exit. */
  close(): void {
    this.agents["http:"].destroy();
    this.agents["https:"].destroy();
  }
}
