// Everything by keyboard, no mouse: a DDETS juriste signs in, opens the convention, reaches the negotiation through the
// table of contents, states a position, approves an article, selects a passage of the text with the keyboard and
// comments on it, then exports the DOCX. Only Tab, arrows, Enter and typing are used; a listener in the page fails
// the test on any mouse or pointer event.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { waitForHeading, waitForHydration } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { negotiationFixture } from "../integration/negotiation-support";

const s = browserSuite();

/** The focused element's accessible-ish name: its label, aria-label or text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    const labelled = el.getAttribute("aria-labelledby");
    const byId = labelled ? labelled.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : "";
    const label = "labels" in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent).join(" ") : "";
    return [el.getAttribute("aria-label") ?? "", byId, label, el.textContent ?? ""].join(" ").replace(/\s+/g, " ").trim();
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches; fails after `max` presses. */
async function tabTo(page: Page, match: RegExp, options: { reverse?: boolean; max?: number } = {}) {
  const { reverse = false, max = 400 } = options;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(reverse ? "Shift+Tab" : "Tab");
    if (match.test(await focusedName(page))) return;
  }
  throw new Error(`focus never reached ${match} (last: ${await focusedName(page)})`);
}

/** Presses Tab until the focused element is a link to `href`; fails after `max` presses. */
async function tabToLink(page: Page, href: string, max = 400) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.getAttribute("href") ?? "")) === href) return;
  }
  throw new Error(`focus never reached a link to ${href}`);
}

/** Signs in on the login page with Tab, typing and Enter only, and waits for the list of conventions. */
async function signInByKeyboard(page: Page, email: string) {
  await page.goto(`${s.t.base}/login`);
  // Typed once the page is hydrated: what is typed before may be lost under load.
  await waitForHydration(page);
  await tabTo(page, /Adresse e-mail/);
  await page.keyboard.type(email);
  await tabTo(page, /Mot de passe/);
  await page.keyboard.type("conflux-test");
  await page.keyboard.press("Enter");
  await waitForHeading(page, "Mes conventions");
}

/**
 * With the caret at the start of an article's text: selects 24 characters with Shift+→, comments them through the
 * next Tab stop and checks the thread quotes exactly the selection, on the article where the selection is.
 */
async function commentSelection(page: Page, article: string | null, body: string) {
  for (let i = 0; i < 24; i++) await page.keyboard.press("Shift+ArrowRight");
  const quote = (await page.evaluate(() => document.getSelection()?.toString() ?? "")).replace(/\s+/g, " ").trim();
  expect(quote.length).toBeGreaterThan(10);
  // The next stop after the text offers to comment on the selection and leads to the comment field.
  await page.keyboard.press("Tab");
  expect(await focusedName(page)).toBe("Commenter le passage sélectionné");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "comment-body");
  const form = page.getByRole("form", { name: "Nouveau commentaire" });
  await form.getByText("Sur le passage sélectionné").waitFor();
  // The article commented is where the selection is.
  expect(await form.getByLabel("Article commenté").inputValue()).toBe(article);
  await page.keyboard.type(body);
  await page.keyboard.press("Tab");
  expect(await focusedName(page)).toBe("Commenter");
  await page.keyboard.press("Enter");
  const thread = page.getByRole("list", { name: "Fils de commentaires" }).locator("li.thread", { hasText: body });
  await thread.waitFor();
  expect((await thread.locator("blockquote").innerText()).trim()).toBe(quote);
}

