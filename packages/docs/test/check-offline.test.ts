import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkSite, cssFindings, htmlFindings, scriptFindings } from "../scripts/check-offline.mjs";
import { REDOC_REPLACEMENTS, localizeRedoc } from "../scripts/redoc-offline.mjs";
import { DIST } from "../scripts/serve.mjs";

const run = promisify(execFile);
const checker = join(import.meta.dirname, "..", "scripts", "check-offline.mjs");
const urls = (findings: { url: string }[]) => findings.map((f) => f.url);

describe("the offline check", () => {
  it("catches remote scripts, images, stylesheets, CSS url() and web fonts in HTML", () => {
    const html = `<!DOCTYPE html><html><head>
      <script src="https://cdn.example.com/redoc.standalone.js"></script>
      <link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">
      <link rel="preload" href="https://cdn.example.com/font.woff2" as="font">
      <link rel="icon" href="http://example.com/favicon.ico">
      <style>
        @import url("https://example.com/theme.css");
        @font-face { font-family: Montserrat; src: url(https://fonts.gstatic.com/s/montserrat.woff2) format("woff2"); }
        .hero { background: url('https://example.com/hero.png'); }
      </style>
    </head><body>
      <img src="http://example.com/logo.png" alt="">
      <img srcset="local.png 1x, https://example.com/logo@2x.png 2x">
      <div style="background-image: url(https://example.com/bg.jpg)"></div>
      <svg><use href="https://example.com/sprite.svg#icon"></use></svg>
      <iframe src="https://example.com/embed"></iframe>
    </body></html>`;
    const findings = htmlFindings(html);
    expect(findings.map((f) => [f.what, f.url])).toEqual(
      expect.arrayContaining([
        ["<script src>", "https://cdn.example.com/redoc.standalone.js"],
        ['<link rel="stylesheet">', "//fonts.googleapis.com/css?family=Roboto"],
        ['<link rel="preload">', "https://cdn.example.com/font.woff2"],
        ['<link rel="icon">', "http://example.com/favicon.ico"],
        ["CSS @import", "https://example.com/theme.css"],
        ["web font (@font-face)", "https://fonts.gstatic.com/s/montserrat.woff2"],
        ["CSS url()", "https://example.com/hero.png"],
        ["<img src>", "http://example.com/logo.png"],
        ["<img srcset>", "https://example.com/logo@2x.png"],
        ["CSS url() in <div style>", "https://example.com/bg.jpg"],
        ["<use href>", "https://example.com/sprite.svg#icon"],
        ["<iframe src>", "https://example.com/embed"],
      ]),
    );
    expect(findings).toHaveLength(12);
  });

  it("allows links, local and inline resources", () => {
    const html = `<html><head>
      <link rel="stylesheet" href="site.css"><link rel="icon" href="data:,">
      <link rel="canonical" href="https://docs.example.com/">
      <style>.x { background: url(img/a.png) } .y { mask: url("data:image/svg+xml,%3Csvg%3E") }</style>
    </head><body>
      <a href="https://redocly.com/redoc/">API docs by Redocly</a>
      <a href="openapi.json" download>openapi.json</a>
      <img src="data:image/png;base64,AAAA"><img src="logo.svg">
      <script>const docs = "https://redocly.com/docs/cli/"; const api = "https://hss.cn-north-4.myhuaweicloud.com";</script>
    </body></html>`;
    expect(htmlFindings(html)).toEqual([]);
  });

  it("catches asset URLs and remote imports inside scripts, as Redoc's bundle has them", () => {
    const redocLogo = "(0,V.jsx)(`img`,{alt:`redocly logo`,src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`x`})";
    expect(urls(scriptFindings(redocLogo))).toEqual(["https://cdn.redoc.ly/redoc/logo-mini-full.svg"]);
    expect(urls(scriptFindings('import { hydrate } from "https://cdn.redocly.com/redoc/v2/bundles/redoc.standalone.js";'))).toEqual([
      "https://cdn.redocly.com/redoc/v2/bundles/redoc.standalone.js",
    ]);
    expect(urls(scriptFindings('new Worker("https://example.com/search-worker")'))).toEqual(["https://example.com/search-worker"]);
    expect(urls(scriptFindings('const base = "https://cdn.redocly.com/icons/fa/7.0.0";'))).toEqual(["https://cdn.redocly.com/icons/fa/7.0.0"]);
    expect(scriptFindings('const link = "https://react.dev/errors/"; const ns = "http://www.w3.org/2000/svg";')).toEqual([]);
  });

  it("catches a Redoc page whose telemetry is on", () => {
    const page = (options: string) => `<script type="module">\n      const __redoc_options = ${options};\n</script>`;
    expect(htmlFindings(page('{"skipBundle":true,"disableTelemetry":true}'))).toEqual([]);
    expect(htmlFindings(page('{"skipBundle":true}')).map((f) => f.what)).toEqual([
      "Redoc telemetry is on (set `telemetry: off` in redocly.yaml)",
    ]);
  });

  it("checks CSS files on their own", () => {
    expect(cssFindings("@import 'https://example.com/a.css'; @import url(//example.com/b.css); body { font: 1em system-ui }")).toEqual([
      { index: 0, what: "CSS @import", url: "https://example.com/a.css" },
      { index: 37, what: "CSS @import", url: "//example.com/b.css" },
    ]);
  });

  describe("on a site folder", () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), "hss-docs-offline-"));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("names the file and line of every planted reference, and `pnpm lint` fails on them", async () => {
      await mkdir(join(dir, "css"));
      await writeFile(join(dir, "index.html"), '<html>\n<body>\n<script src="https://cdn.example.com/x.js"></script>\n<img src="http://example.com/a.png">\n</body></html>\n');
      await writeFile(join(dir, "css", "site.css"), "body {}\n@font-face { font-family: F; src: url(https://example.com/f.woff2); }\n.a { background: url(https://example.com/b.png) }\n");
      await writeFile(join(dir, "openapi.json"), '{"servers":[{"url":"https://hss.example.com/logo.png"}]}');

      const { checked, problems } = await checkSite(dir);
      expect(checked).toBe(2);
      expect(problems).toEqual([
        { file: join("css", "site.css"), line: 2, what: "web font (@font-face)", url: "https://example.com/f.woff2" },
        { file: join("css", "site.css"), line: 3, what: "CSS url()", url: "https://example.com/b.png" },
        { file: "index.html", line: 3, what: "<script src>", url: "https://cdn.example.com/x.js" },
        { file: "index.html", line: 4, what: "<img src>", url: "http://example.com/a.png" },
      ].sort((a, b) => a.file.localeCompare(b.file)));

      const failed = await run(process.execPath, [checker, dir]).catch((error) => error);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain("4 remote fetchable reference(s)");
      expect(failed.stderr).toContain("index.html:3: <script src> https://cdn.example.com/x.js");
    });

    it("fails on an empty folder rather than passing vacuously", async () => {
      const failed = await run(process.execPath, [checker, dir]).catch((error) => error);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain("Run `pnpm build` first");
    });
  });

  it("passes on the built site", async () => {
    expect(existsSync(join(DIST, "index.html")), "dist/ is missing: run `pnpm build` first").toBe(true);
    const { checked, problems } = await checkSite(DIST);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(4);
    const { stdout } = await run(process.execPath, [checker]);
    expect(stdout).toContain("Offline check passed");
  });
});

describe("localizing Redoc's remote assets", () => {
  it("replaces each known remote asset exactly once, leaving nothing for the check to find", async () => {
    const page = await readFile(join(DIST, "index.html"), "utf8");
    for (const { from } of REDOC_REPLACEMENTS) expect(page).not.toContain(from);
    const unpatched = `<script>${REDOC_REPLACEMENTS.map(({ from }) => `"${from}"`).join(";")}</script>`;
    expect(htmlFindings(unpatched)).toHaveLength(REDOC_REPLACEMENTS.length);
    expect(htmlFindings(localizeRedoc(unpatched))).toEqual([]);
  });

  it("fails the build when Redoc changes under it", () => {
    const [logo] = REDOC_REPLACEMENTS;
    expect(() => localizeRedoc("<html></html>", [logo])).toThrow(/found it 0 times/);
    expect(() => localizeRedoc(`${logo!.from} ${logo!.from}`, [logo])).toThrow(/found it 2 times/);
  });
});
