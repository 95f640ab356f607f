// openapi-fetch's CommonJS build exports createClient as `exports.default` (with __esModule).
// Our CommonJS build is bundled from ES modules with Node's interop, which hands over the whole
// exports object as the default import, so `import createClient from "openapi-fetch"` would be
// that object there. Taking the namespace and unwrapping once works in both builds. Its named
// exports need no unwrapping.

import * as openapiFetch from "openapi-fetch";

type CreateClient = typeof openapiFetch.default;

const imported = openapiFetch.default as CreateClient | { default: CreateClient };

/** openapi-fetch's createClient, whichever module format loaded it. */
export const createClient: CreateClient = typeof imported === "function" ? imported : imported.default;
