import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  // The version the default User-Agent names, as tsup.config.ts defines it for the builds.
  define: { __HSS_VERSION__: JSON.stringify(version) },
  test: {
    // Ceilings for a loaded 2-core CI machine (every package's tests run at once), not races:
    // the integration tests start Prism and real servers.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
  resolve: {
    // The README's examples import the package by name; in tests that is the source.
    alias: { "@hss-kit/client": fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
});
