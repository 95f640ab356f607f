// The reference's Authentication section: how to get an IAM token and a project ID, the spec's
// own AK/SK recipe (components.securitySchemes), and one worked signature whose every
// intermediate value a reader can reproduce. The example is computed here step by step and the
// build stops unless its signature is the one @hss-kit/client's signRequest produces, so the
// page can never show a recipe that does not sign; the browser test also holds it to Huawei's
// official signer.

import { createHash, createHmac } from "node:crypto";
import { signRequest } from "@hss-kit/client";
import { formatSdkDate } from "@hss-kit/client/internal";

/** The worked example's inputs. The keys are made up: they sign nothing anywhere. */
export const EXAMPLE = {
  accessKey: "HSSEXAMPLEACCESSKEY0",
  secretKey: "hss-example-secret-key-not-a-real-one",
  date: new Date("2026-12-01T08:00:00Z"),
  projectId: "0123456789abcdef0123456789abcdef",
  // The query is out of order on purpose: the canonical query sorts it.
  url: "https://hss.cn-north-4.myhuaweicloud.com/v5/0123456789abcdef0123456789abcdef/asset/ports?limit=10&host_id=caa958ad-a481-4d46-b51e-6861b8864515",
};

const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Every intermediate value of the worked example, checked against `sign` (the client's
 * signRequest; a parameter so that a test can show the check catching a signer that differs).
 */
