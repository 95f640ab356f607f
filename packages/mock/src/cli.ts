import { parseArgs } from "node:util";

const usage = "Usage: hss-mock [--port N] [--host ADDRESS] [--spec FILE]  (defaults from MOCK_PORT or PORT, and HOST; port 4010 on 127.0.0.1)";

function parsePort(raw: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    console.error(`--port must be an integer from 0 to 65535; got ${JSON.stringify(raw)}.\n${usage}`);
    process.exit(2);
  }
  return port;
}

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.MOCK_PORT ?? process.env.PORT ?? "4010" },
    host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
    spec: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = parsePort(values.port);
// Prism takes about a second to load: only after the arguments are known to be good.
const { startMock } = await import("./index.js");
const mock = await startMock({
  port,
  host: values.host,
  logLevel: "warn",
  ...(values.spec ? { specPath: values.spec } : {}),
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== "EADDRINUSE") throw error;
  console.error(`Port ${port} is already in use: set MOCK_PORT (or --port) to another port.`);
  process.exit(2);
});
console.log(`HSS mock (Prism) listening on ${mock.url}`);
console.log(`  try: curl -H 'X-Auth-Token: any' '${mock.url}/v5/my-project/asset/ports?host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac'`);
const stop = () => void mock.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
