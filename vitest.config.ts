import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    // Suites that run the built CLI build dist/ first; on a busy 2-core machine that takes a while.
    hookTimeout: 120_000,
  },
});
