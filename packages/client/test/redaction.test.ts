// Round three of the hostile tests, on what a server sends back: every failure is a typed
// HssError, what an error quotes of it is bounded, and no credential shows in any encoding or in
// part. The property test at the end states the redactor's promise in general.
import fc from "fast-check";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createHssClient, HssError, HssInvalidRequestError, HssResponseError, type HssApiError, type HssCredentials } from "../src/index.js";
import { createRedactor, PIECE_LENGTH } from "../src/redact.js";
import { json } from "./helpers/fake-fetch.js";

const TOKEN = "MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEwggLXBgkqhkiG9w0BBwGgggLIBIICxHsidG9rZW4iOnsi+/=";
const ACCESS_KEY = "HPUAL4ZQ0EXAMPLE0001";
const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/** Every rendering of an error a log or a bug report could carry. */
function renderings(error: unknown): string {
  const parts = [inspect(error, { depth: Infinity, showHidden: true }), String(error)];
  try {
    parts.push(JSON.stringify(error) ?? "");
  } catch {
    // A cycle: inspect covers it.
  }
  if (error instanceof Error) parts.push(error.message, error.stack ?? "");
  return parts.join("\n");
}

/** The runs of `PIECE_LENGTH` characters of `secret`: what must not show in any form. */
function pieces(secret: string): string[] {
  const chars = [...secret];
  return Array.from({ length: Math.max(chars.length - PIECE_LENGTH + 1, 0) }, (_, at) => chars.slice(at, at + PIECE_LENGTH).join(""));
}

