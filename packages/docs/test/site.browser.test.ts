// The built site in a real browser, served from loopback: every operation renders fully, search
// and code samples work, the guides and their links work, and not one request leaves the origin.
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledSpecPath, bundledYamlPath, loadModel, type OperationModel } from "@hss-kit/spec";
import { checkSite } from "../scripts/check-offline.mjs";
import { REDOC_REPLACEMENTS } from "../scripts/redoc-offline.mjs";
import { DIST, startDocsServer } from "../scripts/serve.mjs";
import { GUIDES, NAV, referenceHref } from "../scripts/site.mjs";
import { leavingOrigin, openSite, recordedContext, type RecordedContext, type SiteSession } from "./browser.js";

const model = loadModel();
const operations = model.operations.map((operation) => ({ path: operation.path, operation }));
const RESULTS = join(import.meta.dirname, "..", "test-results");

/** The rendered section of one operation, once Redoc has routed to it. */
async function openOperation(page: Page, base: string, operation: OperationModel): Promise<Locator> {
  const href = referenceHref(operation);
  await page.goto(`${base}${href}`);
  const section = page.locator(`[data-section-id="/${href.split("#/")[1]}"]`);
  await section.locator("h2", { hasText: operation.summary }).waitFor();
  return section;
}

/** Picks a language in an operation's code sample panel and returns the code shown. */
async function codeSample(page: Page, section: Locator, language: "TypeScript" | "curl"): Promise<string> {
  const picker = /^(TypeScript|curl)$/;
  const panel = section.locator('[data-component-name="Panel/Panel"]').filter({ has: page.getByRole("button", { name: picker }) });
  const button = panel.getByRole("button", { name: picker });
  if ((await button.innerText()) !== language) {
    await button.click();
    await page.getByRole("menuitem", { name: language, exact: true }).click();
    await expect.poll(() => button.innerText()).toBe(language);
  }
  const code = panel.getByTestId("source-code");
  // Readable without scrolling sideways: nothing hidden past the panel's edge.
  const { scrollWidth, clientWidth } = await code.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
  expect(scrollWidth, `the ${language} sample is wider than its panel`).toBeLessThanOrEqual(clientWidth);
  return code.innerText();
}

