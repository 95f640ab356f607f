// Serves the built docs site (dist/) on 127.0.0.1. `pnpm start` / `pnpm docs` run it from the
// command line; the browser test imports startDocsServer and serves the same files on port 0.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
export const DEFAULT_PORT = 8080;

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** Why the server cannot start, worded for the person who ran `pnpm start`. */
export class DocsServerError extends Error {
  name = "DocsServerError";
}

async function fileFor(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  // normalize() on a rooted path folds every `..`, so the result cannot climb out of root.
  let path = join(root, normalize(`/${decoded}`));
  let info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    path = join(path, "index.html");
    info = await stat(path).catch(() => undefined);
  }
  return info?.isFile() ? path : undefined;
}

function handler(root) {
  return async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      response.end("Method not allowed\n");
      return;
    }
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    const file = await fileFor(root, pathname);
    if (!file) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(`Not found: ${pathname}\n`);
      return;
    }
    // No caching: this server is for previewing a build that may change under it.
    response.writeHead(200, {
      "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-store",
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  };
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 picks a free port). Resolves to the URL and a close()
 * that also drops kept-alive connections, so a test never waits on an idle browser socket.
 */
export async function startDocsServer({ root = DIST, port = DEFAULT_PORT } = {}) {
  const absoluteRoot = resolve(root);
  const index = await stat(join(absoluteRoot, "index.html")).catch(() => undefined);
  if (!index?.isFile()) {
    throw new DocsServerError(`No built docs site in ${absoluteRoot} (index.html is missing). Run \`pnpm build\` first.`);
  }
  const server = createServer(handler(absoluteRoot));
  await new Promise((resolveListen, rejectListen) => {
    server.once("error", (error) => {
      if (error.code === "EADDRINUSE") {
        rejectListen(new DocsServerError(
          `Port ${port} on 127.0.0.1 is already in use. Set DOCS_PORT (or PORT) to another port, e.g. DOCS_PORT=8081 pnpm start.`,
        ));
      } else {
        rejectListen(error);
      }
    });
    server.listen(port, "127.0.0.1", resolveListen);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const close = () =>
    new Promise((resolveClose) => {
      server.close(() => resolveClose());
      server.closeAllConnections();
    });
  return { url, close };
}

/** The port to listen on: DOCS_PORT, else PORT, else 8080. */
export function portFromEnv(env = process.env) {
  const [name, raw] = env.DOCS_PORT ? ["DOCS_PORT", env.DOCS_PORT] : env.PORT ? ["PORT", env.PORT] : [undefined, undefined];
  if (name === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DocsServerError(`${name} must be a port number from 0 to 65535; got ${JSON.stringify(raw)}.`);
  }
  return port;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { url, close } = await startDocsServer({ port: portFromEnv() });
    console.log(`HSS docs at ${url}`);
    const stop = () => void close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (error) {
    console.error(error instanceof DocsServerError ? error.message : error);
    process.exit(1);
  }
}
