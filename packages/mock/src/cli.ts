import { parseArgs } from "node:util";
import { readKeyFile } from "./auth/credentials.js";
import { parseRateLimit } from "./throttle.js";

const usage = `Usage: hss-mock [credentials] [--port N] [--host ADDRESS] [--spec FILE]
       hss-mock --stateful [credentials] [--project-id ID [--other-project-id ID --other-token T]] [--seed N] [--records N]
                [--fault NAME] [--rate-limit [N/WINDOW]] [--retry-after] [--port N] [--host ADDRESS] [--spec FILE]

  (default)        Prism: answers every operation with the spec's examples, refuses invalid requests
  --stateful       seeded records generated from the spec, filtered and paged as HSS does
  --project-id ID  stateful: the project the credentials belong to; others get 403
  --other-project-id ID --other-token T
                   stateful: a second project, with a token of its own that reads only its records
  --seed N         stateful: seed of the generated records (default 1)
  --records N      stateful: records per operation (and per task or server), 1 to 20000 (default 240)
  --fault NAME     stateful: break one rule of the spec, to prove a contract check catches it
  --rate-limit [N/WINDOW]
                   stateful: throttle as HSS's API gateway does: per credential and operation, the
                   spec's limit (5 a minute), or N in WINDOW (5/2s, 5/1m, 5/500ms) to see it in
                   seconds; over it, 429 APIGW.0308 with the gateway's body and X-Request-Id
  --retry-after    with --rate-limit: send Retry-After on a 429 (the gateway is not known to)

Credentials (without any, every non-empty token or Authorization header is accepted):
  --token T        accept only this X-Auth-Token
  --access-key AK --secret-key SK
                   accept only requests signed with this key pair (SDK-HMAC-SHA256, X-Sdk-Date
                   within 15 minutes, every signed header present); or HUAWEICLOUD_SDK_AK and
                   HUAWEICLOUD_SDK_SK
  --keys-file FILE accept the key pairs of FILE: "ACCESS_KEY SECRET_KEY" per line, or a JSON object

Port and address default to MOCK_PORT or PORT, and HOST: port 4010 on 127.0.0.1.`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

function parsePort(raw: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  return port >= 0 && port <= 65535 ? port : fail(`--port must be an integer from 0 to 65535; got ${JSON.stringify(raw)}.`);
}

function parseSeed(raw: string): number {
  return /^\d{1,10}$/.test(raw) && Number(raw) <= 2 ** 32 - 1 ? Number(raw) : fail(`--seed must be an integer from 0 to 4294967295; got ${JSON.stringify(raw)}.`);
}

// `--rate-limit` alone means the spec's limit: give parseArgs the value it would otherwise want.
const argv = process.argv.slice(2).flatMap((arg, index, all) =>
  arg === "--rate-limit" && (index + 1 === all.length || all[index + 1]!.startsWith("--")) ? [arg, "spec"] : [arg]);

