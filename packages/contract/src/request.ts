import type { RawRequest } from "./http.js";
import type { OperationModel } from "./spec.js";

/** Name of the header that carries the IAM token. */
export const TOKEN_HEADER = "X-Auth-Token";

/** How a request authenticates: the real token, none, an empty one, or a deliberately wrong one. */
export type AuthMode = "token" | "none" | "empty" | "wrong";

/** Parameter values of one call; `undefined` leaves a parameter out. */
export type ParamValues = Record<string, string | number | boolean | undefined>;

/** One call of an operation, before it becomes HTTP. */
export interface ApiCall {
  operation: OperationModel;
  /** Values by parameter name, for path, query and header parameters alike. */
  params: ParamValues;
  auth?: AuthMode;
}

/** The suffix that turns the real token into a wrong one. */
export const WRONG_TOKEN_SUFFIX = "-not-the-token";

/** Percent-encodes like encodeURIComponent; spaces become %20 rather than `+`, which every server reads the same. */
function encode(value: string): string {
  return encodeURIComponent(value);
}

/** Turns a call into the HTTP request to send to `baseUrl` (which may carry a path prefix). */
export function toRawRequest(baseUrl: string, token: string, call: ApiCall): RawRequest {
  const { operation, params } = call;
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? "" : encode(String(value));
  });
  const query = operation.parameters
    .filter((p) => p.in === "query" && params[p.name] !== undefined)
    .map((p) => `${encode(p.name)}=${encode(String(params[p.name]))}`)
    .join("&");
  const headers: Record<string, string> = { accept: "application/json" };
  for (const parameter of operation.parameters) {
    const value = params[parameter.name];
    if (parameter.in === "header" && value !== undefined) headers[parameter.name] = String(value);
  }
  const auth = call.auth ?? "token";
  if (auth === "token") headers[TOKEN_HEADER] = token;
  if (auth === "empty") headers[TOKEN_HEADER] = "";
  if (auth === "wrong") headers[TOKEN_HEADER] = `${token}${WRONG_TOKEN_SUFFIX}`;
  return {
    method: operation.method,
    url: `${baseUrl.replace(/\/+$/, "")}${path}${query ? `?${query}` : ""}`,
    headers,
  };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The request as a copy-pasteable curl command. The token never appears: the command reads it
 * from `$HSS_TOKEN`, so it runs as printed once that variable is set.
 */
export function toCurl(request: RawRequest, token: string): string {
  const parts = ["curl", "-sS", "-i"];
  if (request.method !== "GET") parts.push("-X", request.method);
  parts.push(shellQuote(request.url));
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === TOKEN_HEADER.toLowerCase()) {
      // curl sends a header with an empty value only in its `Name;` form.
      if (value === "") parts.push("-H", shellQuote(`${name};`));
      else if (value === token) parts.push("-H", `"${name}: $HSS_TOKEN"`);
      else if (value === `${token}${WRONG_TOKEN_SUFFIX}`) parts.push("-H", `"${name}: \${HSS_TOKEN}${WRONG_TOKEN_SUFFIX}"`);
      else parts.push("-H", shellQuote(`${name}: <redacted>`));
    } else if (name !== "accept") {
      parts.push("-H", shellQuote(`${name}: ${value}`));
    }
  }
  return parts.join(" ");
}
