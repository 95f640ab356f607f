import { signRequest } from "@hss-kit/client";
import type { RawRequest } from "./http.js";
import type { OperationModel } from "./spec.js";

/** Name of the header that carries the IAM token. */
export const TOKEN_HEADER = "X-Auth-Token";

/**
 * How a request authenticates: with the run's credentials, with none, or broken on purpose: an
 * empty or wrong token, or (signing with AK/SK) a wrong signature, a stale date, a query changed
 * after signing, a signed header left out.
 */
export type AuthMode =
  | "credentials"
  | "none"
  | "empty"
  | "wrong"
  | "wrong-signature"
  | "stale-date"
  | "tampered-query"
  | "missing-signed-header"
  | "future-date"
  | "other";

/** What a run authenticates with: an IAM token, or AK/SK signing. */
export type RunCredentials =
  | { kind: "token"; token: string }
  | { kind: "aksk"; accessKey: string; secretKey: string; securityToken?: string };

/** The secrets of a run's credentials, which no report may show. */
export function secretsOf(credentials: RunCredentials): string[] {
  return credentials.kind === "token" ? [credentials.token] : [credentials.secretKey, ...(credentials.securityToken ? [credentials.securityToken] : [])];
}

/** How far in the past a stale X-Sdk-Date is: past the gateway's 15-minute window. */
const STALE_BY_MS = 20 * 60 * 1000;

/** How far in the future a future X-Sdk-Date is: past the gateway's 15-minute window the other way. */
const FUTURE_BY_MS = 30 * 60 * 1000;

/** The header a `missing-signed-header` request signs and then leaves out. */
export const DROPPED_SIGNED_HEADER = "x-hss-contract-signed";

/** The query parameter a `tampered-query` request adds after signing. */
export const TAMPERED_QUERY = "hss_contract_tampered=1";

/** Adds the signature headers (or a broken variant) to a request built for AK/SK credentials. */
export async function signed(request: RawRequest, credentials: RunCredentials & { kind: "aksk" }, auth: AuthMode): Promise<RawRequest> {
  if (auth === "none") return request;
  const headers: Record<string, string> = { ...request.headers };
  if (credentials.securityToken) headers["X-Security-Token"] = credentials.securityToken;
  if (auth === "missing-signed-header") headers[DROPPED_SIGNED_HEADER] = "1";
  const signature = await signRequest({
    method: request.method,
    url: request.url,
    headers,
    accessKey: credentials.accessKey,
    secretKey: auth === "wrong-signature" ? `${credentials.secretKey}-not-the-key` : credentials.secretKey,
    date: new Date(Date.now() - (auth === "stale-date" ? STALE_BY_MS : 0) + (auth === "future-date" ? FUTURE_BY_MS : 0)),
    ...(auth === "missing-signed-header" ? { signedHeaderNames: ["host", DROPPED_SIGNED_HEADER] } : {}),
  });
  if (auth === "missing-signed-header") delete headers[DROPPED_SIGNED_HEADER];
  const url = auth === "tampered-query" ? `${request.url}${request.url.includes("?") ? "&" : "?"}${TAMPERED_QUERY}` : request.url;
  return { ...request, url, headers: { ...headers, ...signature } };
}

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

/**
 * Turns a call into the HTTP request to send to `baseUrl` (which may carry a path prefix), with
 * its token when the run has one; a run with AK/SK signs it afterwards ({@link signed}).
 */
export function toRawRequest(baseUrl: string, token: string | undefined, call: ApiCall): RawRequest {
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
  const auth = call.auth ?? "credentials";
  if (token !== undefined && (auth === "credentials" || auth === "other")) headers[TOKEN_HEADER] = token;
  if (auth === "empty") headers[TOKEN_HEADER] = "";
  if (token !== undefined && auth === "wrong") headers[TOKEN_HEADER] = `${token}${WRONG_TOKEN_SUFFIX}`;
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
 * from `$HSS_TOKEN`, so it runs as printed once that variable is set. A signature is shown with
 * its value redacted (it is valid for 15 minutes, and a secret until then): re-sign to rerun.
 */
export function toCurl(request: RawRequest, token: string | undefined): string {
  const parts = ["curl", "-sS", "-i"];
  if (request.method !== "GET") parts.push("-X", request.method);
  parts.push(shellQuote(request.url));
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === TOKEN_HEADER.toLowerCase()) {
      // curl sends a header with an empty value only in its `Name;` form.
      if (value === "") parts.push("-H", shellQuote(`${name};`));
      else if (token !== undefined && value === token) parts.push("-H", `"${name}: $HSS_TOKEN"`);
      else if (token !== undefined && value === `${token}${WRONG_TOKEN_SUFFIX}`) parts.push("-H", `"${name}: \${HSS_TOKEN}${WRONG_TOKEN_SUFFIX}"`);
      else parts.push("-H", shellQuote(`${name}: <redacted>`));
    } else if (name.toLowerCase() === "authorization") {
      parts.push("-H", shellQuote(`${name}: ${value.replace(/Signature=[0-9a-fA-F]+/, "Signature=<redacted>")}`));
    } else if (name.toLowerCase() === "x-security-token") {
      parts.push("-H", `"${name}: $HUAWEICLOUD_SDK_SECURITY_TOKEN"`);
    } else if (name !== "accept") {
      parts.push("-H", shellQuote(`${name}: ${value}`));
    }
  }
  return parts.join(" ");
}
