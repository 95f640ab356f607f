import { parseArgs } from "node:util";

const usage = `Usage: hss-mock [--port N] [--host ADDRESS] [--spec FILE]
       hss-mock --stateful [--token T] [--project-id ID] [--seed N] [--fault NAME] [--port N] [--host ADDRESS] [--spec FILE]

  (default)        Prism: answers every operation with the spec's examples, refuses invalid requests
  --stateful       seeded records generated from the spec, filtered and paged as HSS does
  --token T        stateful: accept only this X-Auth-Token (default: any non-empty token)
  --project-id ID  stateful: serve only this project; others get 403
  --seed N         stateful: seed of the generated records (default 1)
  --fault NAME     stateful: break one rule of the spec, to prove a contract check catches it

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

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.MOCK_PORT ?? process.env.PORT ?? "4010" },
    host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
    spec: { type: "string" },
    stateful: { type: "boolean", default: false },
    token: { type: "string" },
    "project-id": { type: "string" },
    seed: { type: "string" },
    fault: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = parsePort(values.port);
const statefulOnly = (["token", "project-id", "seed", "fault"] as const).filter((name) => values[name] !== undefined);
if (!values.stateful && statefulOnly.length > 0) fail(`--${statefulOnly[0]} needs --stateful.`);
if (values.token === "") fail("--token must not be empty.");

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
    ...(values.token !== undefined ? { token: values.token } : {}),
    ...(values["project-id"] !== undefined ? { projectId: values["project-id"] } : {}),
    ...(values.seed !== undefined ? { seed: parseSeed(values.seed) } : {}),
    ...(fault !== undefined ? { fault } : {}),
  }).catch(addressInUse);
  console.log(`HSS stateful mock listening on ${mock.url}${fault ? ` (fault planted: ${fault})` : ""}`);
  for (const [name, known] of Object.entries(mock.knownValues)) console.log(`  ${name} with records: ${known.join(", ")}`);
  console.log(`  try: curl -H 'X-Auth-Token: ${values.token === undefined ? "any" : "$TOKEN"}' '${mock.url}/v5/${values["project-id"] ?? "my-project"}/asset/users?part_match=true&user_name=user-name-1'`);
  close = mock.close;
} else {
  // Prism takes about a second to load: only after the arguments are known to be good.
  const { startMock } = await import("./index.js");
  const mock = await startMock({ port, host: values.host, logLevel: "warn", ...(values.spec ? { specPath: values.spec } : {}) }).catch(addressInUse);
  console.log(`HSS mock (Prism) listening on ${mock.url}`);
  console.log(`  try: curl -H 'X-Auth-Token: any' '${mock.url}/v5/my-project/asset/ports?host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac'`);
  close = mock.close;
}
const stop = () => void close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
