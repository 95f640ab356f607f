import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Every tool is called through the SDK's own client, over stdio (a child process) and HTTP; 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
