// `--dry-run`: the request the client would send, as a shell command that sends it. The client
// builds the request (its URL, its headers, what it signs) and hands it to a fetch that never
// sends; secrets are written as shell variables, never as values.

/** The environment variables a dry run refers to instead of the secrets they hold. */
export const SECRET_VARIABLES = {
  token: "HSS_TOKEN",
  accessKey: "HUAWEICLOUD_SDK_AK",
  secretKey: "HUAWEICLOUD_SDK_SK",
  securityToken: "HUAWEICLOUD_SDK_SECURITY_TOKEN",
} as const;

/** Quotes a value for POSIX shells: nothing inside single quotes is expanded. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Headers whose values are secrets, written as shell variables. */
const SECRET_HEADERS: Readonly<Record<string, string>> = {
  "x-auth-token": SECRET_VARIABLES.token,
  "x-security-token": SECRET_VARIABLES.securityToken,
};

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Percent-encodes as SDK-HMAC-SHA256 canonicalises: RFC 3986 unreserved kept, upper-case %XX over UTF-8. */
function encode(raw: string): string {
  return [...new TextEncoder().encode(raw)]
    .map((byte) => (UNRESERVED.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");
}

function canonicalUri(url: URL): string {
  const path = url.pathname.split("/").map((segment) => encode(decodeURIComponent(segment))).join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams];
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pairs.sort(([ka, va], [kb, vb]) => order(ka, kb) || order(va, vb));
  return pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&");
}

/** SHA-256 of an empty body, which every GET signs. */
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * The request as a curl command. With a token, the token header reads `$HSS_TOKEN`. A signed
 * request is signed again by the script, with openssl, from `$HUAWEICLOUD_SDK_AK` and
 * `$HUAWEICLOUD_SDK_SK` and a fresh date, over the headers the client signed: the printed
 * signature would expire in 15 minutes and is as good as a credential until then.
 */
export function toCurl(request: Request, comment: string): string {
  const url = new URL(request.url);
  const headers = [...request.headers].filter(([name]) => name !== "authorization" && name !== "x-sdk-date");
  const secret = (name: string) => SECRET_HEADERS[name];
  const headerFlags = headers.map(([name, value]) => `-H ${secret(name) ? `"${name}: $${secret(name)}"` : shellQuote(`${name}: ${value}`)}`);
  const lines = [`# ${comment}`];
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const signed = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1]?.split(";") ?? ["host", "x-sdk-date"];
    const canonicalHeaders = signed.map((name) => {
      if (name === "host") return shellQuote(`host:${url.host}`);
      if (name === "x-sdk-date") return `"x-sdk-date:$date"`;
      const value = request.headers.get(name) ?? "";
      return secret(name) ? `"${name}:$${secret(name)}"` : shellQuote(`${name}:${value.trim()}`);
    });
    lines.push(
      `# Signed with SDK-HMAC-SHA256 from $${SECRET_VARIABLES.accessKey} and $${SECRET_VARIABLES.secretKey} (needs openssl).`,
      `date=$(date -u +%Y%m%dT%H%M%SZ)`,
      `canonical=$(printf '%s\\n' GET ${shellQuote(canonicalUri(url))} ${shellQuote(canonicalQuery(url)) || "''"} ${canonicalHeaders.join(" ")} '' ${shellQuote(signed.join(";"))} ${EMPTY_BODY_SHA256})`,
      `hashed=$(printf '%s' "$canonical" | openssl dgst -sha256 -r | cut -d' ' -f1)`,
      `signature=$(printf 'SDK-HMAC-SHA256\\n%s\\n%s' "$date" "$hashed" | openssl dgst -sha256 -r -hmac "$${SECRET_VARIABLES.secretKey}" | cut -d' ' -f1)`,
    );
    headerFlags.push(`-H "X-Sdk-Date: $date"`, `-H "Authorization: SDK-HMAC-SHA256 Access=$${SECRET_VARIABLES.accessKey}, SignedHeaders=${signed.join(";")}, Signature=$signature"`);
  }
  lines.push(["curl", "--fail-with-body", "-sS", ...headerFlags, shellQuote(request.url)].join(" "));
  return `${lines.join("\n")}\n`;
}
