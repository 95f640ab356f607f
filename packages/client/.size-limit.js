// The client's size budget grows with the spec: each operation adds its descriptor and its
// method, so a new operation is a spec-only change that stays within budget.
import { loadModel } from "@hss-kit/spec";

/** What the client costs with no operation at all: transport, signing, validation, errors, the request budget, paginate and fanOut. */
const BASE_KB = 18.5;
/** What each operation adds: its descriptor of parameters and rules. */
const PER_OPERATION_KB = 0.15;

const operations = loadModel().operations.length;

export default [
  {
    name: `createHssClient, browser build with openapi-fetch (minified + gzipped), ${operations} operations`,
    path: "dist/index.js",
    import: "{ createHssClient }",
    limit: `${(BASE_KB + PER_OPERATION_KB * operations).toFixed(2)} kB`,
    gzip: true,
  },
];
