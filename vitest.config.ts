import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Tests that measure the server under load (event-loop stalls, refusal within a time bound) run after every other
 * file, alone: on a two-core machine, another test file's CPU would be measured with them.
 */
const MEASURED_ALONE = ["tests/integration/inventory-limits.test.ts"];

// Kept apart from vite.config.ts so that the Remix plugin never runs under vitest.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(process.cwd(), "app") } },
  test: {
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    env: { CONFLUX_QUIET: "true" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["app/**/*.test.ts", "server/**/*.test.ts", "db/**/*.test.ts", "templates/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ["**/node_modules/**", ...MEASURED_ALONE],
          poolOptions: { forks: { maxForks: 2, minForks: 1 } },
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "measured",
          include: MEASURED_ALONE,
          poolOptions: { forks: { maxForks: 1, minForks: 1 } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
