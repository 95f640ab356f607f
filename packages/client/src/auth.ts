// Authenticates one attempt of a request. Runs inside the transport, after every middleware,
// so the signature covers the final URL and headers, and runs again for every retry. It works on
// header records, never on Request objects, because it runs on every attempt of every call.

import type { ResolvedCredentials } from "./credentials.js";
import { canonicalQuery, signRequest, type SigningCrypto } from "./signing/index.js";
import { templateSigner, type TemplateSigner } from "./signing/sign.js";
import type { OutgoingRequest } from "./exchange.js";
import type { Authorize } from "./transport.js";

/** A search the URL parser keeps as it is: no fragment, no white space or control character to drop or encode. */
const PLAIN_SEARCH = /^[^\0- #]*$/;

function isEmpty(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return false;
  return true;
}

/**
 * The authorizer for a client's credentials. The credentials stay in this closure: nothing
 * reachable from the client object holds them. Without a project (the IAM lookup of one), a
 * signed request carries no X-Project-Id.
 */
export function createAuthorizer(
  credentials: ResolvedCredentials,
  projectId: string | undefined,
  crypto: SigningCrypto,
): Authorize {
  if (credentials.kind === "token") {
    const { token } = credentials;
    return (request) => ({ ...request.headers, "x-auth-token": token });
  }
  const { accessKey, secretKey, securityToken } = credentials;
  // The gateway wants the project (and a temporary credential's token) sent and signed; a header
  // the request already carries wins, as middleware may address another project.
  const required: Record<string, string> = projectId === undefined ? {} : { "x-project-id": projectId };
  if (securityToken) required["x-security-token"] = securityToken;
  // Per operation (the base object the caller keeps for it), the signer of its plain requests:
  // no body, no headers of their own, a URL the caller split, so no URL parsing and no canonical
  // headers on any call.
  const templates = new WeakMap<object, { method: string; sign: TemplateSigner | undefined }>();
  const templateFor = ({ method, base, search, body, headers }: OutgoingRequest): TemplateSigner | undefined => {
    if (!base || search === undefined || body !== undefined || !isEmpty(headers) || !PLAIN_SEARCH.test(search)) return undefined;
    let template = templates.get(base);
    if (template?.method !== method) {
      template = { method, sign: templateSigner(method, base.host, base.canonicalUri, required, credentials, crypto) };
      templates.set(base, template);
    }
    return template.sign;
  };
  return (request) => {
    const headers = { ...required, ...request.headers };
    const template = templateFor(request);
    // A fresh date on every call of this function, so every retry is signed anew.
    const auth = template
      ? template(canonicalQuery(request.search!))
      : signRequest({ method: request.method, url: request.url, headers, body: request.body, accessKey, secretKey }, crypto);
    const add = ({ "X-Sdk-Date": date, Authorization }: { "X-Sdk-Date": string; Authorization: string }) => {
      headers["x-sdk-date"] = date;
      headers.authorization = Authorization;
      return headers;
    };
    return auth instanceof Promise ? auth.then(add) : add(auth);
  };
}
