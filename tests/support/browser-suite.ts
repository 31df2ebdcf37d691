import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "../../db/client";
import { users } from "../../db/schema";
import { DEMO_ACCOUNTS, seedDemo } from "../../db/seed";
import { launchBrowser } from "./browser";
import { openTestDb } from "./db";
import { startTestServer, type TestServer } from "./server";

export interface BrowserSuite {
  database: DbHandle;
  t: TestServer;
  browser: Browser;
  /** A demo account's user row (with `seed: true`). */
  demoUser(key: (typeof DEMO_ACCOUNTS)[number]["key"]): Promise<typeof users.$inferSelect>;
}

/** The set-up every browser test file shares: its own database, a real server on port 0 and Debian Chromium. */
export function browserSuite(options: { seed?: boolean; server?: Parameters<typeof startTestServer>[1] } = {}): BrowserSuite {
  const suite = {
    async demoUser(key: (typeof DEMO_ACCOUNTS)[number]["key"]) {
      const email = DEMO_ACCOUNTS.find((a) => a.key === key)!.email;
      const [user] = await suite.database.db.select().from(users).where(eq(users.email, email));
      return user;
    },
  } as BrowserSuite;
  beforeAll(async () => {
    suite.database = await openTestDb();
    if (options.seed) await seedDemo(suite.database.db);
    suite.t = await startTestServer(suite.database, options.server);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.close();
    await suite.database?.close();
  });
  return suite;
}
