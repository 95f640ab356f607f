// What hss-kit's own packages share with the client and no user needs: `@hss-kit/client/internal`.
// Not part of the public API; it may change in any release.

export { createRedactor, secretForms, REDACTED, type Redactor } from "./redact.js";
export { formatSdkDate } from "./signing/index.js";
