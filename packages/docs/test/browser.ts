// Debian's Chromium driven by playwright-core (which downloads no browser), and a browser context
// that records every request it makes and lets none of them leave the machine.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// No background traffic of Chromium's own (updates, sync, field trials) and no QUIC, so every
// request recorded is one the page made.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts Chromium with a fresh profile (Playwright gives every launch its own temporary user-data
 * dir and deletes it on close). A missing Chromium is an error, never a skip: the browser test is
 * the only proof that the site renders with no network.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The docs' browser test needs it: install Debian's Chromium ` +
        "with `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

export interface RecordedContext {
  context: BrowserContext;
  /** Every request of the context (pages, workers, popups), as seen by the context. */
  contextRequests: string[];
  /** Every request and WebSocket of every page, as seen by the page. */
  pageRequests: string[];
}

/** Requests that are neither to `origin` nor served from memory (data:, blob:). */
export function leavingOrigin(urls: string[], origin: string): string[] {
  return urls.filter((url) => !(url.startsWith(`${origin}/`) || url.startsWith("data:") || url.startsWith("blob:")));
}

/**
 * A browser context that records requests at both the page and the context level, and aborts
 * any request for another origin after recording it, so that even a failing test sends nothing
 * beyond loopback.
 */
export async function recordedContext(browser: Browser, origin: string): Promise<RecordedContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: "block" });
  const contextRequests: string[] = [];
  const pageRequests: string[] = [];
  context.on("request", (request) => contextRequests.push(request.url()));
  context.on("page", (page) => {
    page.on("request", (request) => pageRequests.push(request.url()));
    page.on("websocket", (socket) => pageRequests.push(socket.url()));
  });
  await context.route("**/*", (route) =>
    leavingOrigin([route.request().url()], origin).length === 0 ? route.continue() : route.abort("blockedbyclient"),
  );
  return { context, contextRequests, pageRequests };
}

/** The built site served on loopback, and Chromium to read it. */
export interface SiteSession {
  browser: Browser;
  server: { url: string; close: () => Promise<void> };
  origin: string;
  /** Where screenshots go. */
  results: string;
  close(): Promise<void>;
}

/**
 * Checks that the site is built, then starts Chromium and a docs server on a free port; `close`
 * stops both. Every browser test of the site starts here.
 */
export async function openSite(): Promise<SiteSession> {
  const { DIST, startDocsServer } = await import("../scripts/serve.mjs");
  if (!existsSync(join(DIST, "index.html"))) throw new Error(`No built site in ${DIST}: run \`pnpm build\` first.`);
  const results = join(import.meta.dirname, "..", "test-results");
  await mkdir(results, { recursive: true });
  const browser = await launchChromium();
  const server = await startDocsServer({ port: 0 }).catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  return {
    browser,
    server,
    origin: new URL(server.url).origin,
    results,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
