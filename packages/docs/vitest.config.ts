import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The browser test starts Chromium and renders a 2.5 MB page per operation.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
