// Authenticates one attempt of a request. Runs inside the transport, after every middleware,
// so the signature covers the final URL and headers, and runs again for every retry.

import type { ResolvedCredentials } from "./credentials.js";
import { signFetchRequest, type SigningCrypto } from "./signing/index.js";
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
    return async (request) => {
      const headers = new Headers(request.headers);
      headers.set("X-Auth-Token", token);
      return new Request(request, { headers });
    };
  }
  const signing = {
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey,
    securityToken: credentials.securityToken,
    projectId,
  };
  return (request) => signFetchRequest(request, signing, crypto);
}
