import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Loading Prism and its operations takes a second on an idle machine and far longer on a
    // loaded one (CI runs every package's tests at once on 2 cores): these are ceilings for a
    // slow start, not races; nothing here waits on a timer to succeed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
