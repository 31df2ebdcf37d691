import path from "node:path";
import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts so that the Remix plugin never runs under vitest.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(process.cwd(), "app") } },
  test: {
    environment: "node",
    include: ["app/**/*.test.ts", "server/**/*.test.ts", "db/**/*.test.ts", "templates/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    env: { CONFLUX_QUIET: "true" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
