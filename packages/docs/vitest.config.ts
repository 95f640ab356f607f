import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The browser test starts Chromium and renders a 2.5 MB page per operation; on a loaded CI
    // machine one of its tests can take tens of seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
