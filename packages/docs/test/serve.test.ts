import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DocsServerError, portFromEnv, startDocsServer } from "../scripts/serve.mjs";

const serveScript = join(import.meta.dirname, "..", "scripts", "serve.mjs");

describe("the docs server", () => {
  let root: string;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "hss-docs-serve-"));
    await writeFile(join(root, "index.html"), "<h1>reference</h1>");
    await writeFile(join(root, "site.css"), "body {}");
    await writeFile(join(root, "openapi.yaml"), "openapi: 3.1.0\n");
    server = await startDocsServer({ root, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("serves the site on 127.0.0.1 with content types", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toBe("<h1>reference</h1>");
    expect((await fetch(`${server.url}site.css`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect((await fetch(`${server.url}openapi.yaml`)).headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    const head = await fetch(`${server.url}index.html`, { method: "HEAD" });
    expect([head.status, await head.text()]).toEqual([200, ""]);
  });

  it("answers 404 for missing files and for paths that try to leave the site folder", async () => {
    expect((await fetch(`${server.url}nope.html`)).status).toBe(404);
    // fetch() would fold a plain `..` itself; an encoded one reaches the server as sent. Were
    // it followed, this would climb out and back into the site folder and find index.html.
    expect((await fetch(`${server.url}%2e%2e/${root.split("/").pop()}/index.html`)).status).toBe(404);
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.url}%E0%A4%A`)).status).toBe(404);
  });

  it("refuses anything but GET and HEAD", async () => {
    expect((await fetch(server.url, { method: "POST" })).status).toBe(405);
  });

  it("names the port and the variable to change when the port is busy", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const { port } = blocker.address() as { port: number };
    try {
      const error = await startDocsServer({ root, port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocsServerError);
      expect((error as Error).message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect((error as Error).message).toContain("DOCS_PORT");
    } finally {
      blocker.close();
    }
  });

  it("tells to run `pnpm build` when the site is not built", async () => {
    const empty = await mkdtemp(join(tmpdir(), "hss-docs-empty-"));
    try {
      await expect(startDocsServer({ root: empty, port: 0 })).rejects.toThrow(/Run `pnpm build` first/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("takes its port from DOCS_PORT, then PORT, then 8080", () => {
    expect(portFromEnv({})).toBe(8080);
    expect(portFromEnv({ PORT: "3000" })).toBe(3000);
    expect(portFromEnv({ PORT: "3000", DOCS_PORT: "9000" })).toBe(9000);
    expect(() => portFromEnv({ DOCS_PORT: "web" })).toThrow('DOCS_PORT must be a port number from 0 to 65535; got "web".');
  });
});

describe("`pnpm start`", () => {
  it("prints where the docs are and serves them until stopped", async () => {
    const child = spawn(process.execPath, [serveScript], {
      env: { ...process.env, DOCS_PORT: "0", PORT: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const [line] = (await once(child.stdout!, "data")) as [Buffer];
      const match = /^HSS docs at (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(line.toString());
      expect(match, `unexpected output: ${line}`).not.toBeNull();
      const page = await fetch(match![1]!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("HSS v5 API reference");
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });

  it("exits with a clear message when its port is taken", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const { port } = blocker.address() as { port: number };
    try {
      const child = spawn(process.execPath, [serveScript], { env: { ...process.env, DOCS_PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr!.on("data", (chunk) => (stderr += chunk));
      const [code] = await once(child, "exit");
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use. Set DOCS_PORT (or PORT) to another port`);
    } finally {
      blocker.close();
    }
  });
});