describe("browser: keyboard only", () => {
  it("sign in, reach the negotiation, state a position, approve an article, comment a passage selected with the keyboard, export", async () => {
    const fx = await negotiationFixture(s.database);
    const context = await s.browser.newContext({ locale: "fr-FR", acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Counted in the page across navigations: any mouse or pointer event fails the test.
    await page.addInitScript(() => {
      const w = window as unknown as { mouseEvents: string[] };
      w.mouseEvents = [];
      for (const type of ["mousedown", "mouseup", "mousemove", "pointerdown", "pointerup", "pointermove", "wheel", "contextmenu"])
        window.addEventListener(type, (e) => w.mouseEvents.push(`${type}@${(e.target as Element)?.tagName}`), true);
    });
    const mouseEvents = () => page.evaluate(() => (window as unknown as { mouseEvents: string[] }).mouseEvents);

    await signInByKeyboard(page, fx.members.ddets.user.email);
    expect(await mouseEvents()).toEqual([]);

    await tabTo(page, /Convention de test — négociation/);
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Connecté").waitFor({ timeout: 15_000 });
    await page.getByTestId("negotiation-status").waitFor({ timeout: 15_000 });

    // The table of contents leads to the negotiation; the next Tab goes into it.
    await tabTo(page, /^Négociation/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/#negociation$/);
    await tabTo(page, /Option concernée/);
    const optionSelect = page.getByLabel("Option concernée");
    for (let i = 0; i < 10 && (await optionSelect.inputValue()) !== "gestion_prefet"; i++) await page.keyboard.press("ArrowDown");
    expect(await optionSelect.inputValue()).toBe("gestion_prefet");
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toMatch(/^Position/);
    await page.keyboard.press("ArrowDown"); // D'accord → Pas d'accord
    expect(await page.getByLabel("Position", { exact: true }).inputValue()).toBe("pas_d_accord");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Le contingent préfectoral reste en gestion directe.");
    await tabTo(page, /^Enregistrer la position$/);
    await page.keyboard.press("Enter");
    await page.getByText("Position enregistrée sur « Mode de gestion du contingent préfectoral » : Pas d'accord.").waitFor();
    const cell = page.locator(`tr[data-option="gestion_prefet"] td[data-party="${fx.members.ddets.organisation.id}"]`);
    await cell.getByText("Pas d'accord").waitFor();

    // Approve the first article; the focus moves on to the next article's button.
    await tabTo(page, /^Approuver l'article 1$/);
    await page.keyboard.press("Enter");
    const firstArticle = page.locator("tr[data-article]").first();
    await firstArticle.locator(`td[data-party="${fx.members.ddets.organisation.id}"]`).getByText("Approuvé").waitFor();
    expect(await focusedName(page)).toBe("Approuver l'article 2");

    // The second article's link in the approvals table leads into the text, the caret at the start of that article.
    const second = await page.locator("tr[data-article]").nth(1).getAttribute("data-article");
    await tabTo(page, /^Article 2 — /, { reverse: true });
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`#article-${second}$`));
    await page.waitForFunction(() => document.activeElement?.classList.contains("ProseMirror"));
    await commentSelection(page, second, "La DDETS demande de préciser ce passage.");

    // Export, still by keyboard: the download link at the top of the page.
    await tabTo(page, /^Exporter en DOCX$/, { reverse: true });
    const download = page.waitForEvent("download");
    await page.keyboard.press("Enter");
    expect((await download).suggestedFilename()).toMatch(/\.docx$/);

    expect(await mouseEvents()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a commentaire member walks the read-only text with the keyboard, selects a passage and comments it; typing changes nothing", async () => {
    const fx = await negotiationFixture(s.database);
    const context = await s.browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInByKeyboard(page, fx.members.commune.user.email);
    await tabTo(page, /Convention de test — négociation/);
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Connecté").waitFor({ timeout: 15_000 });
    const text = page.locator(".ProseMirror");
    expect(await text.getAttribute("aria-readonly")).toBe("true");

    // The article's link leads into the text; the caret is there although the text is read-only.
    const second = await page.locator("tr[data-article]").nth(1).getAttribute("data-article");
    await tabToLink(page, `#article-${second}`);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`#article-${second}$`));
    await page.waitForFunction(() => document.activeElement?.classList.contains("ProseMirror"));
    await page.keyboard.type("zzq");
    await page.keyboard.press("Enter");
    await page.keyboard.type("zzq");
    await page.waitForTimeout(300);
    expect(await text.innerText()).not.toContain("zzq");

    await commentSelection(page, second, "La commune souhaite préciser ce passage.");
    expect(await text.innerText()).not.toContain("zzq");
    expect(errors).toEqual([]);
    await context.close();
  });
});
