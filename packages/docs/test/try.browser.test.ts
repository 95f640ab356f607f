// The try-it console in Chromium, against real mocks on loopback: a round trip to the Prism mock,
// one to the stateful mock with a filter (with a token and with an AK/SK signature the mock
// verifies), and a value the client refuses before sending. The page may talk to the docs origin
// and to the base URL typed into it, nothing else.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "@hss-kit/mock";
import { startStatefulMock, type RunningStatefulMock } from "@hss-kit/mock/stateful";
import { loadModel } from "@hss-kit/spec";
import { openSite, type SiteSession } from "./browser.js";

const TOKEN = "try-it-token-value";
const KEYS = { accessKey: "TRYITACCESSKEY", secretKey: "try-it-secret-key-value" };
const model = loadModel();

describe("the try-it console", () => {
  let site: SiteSession | undefined;
  let browser: Browser | undefined;
  let docs: SiteSession["server"] | undefined;
  let prism: RunningMock | undefined;
  let stateful: RunningStatefulMock | undefined;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    site = await openSite();
    ({ browser, server: docs } = site);
    prism = await startMock({ port: 0 });
    stateful = await startStatefulMock({ port: 0, token: TOKEN, keys: new Map([[KEYS.accessKey, KEYS.secretKey]]) });
    const allowed = [docs.url, prism.url, stateful.url].map((url) => new URL(url).origin);
    context = await browser.newContext({ viewport: { width: 1440, height: 1400 }, serviceWorkers: "block" });
    context.on("request", (request) => requests.push(request.url()));
    await context.route("**/*", (route) => (allowed.includes(new URL(route.request().url()).origin) ? route.continue() : route.abort("blockedbyclient")));
    page = await context.newPage();
  });

  afterAll(async () => {
    await site?.close();
    await Promise.all([prism?.close(), stateful?.close()]);
  });

  /** Opens the console on an operation, fills it and sends; resolves to what the page shows. */
  async function send(options: { operation: string; baseUrl: string; params?: Record<string, string>; token?: string; keys?: typeof KEYS }) {
    // A fresh page each time: a new hash alone would keep the last answer on screen.
    await page.goto("about:blank");
    await page.goto(`${docs!.url}try.html#${options.operation}`);
    await page.locator("form[data-state=ready]").waitFor();
    await page.fill("#try-base-url", options.baseUrl);
    if (options.keys) {
      await page.check("input[name=auth][value=accessKey]");
      await page.fill("#try-access-key", options.keys.accessKey);
      await page.fill("#try-secret-key", options.keys.secretKey);
    } else {
      await page.fill("#try-token", options.token ?? "any-token");
    }
    for (const [name, value] of Object.entries(options.params ?? {})) {
      const input = page.locator(`#try-param-${name}`);
      if ((await input.evaluate((element) => element.tagName)) === "SELECT") await input.selectOption(value);
      else await input.fill(value);
    }
    const before = requests.length;
    await page.click("button[type=submit]");
    await page.locator("form[data-state=ok], form[data-state=error], form[data-state=invalid]").waitFor();
    return {
      state: await page.locator("form").getAttribute("data-state"),
      status: await page.locator("#try-status").innerText(),
      curl: await page.locator("#try-curl").innerText(),
      body: await page.locator("#try-body").innerText(),
      sentTo: requests.slice(before).filter((url) => !url.startsWith(docs!.url)),
    };
  }

  it("offers every operation of the spec", async () => {
    await page.goto(`${docs!.url}try.html`);
    await page.locator("form[data-state=ready]").waitFor();
    const offered = await page.locator("#try-operation option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered.sort()).toEqual(model.operations.map((o) => o.id).sort());
  });

  it("makes a round trip to the Prism mock, and shows it as curl without the token", async () => {
    const operation = model.operations.find((o) => o.parameters.some((p) => p.required && p.in === "query"))!;
    const params = Object.fromEntries(
      operation.parameters.filter((p) => p.required && p.in === "query").map((p) => [p.name, String(p.example ?? p.schema?.example ?? "x")]),
    );
    const shown = await send({ operation: operation.id, baseUrl: prism!.url, params, token: TOKEN });
    expect(shown.state, shown.body).toBe("ok");
    expect(shown.status).toMatch(/^200 /);
    expect(JSON.parse(shown.body)).toHaveProperty("data_list");
    expect(shown.curl).toContain(`curl -sS '${prism!.url}${operation.path.replace("{project_id}", "my-project").split("{")[0]}`);
    expect(shown.curl).toContain('-H "X-Auth-Token: $HSS_TOKEN"');
    expect(shown.curl).not.toContain(TOKEN);
    expect(shown.sentTo.every((url) => url.startsWith(prism!.url))).toBe(true);
    await page.screenshot({ path: join(site!.results, "try-1440.png") });
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: join(site!.results, "try-390.png") });
    await page.setViewportSize({ width: 1440, height: 1400 });
  });

  it("filters on the stateful mock, with a token and with an AK/SK signature it verifies", async () => {
    for (const credentials of [{ token: TOKEN }, { keys: KEYS }]) {
      const shown = await send({ operation: "listUsers", baseUrl: stateful!.url, params: { user_name: "user-name-1", limit: "50" }, ...credentials });
      expect(shown.state, shown.body).toBe("ok");
      const page1 = JSON.parse(shown.body) as { total_num: number; data_list: Array<{ user_name: string }> };
      expect(page1.data_list.length).toBeGreaterThan(0);
      expect(page1.data_list.every((user) => user.user_name === "user-name-1")).toBe(true);
      expect(shown.curl).toContain("user_name=user-name-1");
      if (credentials.keys) {
        expect(shown.curl).toContain("Signature=<redacted");
        expect(shown.curl).not.toMatch(/Signature=[0-9a-f]{64}/);
        expect(shown.curl).not.toContain(KEYS.secretKey);
      }
    }
  });

  it("shows the gateway's refusal of a wrong secret key", async () => {
    const shown = await send({ operation: "listUsers", baseUrl: stateful!.url, keys: { ...KEYS, secretKey: "wrong-secret" } });
    expect(shown.state).toBe("error");
    expect(shown.status).toBe("401 APIGW.0301");
    expect(shown.body).not.toContain("wrong-secret");
  });

  it("shows the client's message for a bad value, and sends nothing", async () => {
    const shown = await send({ operation: "listUsers", baseUrl: stateful!.url, params: { limit: "5" }, token: TOKEN });
    expect(shown.state).toBe("invalid");
    expect(shown.body).toBe("listUsers: limit must be an integer from 10 to 200; got 5.");
    expect(shown.sentTo).toEqual([]);
  });

  it("sent nothing to any host but the docs and the base URLs typed", () => {
    const origins = new Set(requests.map((url) => new URL(url).origin));
    expect([...origins].sort()).toEqual([docs!.url, prism!.url, stateful!.url].map((url) => new URL(url).origin).sort());
  });
});
