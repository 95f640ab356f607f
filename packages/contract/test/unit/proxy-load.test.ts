// @hss-kit/mock (and Prism with it) is an optional peer: only the proxy command loads it, and
// without it that command says what to install.
import { describe, expect, it } from "vitest";
import { loadMockModule, PROXY_PACKAGE } from "../../src/proxy.js";
import { UsageError } from "../../src/index.js";

const missing = (specifier: string) =>
  Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/node_modules/@hss-kit/contract/dist/proxy.js`), { code: "ERR_MODULE_NOT_FOUND" });

describe("the proxy's optional peer", () => {
  it("missing, is a usage error that names the package to install", async () => {
    const run = loadMockModule(() => Promise.reject(missing(PROXY_PACKAGE)));
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(`the proxy command needs ${PROXY_PACKAGE}, which brings Prism's validation proxy: npm install ${PROXY_PACKAGE}`);
  });

  it("lets any other failure through as it is", async () => {
    await expect(loadMockModule(() => Promise.reject(missing("left-pad")))).rejects.toThrow("Cannot find package 'left-pad'");
    await expect(loadMockModule(() => Promise.reject(new TypeError("boom")))).rejects.toThrow(TypeError);
  });

  it("present, loads it", async () => {
    const limits = await loadMockModule(() => import("@hss-kit/mock/limits"));
    expect(limits.DEFAULT_UPSTREAM_TIMEOUT_MS).toBeGreaterThan(0);
  });

  it("is not loaded by a contract run or the CLI's other commands", async () => {
    const { readFile } = await import("node:fs/promises");
    for (const file of ["index.js", "run.js", "main.js"]) {
      const code = await readFile(new URL(`../../dist/${file}`, import.meta.url), "utf8");
      expect(code, file).not.toMatch(/^import .*@hss-kit\/mock/m);
    }
  });
});
