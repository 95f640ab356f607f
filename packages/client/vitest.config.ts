import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The README's examples import the package by name; in tests that is the source.
    alias: { "@hss-kit/client": fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
});
