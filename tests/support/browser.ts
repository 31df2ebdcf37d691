import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The Debian Chromium, headless, with the flags this sandbox needs (no background network, no sandbox as root). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium introuvable à ${CHROMIUM} (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A browser context already signed in: the session cookie is set directly, the login form is tested elsewhere. */
export async function signedInContext(browser: Browser, base: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "fr-FR" });
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: "Lax" }]);
  return context;
}

/** Waits until React has hydrated the page (the root layout marks `<html data-hydrated>`): only then is typing safe. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 60_000 });
}

/**
 * Waits for a page's heading after a navigation; when it does not come, fails with where the browser is and what the
 * page says (its alerts and field errors), which a bare locator timeout does not tell.
 */
export async function waitForHeading(page: Page, name: string, timeout = 60_000): Promise<void> {
  try {
    await page.getByRole("heading", { name }).waitFor({ timeout });
  } catch (error) {
    const said = await page
      .locator('[role="alert"], .field-error')
      .allInnerTexts()
      .catch(() => [] as string[]);
    throw new Error(`« ${name} » did not appear; the page is ${page.url()}${said.length ? ` and says: ${said.join(" | ")}` : ""}`, { cause: error });
  }
}
