import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fault matrix runs the whole contract once per planted fault; give it room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