describe("the docs site in Chromium", () => {
  let site: SiteSession | undefined;
  let browser: Browser | undefined;
  let server: SiteSession["server"] | undefined;
  let session: RecordedContext;
  let page: Page;
  let origin: string;

  beforeAll(async () => {
    site = await openSite();
    ({ browser, server, origin } = site);
    session = await recordedContext(browser, origin);
    page = await session.context.newPage();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("renders the reference under the site nav, with the bundled spec to download", async () => {
    await page.goto(server!.url);
    await expect.poll(() => page.locator("h1").first().innerText()).toContain(model.title);
    const nav = page.getByRole("navigation", { name: "hss-kit docs" });
    expect(await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual([
      ...NAV.map((n: { href: string }) => n.href),
      "openapi.json",
      "openapi.yaml",
    ]);
    expect(await nav.locator('[aria-current="page"]').innerText()).toBe("API reference");
    // Redoc's own download buttons point at the same files.
    await expect.poll(() => page.locator("#redoc a[download]").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual(
      expect.arrayContaining(["openapi.json", "openapi.yaml"]),
    );
    // What is offered for download is the pure bundled spec, not the docs' copy with samples.
    const json = await page.request.get(`${server!.url}openapi.json`);
    expect(await json.text()).toBe(await readFile(bundledSpecPath, "utf8"));
    const yaml = await page.request.get(`${server!.url}openapi.yaml`);
    expect(await yaml.text()).toBe(await readFile(bundledYamlPath, "utf8"));
  });

  it.each(operations.map(({ path, operation }) => [operation.id, path, operation] as const))(
    "renders %s (%s) with its parameters, responses, examples and code samples",
    async (operationId, path, operation) => {
      const section = await openOperation(page, server!.url, operation);
      const text = await section.innerText();
      expect(text).toContain(path);
      for (const parameter of operation.parameters) {
        expect(text, `parameter ${parameter.name}`).toContain(parameter.name);
        if (parameter.example !== undefined) expect(text, `example of ${parameter.name}`).toContain(String(parameter.example));
      }
      for (const { status } of operation.responses) expect(text, `response ${status}`).toContain(status);
      // The 200 example, as Redoc's JSON viewer shows it.
      const example = operation.responses.find((r) => r.status === "200")!.example as { total_num: number };
      expect(text).toContain(`"total_num": ${example.total_num}`);
      expect(text).toContain('"data_list"');
      // Expanded to the items' fields, not "{ … }".
      const [firstItem] = (example as { data_list?: Record<string, unknown>[] }).data_list ?? [];
      if (firstItem) expect(text, "the 200 example is expanded to its items").toContain(`"${Object.keys(firstItem)[0]}": `);

      const typescript = await codeSample(page, section, "TypeScript");
      expect(typescript).toContain('import { createHssClient } from "@hss-kit/client";');
      expect(typescript).toContain(`await hss.${operationId}(`);
      const curl = await codeSample(page, section, "curl");
      expect(curl).toContain(`curl -sS "https://hss.cn-north-4.myhuaweicloud.com${path.split("{")[0]}`);
      expect(curl).toContain('-H "X-Auth-Token: $HSS_TOKEN"');
      await codeSample(page, section, "TypeScript");
      if (operationId === "listPorts") await page.screenshot({ path: join(RESULTS, "reference-listPorts.png") });
    },
  );

  it("finds the ports operation with Redoc's search", async () => {
    await page.goto(server!.url);
    await page.getByTestId("search-trigger").click();
    const dialog = page.getByTestId("search-dialog");
    await dialog.getByRole("textbox").fill("ports");
    const first = dialog.locator('[data-component-name="Search/SearchItem"]').first();
    await expect.poll(() => first.innerText()).toContain("List the open ports of a server");
    await first.click();
    await expect.poll(() => new URL(page.url()).hash).toBe("#/asset-management/listports");
    await page.locator('[data-section-id="/asset-management/listports"]').waitFor();
  });

  it.each(GUIDES.map((g: { file: string; title: string }) => [g.file, g.title]))(
    "renders the guide %s, and every link on it works",
    async (file, title) => {
      await page.goto(`${server!.url}${file}`);
      expect(await page.locator("h1").innerText()).toBe(title);
      expect(await page.locator('.site-nav [aria-current="page"]').getAttribute("href")).toBe(file);
      const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      expect(hrefs.length).toBeGreaterThan(5);
      await page.screenshot({ path: join(RESULTS, file.replace(".html", ".png")), fullPage: true });

      let reference: Page | undefined;
      for (const href of new Set(hrefs)) {
        const target = new URL(href, `${server!.url}${file}`);
        expect(target.origin, `${href} leaves the site`).toBe(origin);
        if (target.pathname === `/${file}` && target.hash) {
          expect(await page.locator(`[id="${target.hash.slice(1)}"]`).count(), `anchor ${href}`).toBe(1);
          continue;
        }
        const response = await page.request.get(target.href);
        expect(response.status(), href).toBe(200);
        if (target.hash.startsWith("#/")) {
          // A link into the reference must land on the operation it names. One page serves
          // them all: between links only the hash changes, so Redoc routes without reloading.
          reference ??= await session.context.newPage();
          await reference.goto(target.href);
          const route = target.hash.slice(2);
          // A section of the landing page is a heading with the route as its id; an operation, a section element.
          await (route.startsWith("section/")
            ? reference.locator(`[id="${route}"]`).waitFor()
            : reference.locator(`[data-section-id="/${route}"] h2`).waitFor());
        } else if (target.hash) {
          const html = await response.text();
          expect(html, `anchor ${href}`).toContain(`id="${target.hash.slice(1)}"`);
        }
      }
      await reference?.close();
    },
  );

  it("sent no request beyond its own origin", () => {
    for (const [level, urls] of [["page", session.pageRequests], ["context", session.contextRequests]] as const) {
      expect(urls.length, `${level}-level requests recorded`).toBeGreaterThan(0);
      expect(leavingOrigin(urls, origin), `${level}-level requests that left ${origin}`).toEqual([]);
    }
    const paths = [...new Set(session.contextRequests.map((url) => new URL(url).pathname))].sort();
    console.info(
      `Network: ${session.contextRequests.length} requests (context level), ${session.pageRequests.length} (page level), ` +
        `all to ${origin}: ${paths.join(" ")}`,
    );
  });

  it("catches a request that leaves the origin, planted into a copy of the site", async () => {
    const planted = await mkdtemp(join(tmpdir(), "hss-docs-planted-"));
    const logo = REDOC_REPLACEMENTS[0]!;
    const built = await readFile(join(DIST, "index.html"), "utf8");
    const bodyEnd = built.lastIndexOf("</body>");
    const html = (built.slice(0, bodyEnd) + '<img src="https://images.hss-kit.invalid/planted.png" alt="">' + built.slice(bodyEnd))
      // Undo the logo's localization, as a Redoc upgrade with a new logo URL would, and plant a
      // CDN script and (above) a remote image, as a careless template edit would.
      .replace(logo.to, () => logo.from)
      .replace("</head>", '<script src="https://cdn.hss-kit.invalid/planted.js"></script></head>');
    await writeFile(join(planted, "index.html"), html);
    await copyFile(join(DIST, "site.css"), join(planted, "site.css"));
    const server2 = await startDocsServer({ root: planted, port: 0 });
    const trap = await recordedContext(browser!, new URL(server2.url).origin);
    try {
      const plantedPage = await trap.context.newPage();
      await plantedPage.goto(server2.url);
      const expected = [logo.from, "https://cdn.hss-kit.invalid/planted.js", "https://images.hss-kit.invalid/planted.png"].sort();
      const plantedOrigin = new URL(server2.url).origin;
      await expect.poll(() => leavingOrigin(trap.contextRequests, plantedOrigin).sort()).toEqual(expected);
      await expect.poll(() => leavingOrigin(trap.pageRequests, plantedOrigin).sort()).toEqual(expected);
      // The static check flags the same three.
      expect((await checkSite(planted)).problems.map((p: { url: string }) => p.url).sort()).toEqual(expected);
    } finally {
      await trap.context.close();
      await server2.close();
      await rm(planted, { recursive: true, force: true });
    }
  });
});
