// The site as readers use it, in Chromium at a desktop and a phone width, light and dark:
// axe-core finds no serious or critical violation, no page scrolls sideways, every same-site link
// works when opened on its own (and would under a sub-path), the skip link reaches the content,
// search snippets show whole words, and the Authentication section shows the worked signature.
import { readFileSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDocument, loadModel } from "@hss-kit/spec";
import { workedExample } from "../scripts/authentication.mjs";
import { referenceDocument } from "../scripts/reference-document.mjs";
import { DIST, startDocsServer } from "../scripts/serve.mjs";
import { GUIDES, referenceHref } from "../scripts/site.mjs";
import { openSite, type SiteSession } from "./browser.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const RESULTS = join(import.meta.dirname, "..", "test-results");
const model = loadModel();
const firstOperation = model.operations[0]!;
/** Every page of the site: the landing page, one operation, the guides. */
const PAGES = [
  { name: "landing", path: "" },
  { name: `operation-${firstOperation.id}`, path: referenceHref(firstOperation) },
  ...GUIDES.map((g: { file: string }) => ({ name: g.file.replace(".html", ""), path: g.file })),
];
const WIDTHS = [1440, 390] as const;

/** Every string of a JSON value: property names and values, at any depth. */
function textsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([key, entry]) => [key, ...textsOf(entry)]);
  return [];
}

/** Opens `path` and waits until Redoc (or the guide) has rendered. */
async function open(page: Page, base: string, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  // Deep in the reference, Redoc renders the routed section, not necessarily the page's title.
  if (path.includes("#/")) await page.locator(`[data-section-id="/${path.split("#/")[1]}"] h2`).first().waitFor();
  else await page.locator("h1").first().waitFor();
}

/** axe-core's serious and critical violations on the page, one line each. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) on ${v.nodes.length} element(s), such as ${v.nodes[0]?.target.join(" ")}`);
}

/** Same-site links on the page that would break when opened on their own or under a sub-path. */
async function linkProblems(page: Page, origin: string): Promise<{ problems: string[]; checked: string[] }> {
  const hrefs = [...new Set(await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!)))];
  const problems: string[] = [];
  const checked: string[] = [];
  for (const href of hrefs) {
    const target = new URL(href, page.url());
    if (target.origin !== origin) continue;
    checked.push(href);
    if (href.startsWith("/")) problems.push(`${href}: absolute, so it leaves the site's folder under a sub-path`);
    const response = await page.request.get(target.href);
    if (response.status() !== 200) problems.push(`${href}: ${response.status()} when opened on its own`);
  }
  return { problems, checked };
}

