import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test runs hss (and for --dry-run, bash, openssl and curl) against the mock; 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
