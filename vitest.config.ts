import path from "node:path";
import { defineConfig } from "vitest/config";

// Files whose assertions are measured bounds (event-loop stalls, latency percentiles): they run after every other
// file, alone, so that what they measure is the server and not the neighbouring test files on a 2-core machine.
// The offline indicator's 3 s bound is one of them (tests/e2e/offline.browser.test.ts).
const MEASURED = ["tests/integration/inventory-limits.test.ts", "tests/e2e/offline.browser.test.ts"];

// Kept apart from vite.config.ts so that the Remix plugin never runs under vitest.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(process.cwd(), "app") } },
  test: {
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    env: { CONFLUX_QUIET: "true" },
    // Browser tests walk several pages as several users; on a loaded 2-core machine one can take over a minute.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["app/**/*.test.ts", "server/**/*.test.ts", "db/**/*.test.ts", "templates/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ["**/node_modules/**", ...MEASURED],
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: "measured", include: MEASURED, sequence: { groupOrder: 1 } } },
    ],
  },
});