function client(credentials: HssCredentials, respond: (request: Request) => Response | Promise<Response>) {
  return createHssClient({
    baseUrl: "https://hss.test",
    projectId: "p",
    credentials,
    maxRetries: 0,
    fetch: async (request) => respond(request),
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error("expected the call to fail"),
    (caught: unknown) => caught,
  );
}

describe("an error body the redactor walks", () => {
  it("nesting 10,000 arrays deep (20 KB) is a typed error, not a stack overflow", async () => {
    const body = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const hss = client({ token: TOKEN }, () => new Response(body, { status: 400, headers: { "Content-Type": "application/json" } }));
    const error = await failure(hss.listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssInvalidRequestError);
    // What the error keeps of the body is bounded too: inspecting it in full stays small.
    expect(inspect((error as HssApiError).body, { depth: Infinity }).length).toBeLessThan(2_000);
  });

  it("an 8 MiB error_msg is quoted in a bounded length", async () => {
    const errorMsg = `${"x".repeat(8 * 1024 * 1024)} end`;
    const hss = client({ token: TOKEN }, () => json(400, { error_code: "HSS.0001", error_msg: errorMsg }, { "X-Huge": "y".repeat(64 * 1024) }));
    const error = (await failure(hss.listPorts({ host_id: "h" }))) as HssApiError;
    expect(error).toBeInstanceOf(HssInvalidRequestError);
    expect(error.message.length).toBeLessThan(2_000);
    expect(error.message).toContain("HSS.0001 \"xxxx");
    expect(error.errorMsg!.length).toBeLessThan(2_000);
    expect(error.headers["x-huge"]!.length).toBeLessThan(2_000);
    expect(renderings(error).length).toBeLessThan(100_000);
  });
});

describe("credentials echoed by a server", () => {
  it("a 200 body that is not JSON is redacted before its quote is cut", async () => {
    // The token starts inside the quoted part of the body and runs past its end.
    const hss = client({ token: TOKEN }, () => new Response(`<html>${"-".repeat(40)}${TOKEN}</html>`, { status: 200 }));
    const error = await failure(hss.listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssResponseError);
    const shown = renderings(error);
    for (const piece of pieces(TOKEN)) expect(shown).not.toContain(piece);
  });

  it("a request signature echoed without its Signature= prefix", async () => {
    let signature = "";
    const hss = client({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, (request) => {
      signature = /Signature=([0-9a-f]{64})/.exec(request.headers.get("Authorization") ?? "")![1]!;
      return json(401, {
        error_code: "APIGW.0301",
        error_msg: `signature ${signature} does not match; upper ${signature.toUpperCase()}`,
        request_id: btoa(signature),
      }, { "X-Echo": `sig:${signature.slice(5, 40)}` });
    });
    const error = await failure(hss.listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssError);
    expect(signature).toHaveLength(64);
    const shown = renderings(error);
    for (const piece of pieces(signature)) {
      expect(shown).not.toContain(piece);
      expect(shown).not.toContain(piece.toUpperCase());
    }
  });

  it.each([
    ["percent-encoded twice", (secret: string) => encodeURIComponent(encodeURIComponent(secret))],
    ["as literal \\uXXXX escapes", (secret: string) => [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")],
    ["as literal \\uXXXX escapes in upper case", (secret: string) => [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`).join("")],
    ["as base64url", (secret: string) => btoa(secret).replace(/\+/g, "-").replace(/\//g, "_")],
    ["as hex", (secret: string) => Buffer.from(secret).toString("hex")],
  ])("a token %s, whole and cut short", async (_case, encode) => {
    const encoded = encode(TOKEN);
    const hss = client({ token: TOKEN }, () =>
      // A JSON body carries the text as it is: its `\u` escapes are literal backslashes.
      json(400, { error_code: "HSS.0001", error_msg: `got ${encoded}`, detail: encoded.slice(7, -9) }, { "X-Echo": encoded.slice(3) }),
    );
    const error = await failure(hss.listPorts({ host_id: "h" }));
    expect(error).toBeInstanceOf(HssInvalidRequestError);
    const shown = renderings(error);
    for (const piece of pieces(TOKEN)) expect(shown).not.toContain(encode(piece));
  });
});

describe("excerpts", () => {
  it("are redacted before they are cut, and say they were cut even where redaction shortened them", () => {
    const redactor = createRedactor([TOKEN]);
    const quoted = redactor.excerpt(`${TOKEN}${"x".repeat(200)}`, TOKEN.length + 50);
    expect(quoted).toMatch(/^\[REDACTED\]x+…$/);
    expect(redactor.excerpt("short", 60)).toBe("short");
    // A cut never splits a surrogate pair.
    expect(redactor.excerpt(`${"a".repeat(9)}🔑🔑`, 10)).toBe(`${"a".repeat(9)}…`);
  });
});

/** The encodings a server could plausibly echo a credential in (the redactor's documented set). */
const ENCODINGS: Record<string, (text: string) => string> = {
  raw: (text) => text,
  percent: encodeURIComponent,
  "percent, lower-case hex": (text) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  "percent twice": (text) => encodeURIComponent(encodeURIComponent(text)),
  form: (text) => new URLSearchParams({ s: text }).toString().slice(2),
  json: (text) => JSON.stringify(text).slice(1, -1),
  "json twice": (text) => JSON.stringify(JSON.stringify(text)).slice(3, -3),
  "\\u escapes": (text) => text.split("").map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""),
  hex: (text) => Buffer.from(text).toString("hex"),
  "hex, upper-case": (text) => Buffer.from(text).toString("hex").toUpperCase(),
  base64: (text) => Buffer.from(text).toString("base64"),
  base64url: (text) => Buffer.from(text).toString("base64url"),
};

/** The base64 characters of `text` that depend only on `text`, wherever it sits in a longer base64 text. */
function base64Interiors(text: string, url: boolean): string[] {
  const bytes = Buffer.from(text);
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(url ? "base64url" : "base64");
    return encoded.slice(shift === 0 ? 0 : 4, Math.floor((shift + bytes.length) / 3) * 4);
  });
}

/** What must not survive of `piece` under an encoding: its encoded form (for base64, each alignment's fixed part). */
function recognisable(name: string, piece: string): string[] {
  if (name === "base64" || name === "base64url") return base64Interiors(piece, name === "base64url").filter((form) => form.length >= PIECE_LENGTH);
  return [ENCODINGS[name]!(piece)];
}

describe("the redactor, for any secret, encoding and cut", () => {
  const secret = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=-_.~%!*' é中🔑"), minLength: 16, maxLength: 64 });
  const filler = fc.string({ unit: fc.constantFrom(..." abcxyz0123:,{}\"[]%\\"), maxLength: 20 });

  it("leaves no run of PIECE_LENGTH characters of the secret, in any encoding, in the text", () => {
    fc.assert(
      fc.property(
        secret,
        fc.constantFrom(...Object.keys(ENCODINGS)),
        fc.nat(),
        fc.nat(),
        filler,
        filler,
        (secretText, encoding, cutA, cutB, before, after) => {
          const encoded = ENCODINGS[encoding]!(secretText);
          const [from, to] = [cutA % (encoded.length + 1), cutB % (encoded.length + 1)].sort((a, b) => a - b);
          const text = `${before}${encoded.slice(from!, to!)}${after}`;
          const redacted = createRedactor([secretText]).text(text);
          for (const piece of pieces(secretText)) {
            for (const form of recognisable(encoding, piece)) expect(redacted).not.toContain(form);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("leaves text that shares no piece with a secret as it is", () => {
    fc.assert(
      fc.property(secret, fc.string({ maxLength: 200 }), (secretText, text) => {
        const windows = Object.values(ENCODINGS).flatMap((encode) => pieces(encode(secretText)));
        fc.pre(!windows.some((window) => text.includes(window)));
        expect(createRedactor([secretText]).text(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