export async function workedExample(example = EXAMPLE, sign = signRequest) {
  const url = new URL(example.url);
  const sdkDate = formatSdkDate(example.date);
  const pairs = [...url.searchParams];
  // Plain keys and values keep the example readable: each is its own encoding.
  for (const [key, value] of pairs) {
    if (!UNRESERVED.test(key) || !UNRESERVED.test(value)) throw new Error(`The worked example's query must be plain: ${key}=${value}`);
  }
  const query = pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join("&");
  const headers = { host: url.host, "x-project-id": example.projectId, "x-sdk-date": sdkDate };
  const signedHeaders = Object.keys(headers).sort().join(";");
  const canonicalRequest = [
    "GET",
    url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`,
    query,
    Object.keys(headers).sort().map((name) => `${name}:${headers[name]}\n`).join(""),
    signedHeaders,
    sha256(""),
  ].join("\n");
  const canonicalRequestHash = sha256(canonicalRequest);
  const stringToSign = `SDK-HMAC-SHA256\n${sdkDate}\n${canonicalRequestHash}`;
  const signature = createHmac("sha256", example.secretKey).update(stringToSign, "utf8").digest("hex");
  const authorization = `SDK-HMAC-SHA256 Access=${example.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;

  const client = await sign({
    method: "GET",
    url: example.url,
    headers: { "X-Project-Id": example.projectId },
    accessKey: example.accessKey,
    secretKey: example.secretKey,
    date: example.date,
  });
  if (client.Authorization !== authorization || client["X-Sdk-Date"] !== sdkDate) {
    throw new Error(`The worked example does not sign as @hss-kit/client does:\n  docs:   ${authorization}\n  client: ${client.Authorization}`);
  }
  return { ...example, sdkDate, query, canonicalRequest, canonicalRequestHash, stringToSign, signature, authorization };
}

/** A fenced block whose content cannot close it early. */
const block = (language, text) => `\`\`\`${language}\n${text}\n\`\`\``;
/** A shell single-quoted printf format of `text` (newlines as \n, quotes and % escaped). */
const printfArgument = (text) => `'${text.replace(/%/g, "%%").replace(/\\/g, "\\\\").replace(/'/g, "'\\''").replace(/\n/g, "\\n")}'`;

/**
 * The section's Markdown, for the reference's landing page.
 * @param {{ iamToken: string, akSk: string }} schemes the spec's descriptions of the two security schemes
 */
export async function authenticationMarkdown(schemes) {
  const x = await workedExample();
  const iam = "https://iam.cn-north-4.myhuaweicloud.com";
  return `## Authentication

Every request carries one of two credentials: an **IAM token** in \`X-Auth-Token\` (quick to try
with curl), or an **AK/SK signature** (what automation and Huawei's official SDKs use: no token
to renew, nothing secret on the wire). \`@hss-kit/client\` does either; pass it
\`{ token }\` or \`{ accessKey, secretKey }\`.

### IAM token

${schemes.iamToken.trim()}

With an IAM user's name and password and the account (domain) it belongs to, scoped to the region's
project:

${block("sh", `curl -sS -D - -o /dev/null -X POST "${iam}/v3/auth/tokens" \\
  -H "Content-Type: application/json" \\
  -d '{"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "IAM_USER", "password": "'"$IAM_PASSWORD"'", "domain": {"name": "ACCOUNT_NAME"}}}},
      "scope": {"project": {"name": "cn-north-4"}}}}' \\
  | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p' | tr -d '\\r'`)}

The command prints the token (the \`X-Subject-Token\` response header); \`export HSS_TOKEN=...\`
and every curl sample of this reference runs as shown. A HUAWEI ID cannot get a token this
way: create an IAM user for it.

### Finding the project ID

Every path starts with \`/v5/{project_id}\`: the ID of your project in the region (not the account
ID). The console shows it under *My Credentials* → *API Credentials*; IAM answers it too:

${block("sh", `curl -sS "${iam}/v3/projects?name=cn-north-4" -H "X-Auth-Token: $HSS_TOKEN"
# {"projects": [{"id": "0123456789abcdef0123456789abcdef", "name": "cn-north-4", ...}], ...}`)}

With AK/SK and no project ID, \`@hss-kit/client\` makes this call itself (signed) and remembers the
answer, as the official SDKs do.

### AK/SK signing

${schemes.akSk.trim()}

### A worked signature

Every value below is computed by the docs build and checked against \`@hss-kit/client\`'s signer
(and, by the docs' tests, against Huawei's official Node SDK). The keys are made up.

| input | value |
|---|---|
| access key (AK) | \`${x.accessKey}\` |
| secret key (SK) | \`${x.secretKey}\` |
| time | ${x.date.toISOString()}, so \`X-Sdk-Date: ${x.sdkDate}\` |
| request | \`GET ${x.url}\` |
| project header | \`X-Project-Id: ${x.projectId}\` |

**1. Canonical request**: the path gains its trailing \`/\`, the query is sorted by key, and the
signed headers (\`${x.authorization.match(/SignedHeaders=([^,]+)/)[1]}\`) are listed with their values; the last line is the
SHA-256 of the empty body.

${block("text", x.canonicalRequest)}

Its SHA-256: \`${x.canonicalRequestHash}\`

**2. String to sign**:

${block("text", x.stringToSign)}

**3. Signature**, HMAC-SHA256 of the string to sign under the secret key: \`${x.signature}\`

**4. Headers sent**:

${block("http", `GET ${new URL(x.url).pathname}${new URL(x.url).search} HTTP/1.1
Host: ${new URL(x.url).host}
X-Project-Id: ${x.projectId}
X-Sdk-Date: ${x.sdkDate}
Authorization: ${x.authorization}`)}

To reproduce steps 1 to 3 in a shell:

${block("sh", `printf ${printfArgument(x.canonicalRequest)} | sha256sum
# ${x.canonicalRequestHash}  -
printf ${printfArgument(x.stringToSign)} | openssl dgst -sha256 -hmac '${x.secretKey}'
# SHA2-256(stdin)= ${x.signature}`)}

### Common mistakes

- **Clock skew.** The gateway refuses an \`X-Sdk-Date\` more than 15 minutes from its clock
  (\`401 APIGW.0301\`): keep the machine on NTP, and sign every retry again with a new date.
- **Changing a signed header after signing.** A proxy that rewrites \`Host\`, or code that adds
  \`X-Project-Id\` after signing, breaks the signature: sign exactly what is sent. \`X-Project-Id\` and
  \`X-Security-Token\` (temporary credentials) must be signed.
- **Encoding the query differently.** Spaces are \`%20\`, never \`+\`; \`!'()*\` are escaped too; keys
  are sorted by their decoded text; a key without a value is signed as \`key=\`.
- **Forgetting the trailing \`/\`** of the canonical URI, or signing the decoded path.
- **The wrong project.** A project ID of another region answers \`403\`; the token's scope and the
  path's project must match.
`;
}

/**
 * The spec's description with its section `heading` (such as "Authentication", up to the next
 * "## " heading) replaced by `section`. Throws when the spec has no such section, so a renamed
 * heading cannot silently drop what the docs put there.
 */
export function replaceSection(description, heading, section) {
  const start = description.search(new RegExp(`^## ${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
  if (start === -1) throw new Error(`The spec's info.description has no '## ${heading}' section to replace.`);
  const rest = description.slice(start + 1);
  const next = rest.search(/^## /m);
  const end = next === -1 ? description.length : start + 1 + next;
  return `${description.slice(0, start)}${section.trim()}\n\n${description.slice(end)}`;
}
