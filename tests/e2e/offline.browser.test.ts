// Losing the connection: the indicator says « Hors ligne — vos modifications seront envoyées à la reconnexion » within
// 3 s (the bound the task sets, measured here) when Chromium goes offline or when the socket closes, text typed
// meanwhile reaches the other browser once the connection is back, and no page raises an error (the negotiation's
// refetch included).
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInContext } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { startTestServer } from "../support/server";
import { negotiationFixture } from "../integration/negotiation-support";

const s = browserSuite();
const OFFLINE_TEXT = "Hors ligne — vos modifications seront envoyées à la reconnexion";
const BOUND_MS = 3_000;

async function open(page: Page, base: string, conventionId: string) {
  await page.goto(`${base}/conventions/${conventionId}`);
  await page.getByRole("status").getByText("Connecté").waitFor({ timeout: 15_000 });
  await page.getByRole("textbox", { name: "Texte de la convention" }).locator("p").first().waitFor();
}

/** How long until the indicator says « hors ligne », from now. */
async function timeToOffline(page: Page): Promise<number> {
  const start = Date.now();
  await page.locator('[data-save-state="offline"]', { hasText: OFFLINE_TEXT }).waitFor({ timeout: 15_000 });
  return Date.now() - start;
}

describe("browser: offline", () => {
  it("Chromium offline: the indicator turns within 3 s, text typed offline reaches the other browser after reconnection, no page error", async () => {
    const fx = await negotiationFixture(s.database);
    const a = await signedInContext(s.browser, s.t.base, fx.cookies.bailleur);
    const b = await signedInContext(s.browser, s.t.base, fx.cookies.ddets);
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    const errors: string[] = [];
    for (const p of [pageA, pageB]) p.on("pageerror", (e) => errors.push(e.message));
    await Promise.all([open(pageA, s.t.base, fx.conventionId), open(pageB, s.t.base, fx.conventionId)]);

    await a.setOffline(true);
    const elapsed = await timeToOffline(pageA);
    expect(elapsed).toBeLessThan(BOUND_MS);

    const editorA = pageA.getByRole("textbox", { name: "Texte de la convention" });
    await editorA.locator("p").last().click();
    await pageA.keyboard.press("End");
    await pageA.keyboard.type(" Saisi hors ligne par le bailleur.");
    // Still offline after typing (the indicator does not claim a save it cannot make).
    expect(await pageA.locator("[data-save-state]").getAttribute("data-save-state")).toBe("offline");

    await a.setOffline(false);
    await pageA.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
    await pageB.getByRole("textbox", { name: "Texte de la convention" }).getByText("Saisi hors ligne par le bailleur.", { exact: false }).waitFor({ timeout: 15_000 });
    // The negotiation of both pages still works after the outage (its refetch failed quietly meanwhile).
    await pageA.getByRole("region", { name: "Négociation" }).getByTestId("negotiation-status").waitFor();
    expect(errors).toEqual([]);
    console.log(`[offline] indicator after the offline event: ${elapsed} ms (bound ${BOUND_MS} ms)`);
    await a.close();
    await b.close();
  });

  it("the socket closes (the server stops): the indicator turns within 3 s, without a page error", async () => {
    const fx = await negotiationFixture(s.database);
    const second = await startTestServer(s.database);
    const context = await signedInContext(s.browser, second.base, fx.cookies.bailleur);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await open(page, second.base, fx.conventionId);
    const closing = second.close();
    const elapsed = await timeToOffline(page);
    await closing;
    expect(elapsed).toBeLessThan(BOUND_MS);
    expect(errors).toEqual([]);
    console.log(`[offline] indicator after the socket closed: ${elapsed} ms (bound ${BOUND_MS} ms)`);
    await context.close();
  });
});