const { values } = parseArgs({
  args: argv,
  options: {
    port: { type: "string", default: process.env.MOCK_PORT ?? process.env.PORT ?? "4010" },
    host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
    spec: { type: "string" },
    stateful: { type: "boolean", default: false },
    token: { type: "string" },
    "access-key": { type: "string" },
    "secret-key": { type: "string" },
    "keys-file": { type: "string" },
    "project-id": { type: "string" },
    "other-project-id": { type: "string" },
    "other-token": { type: "string" },
    seed: { type: "string" },
    fault: { type: "string" },
    records: { type: "string" },
    "rate-limit": { type: "string" },
    "retry-after": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = parsePort(values.port);
const statefulOnly = (["project-id", "other-project-id", "other-token", "seed", "fault", "records", "rate-limit"] as const).filter((name) => values[name] !== undefined);
if (!values.stateful && statefulOnly.length > 0) fail(`--${statefulOnly[0]} needs --stateful.`);
if (values["retry-after"] && values["rate-limit"] === undefined) fail("--retry-after needs --rate-limit.");

function parseRecords(raw: string): number {
  return /^\d{1,5}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 20_000 ? Number(raw) : fail(`--records must be an integer from 1 to 20000; got ${JSON.stringify(raw)}.`);
}

/** The throttle from --rate-limit and --retry-after: the spec's limit, or the one given. */
function rateLimitOf(raw: string | undefined) {
  if (raw === undefined) return undefined;
  const retryAfter = values["retry-after"];
  if (raw === "spec") return { retryAfter };
  try {
    return { perCredential: parseRateLimit(raw), retryAfter };
  } catch (error) {
    return fail(`--rate-limit: ${(error as Error).message}`);
  }
}
const rateLimit = rateLimitOf(values["rate-limit"]);
if (values.token === "") fail("--token must not be empty.");
if ((values["other-project-id"] === undefined) !== (values["other-token"] === undefined)) fail("--other-project-id and --other-token go together.");
if (values["other-token"] === "") fail("--other-token must not be empty.");
if (values["other-project-id"] !== undefined && values["project-id"] === undefined) fail("--other-project-id needs --project-id.");

/** The key pairs from the flags, the environment and the key file; never echoed. */
function keysOf(): Map<string, string> | undefined {
  const accessKey = values["access-key"] ?? process.env.HUAWEICLOUD_SDK_AK;
  const secretKey = values["secret-key"] ?? process.env.HUAWEICLOUD_SDK_SK;
  if ((accessKey === undefined) !== (secretKey === undefined)) fail("--access-key and --secret-key go together (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK).");
  if (accessKey === "" || secretKey === "") fail("--access-key and --secret-key must not be empty.");
  const keys = new Map<string, string>();
  if (accessKey !== undefined && secretKey !== undefined) keys.set(accessKey, secretKey);
  if (values["keys-file"] !== undefined) {
    try {
      for (const [ak, sk] of readKeyFile(values["keys-file"])) keys.set(ak, sk);
    } catch (error) {
      fail(`--keys-file: ${(error as Error).message}`);
    }
  }
  return keys.size > 0 ? keys : undefined;
}

const keys = keysOf();
const credentials = { ...(values.token !== undefined ? { token: values.token } : {}), ...(keys ? { keys } : {}) };
const accepts = values.token !== undefined || keys
  ? `accepting ${[values.token !== undefined ? "one token" : "", keys ? `${keys.size} key pair(s)` : ""].filter(Boolean).join(" and ")}`
  : "accepting any non-empty credentials";

/**
 * A request to try, as a line that runs when pasted into a POSIX shell: the URL in single quotes,
 * a token the mock was given as `$HSS_TOKEN` in double quotes (so the shell expands it; the token
 * itself is never printed), any token when the mock accepts any. A mock that accepts only signed
 * requests gets no curl line, which cannot sign, but says what can.
 */
function tryLine(url: string): string {
  if (values.token !== undefined) return `  try: curl -H "X-Auth-Token: $HSS_TOKEN" '${url}'   (with HSS_TOKEN set to the --token value)`;
  if (keys) return "  try: sign each request with the key pair (SDK-HMAC-SHA256), as @hss-kit/client does; curl cannot sign (add --token T to try it with curl)";
  return `  try: curl -H 'X-Auth-Token: any' '${url}'`;
}

const addressInUse = (error: NodeJS.ErrnoException): never => {
  if (error.code !== "EADDRINUSE") throw error;
  return fail(`Port ${port} is already in use: set MOCK_PORT (or --port) to another port.`);
};

let close: () => Promise<void>;
if (values.stateful) {
  const { FAULTS, isFault, startStatefulMock } = await import("./stateful/index.js");
  const fault = values.fault;
  if (fault !== undefined && !isFault(fault)) fail(`--fault must be one of ${Object.keys(FAULTS).join(", ")}; got ${JSON.stringify(fault)}.`);
  const mock = await startStatefulMock({
    port,
    host: values.host,
    ...(values.spec ? { specPath: values.spec } : {}),
    ...credentials,
    ...(values["project-id"] !== undefined ? { projectId: values["project-id"] } : {}),
    ...(values["other-project-id"] !== undefined && values["other-token"] !== undefined
      ? { otherProject: { projectId: values["other-project-id"], token: values["other-token"] } }
      : {}),
    ...(values.seed !== undefined ? { seed: parseSeed(values.seed) } : {}),
    ...(fault !== undefined ? { fault } : {}),
    ...(values.records !== undefined ? { records: parseRecords(values.records) } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  }).catch(addressInUse);
  console.log(`HSS stateful mock listening on ${mock.url}, ${accepts}${fault ? ` (fault planted: ${fault})` : ""}`);
  if (rateLimit) console.log(`  throttling: ${mock.rateLimit}`);
  for (const [name, known] of Object.entries(mock.knownValues)) console.log(`  ${name} with records: ${known.join(", ")}`);
  console.log(tryLine(`${mock.url}/v5/${values["project-id"] ?? "my-project"}/asset/users?part_match=true&user_name=user-name-1&limit=20&offset=0`));
  close = mock.close;
} else {
  // Prism takes about a second to load: only after the arguments are known to be good.
  const { startMock } = await import("./index.js");
  const mock = await startMock({ port, host: values.host, logLevel: "warn", ...credentials, ...(values.spec ? { specPath: values.spec } : {}) }).catch(addressInUse);
  console.log(`HSS mock (Prism) listening on ${mock.url}, ${accepts}`);
  console.log(tryLine(`${mock.url}/v5/my-project/asset/ports?host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac`));
  console.log("  (Prism answers with the spec's examples; filters and pages need hss-mock --stateful)");
  close = mock.close;
}
const stop = () => void close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