describe("the docs site for readers, in Chromium", () => {
  let site: SiteSession | undefined;
  let browser: Browser | undefined;
  let server: SiteSession["server"] | undefined;
  let origin: string;

  beforeAll(async () => {
    site = await openSite();
    ({ browser, server, origin } = site);
  });

  afterAll(async () => {
    await site?.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of WIDTHS) {
      it(`at ${width} px, ${colorScheme}: no serious or critical axe-core violation, no sideways scroll, on every page`, async () => {
        const context = await browser!.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await context.newPage();
        const report: Record<string, string[]> = {};
        try {
          for (const { name, path } of PAGES) {
            await open(page, server!.url, path);
            if (colorScheme === "light") await page.screenshot({ path: join(RESULTS, `${name}-${width}.png`) });
            report[name] = await axeProblems(page);
            const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
            if (scrollWidth > width) report[name]!.push(`the page is ${scrollWidth} px wide in a ${width} px window`);
          }
        } finally {
          await context.close();
        }
        console.info(`axe-core at ${width} px, ${colorScheme}: ${Object.entries(report).map(([name, problems]) => `${name} ${problems.length}`).join(", ")}`);
        expect(report).toEqual(Object.fromEntries(PAGES.map(({ name }) => [name, []])));
      });
    }
  }

  it("has same-site links that work when opened on their own, and none absolute", async () => {
    const page = await browser!.newPage();
    const all: string[] = [];
    try {
      for (const { path } of PAGES) {
        await open(page, server!.url, path);
        const { problems, checked } = await linkProblems(page, origin);
        expect(problems, `links on ${path || "the landing page"}`).toEqual([]);
        all.push(...checked);
      }
      // Redoc's sidebar links are among them: sections and tags, in their hash form.
      expect(all).toEqual(expect.arrayContaining(["#/section/authentication", "#/section/errors"]));
      // A link opened in a new tab lands on its section.
      await page.goto(`${server!.url}#/section/a-worked-signature`);
      await expect.poll(() => page.locator('[id="section/a-worked-signature"]').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
    console.info(`Same-site links checked (each 200 on its own): ${[...new Set(all)].sort().join(" ")}`);
  });

  it("catches Redoc's absolute links in a copy of the site without the fix", async () => {
    const planted = await mkdtemp(join(tmpdir(), "hss-docs-links-"));
    const built = await readFile(join(DIST, "index.html"), "utf8");
    const withoutFix = built.replace(/<script>\s*\/\/ Redoc routes by the URL's hash[\s\S]*?<\/script>/, "");
    expect(withoutFix.length, "the fix's script is found in the built page").toBeLessThan(built.length);
    await writeFile(join(planted, "index.html"), withoutFix);
    await copyFile(join(DIST, "site.css"), join(planted, "site.css"));
    const server2 = await startDocsServer({ root: planted, port: 0 });
    const page = await browser!.newPage();
    try {
      await open(page, server2.url, "");
      const { problems } = await linkProblems(page, new URL(server2.url).origin);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^\/section\/authentication: absolute/)]));
    } finally {
      await page.close();
      await server2.close();
      await rm(planted, { recursive: true, force: true });
    }
  });

  it("on a phone, keeps Redoc's menu button in the header, over no content, and it still opens the menu", async () => {
    const page = await browser!.newPage({ viewport: { width: 390, height: 800 } });
    try {
      await open(page, server!.url, referenceHref(firstOperation));
      const button = page.getByTestId("floating-button");
      const [box, header] = [await button.boundingBox(), await page.locator(".site-header").boundingBox()];
      expect(box && header && box.y >= header.y && box.y + box.height <= header.y + header.height, `menu button ${JSON.stringify(box)} in header ${JSON.stringify(header)}`).toBe(true);
      await button.click();
      await expect.poll(() => page.getByTestId("search-trigger").isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("moves focus past the nav with the skip link, on the reference and on a guide", async () => {
    const page = await browser!.newPage();
    try {
      for (const { path, target } of [{ path: "", target: "api-content" }, { path: GUIDES[0]!.file, target: "content" }]) {
        await open(page, server!.url, path);
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
        await page.keyboard.press("Enter");
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(target);
      }
    } finally {
      await page.close();
    }
  });

  it("shows search snippets made of whole words", async () => {
    // The words a snippet may show: those of every text of the document the reference renders
    // (the spec with what the build adds), read from its strings, not from its JSON, where an
    // escape such as \n would glue a letter to the next word.
    const words = new Set(textsOf(await referenceDocument(loadDocument())).flatMap((text) => text.toLowerCase().match(/[a-z]{3,}/g) ?? []));
    const page = await browser!.newPage();
    try {
      await open(page, server!.url, "");
      await page.getByTestId("search-trigger").click();
      const dialog = page.getByTestId("search-dialog");
      await dialog.getByRole("textbox").fill("filter");
      const items = dialog.locator('[data-component-name="Search/SearchItem"]');
      await expect.poll(() => items.count()).toBeGreaterThan(3);
      const snippets = (await items.allInnerTexts()).join(" ").toLowerCase();
      const unknown = [...new Set(snippets.match(/[a-z]{3,}/g))].filter((word) => !words.has(word));
      expect(unknown, "words in the snippets that the spec does not have (two words glued into one)").toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows the Authentication section with the worked signature on the landing page", async () => {
    const x = await workedExample();
    const page = await browser!.newPage();
    try {
      await open(page, server!.url, "#/section/authentication");
      const section = page.locator("#api-content");
      await expect.poll(() => section.innerText()).toContain(x.signature);
      const text = await section.innerText();
      for (const expected of ["/v3/auth/tokens", "/v3/projects?name=cn-north-4", x.stringToSign.split("\n")[2]!, x.authorization, "Common mistakes"]) {
        expect(text).toContain(expected);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.locator('[id="section/a-worked-signature"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(RESULTS, "landing-authentication-1440.png") });
    } finally {
      await page.close();
    }
  });
});
