import { describe, expect, it } from "vitest";
import { browserSuite } from "../support/browser-suite";
import * as Y from "yjs";
import { signedInContext } from "../support/browser";
import { connectClient, until } from "../support/server";
import { api, insertInArticle, negotiationFixture } from "../integration/negotiation-support";

const s = browserSuite();

describe("browser: comments anchored to a passage", () => {
  it("a commentaire member selects a passage of the read-only text and comments on it; the anchor designates that passage", async () => {
    const { conventionId, cookies } = await negotiationFixture(s.database);
    const ctx = await signedInContext(s.browser, s.t.base, cookies.commune);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${s.t.base}/conventions/${conventionId}`);
    await page.getByRole("status").getByText("Connecté").waitFor();
    const editor = page.getByRole("textbox", { name: "Texte de la convention" });
    // Select words of the first paragraph after an article heading, as a mouse drag would.
    // "Connecté" comes with the first sync; the editor renders the text just after.
    await editor.locator('h2[data-section="article"]').first().waitFor();
    const quote = await editor.evaluate((root) => {
      // A mouse drag focuses the text first (it takes a caret, read-only as it is).
      (root as HTMLElement).focus();
      const heading = root.querySelector('h2[data-section="article"]')!;
      let p = heading.nextElementSibling!;
      while (p && p.tagName !== "P") p = p.nextElementSibling!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode() as Text;
      const range = document.createRange();
      // Start a few characters in, so that text typed at the start of the paragraph is strictly before the passage.
      range.setStart(text, 3);
      range.setEnd(text, Math.min(21, text.length));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return range.toString();
    });
    expect(quote.length).toBeGreaterThan(3);
    const form = page.getByRole("form", { name: "Nouveau commentaire" });
    await form.getByText("Sur le passage sélectionné").waitFor();
    await form.getByLabel("Commentaire").fill("Ce passage doit citer le référentiel.");
    await form.getByRole("button", { name: "Commenter" }).click();
    await page.getByRole("list", { name: "Fils de commentaires" }).getByText("Ce passage doit citer le référentiel.").waitFor();

    // The passage is underlined in the text, here and in another party's browser.
    await expect.poll(() => editor.locator(".comment-anchor").first().innerText(), { timeout: 10_000 }).toBe(quote.trim());
    const other = await (await signedInContext(s.browser, s.t.base, cookies.bailleur)).newPage();
    await other.goto(`${s.t.base}/conventions/${conventionId}`);
    await expect
      .poll(() => other.getByRole("textbox", { name: "Texte de la convention" }).locator(".comment-anchor").first().innerText().catch(() => ""), { timeout: 15_000 })
      .toBe(quote.trim());
    await other.context().close();

    const view = await api(s.t.base, cookies.bailleur, "GET", `/api/conventions/${conventionId}/negotiation`);
    const thread = view.body.comments.find((c: { body: string }) => c.body === "Ce passage doit citer le référentiel.");
    expect(thread.anchor.quote).toBe(quote.trim());
    expect(thread.article).toMatch(/.+/);
    // The stored relative positions designate the same passage in the shared document.
    const client = connectClient(s.t.base, conventionId, cookies.ddets);
    try {
      expect(await until(() => client.provider.synced)).toBe(true);
      // Someone types just before the passage: the underline still covers exactly the commented words.
      insertInArticle(client.doc, thread.article, "Ajout concurrent. ");
      await editor.getByText("Ajout concurrent.", { exact: false }).first().waitFor();
      await expect.poll(() => editor.locator(".comment-anchor").first().innerText(), { timeout: 10_000 }).toBe(quote.trim());
      const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(thread.anchor.from), client.doc);
      const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(thread.anchor.to), client.doc);
      expect(start?.type).toBe(end?.type);
      const text = (start!.type as Y.XmlText)
        .toDelta()
        .map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : ""))
        .join("");
      expect(text.slice(start!.index, end!.index)).toBe(quote.trim());
    } finally {
      client.destroy();
    }
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
