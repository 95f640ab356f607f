// Authenticates one attempt of a request. Runs inside the transport, after every middleware,
// so the signature covers the final URL and headers, and runs again for every retry. It works on
// header records, never on Request objects, because it runs on every attempt of every call.

import type { ResolvedCredentials } from "./credentials.js";
import { signRequest, type SigningCrypto } from "./signing/index.js";
import type { Authorize } from "./transport.js";

/**
 * The authorizer for a client's credentials. The credentials stay in this closure: nothing
 * reachable from the client object holds them.
 */
export function createAuthorizer(
  credentials: ResolvedCredentials,
  projectId: string,
  crypto: SigningCrypto,
): Authorize {
  if (credentials.kind === "token") {
    const { token } = credentials;
    return (request) => ({ ...request.headers, "x-auth-token": token });
  }
  const { accessKey, secretKey, securityToken } = credentials;
  // The gateway wants the project (and a temporary credential's token) sent and signed; a header
  // the request already carries wins, as middleware may address another project.
  const required: Record<string, string> = { "x-project-id": projectId };
  if (securityToken) required["x-security-token"] = securityToken;
  return async (request) => {
    const headers = { ...required, ...request.headers };
    const { body } = request;
    // A fresh date on every call of this function, so every retry is signed anew.
    const auth = await signRequest({ method: request.method, url: request.url, headers, body, accessKey, secretKey }, crypto);
    headers["x-sdk-date"] = auth["X-Sdk-Date"];
    headers.authorization = auth.Authorization;
    return headers;
  };
}
