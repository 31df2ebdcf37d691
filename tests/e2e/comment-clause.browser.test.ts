// A passage chosen inside a clause that an option writes into the text (an inline value, not editable text) can be
// commented: « Sur le passage sélectionné » is offered, the comment anchors on that clause, and the article commented
// is the one the clause is in, not the first one.
import { describe, expect, it } from "vitest";
import { signedInContext } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { api, negotiationFixture } from "../integration/negotiation-support";

const s = browserSuite();

describe("browser: comment on an option's clause", () => {
  it("selects words inside an option-driven clause of a later article and comments on them", async () => {
    const { conventionId, cookies } = await negotiationFixture(s.database);
    const context = await signedInContext(s.browser, s.t.base, cookies.commune);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${s.t.base}/conventions/${conventionId}`);
    await page.getByRole("status").getByText("Connecté").waitFor({ timeout: 15_000 });
    const editor = page.getByRole("textbox", { name: "Texte de la convention" });
    await editor.locator('span[data-variable^="option:"]').first().waitFor();
    // The first option clause after the first article: select words in its middle, as a mouse drag would.
    const picked = await editor.evaluate((root) => {
      const headings = [...root.querySelectorAll('h2[data-section="article"]')];
      const clause = [...root.querySelectorAll<HTMLElement>('span[data-variable^="option:"]')].find((span) => {
        const before = headings.filter((h) => h.compareDocumentPosition(span) & Node.DOCUMENT_POSITION_FOLLOWING);
        return before.length >= 2 && (span.textContent ?? "").length > 40;
      })!;
      const article = headings.filter((h) => h.compareDocumentPosition(clause) & Node.DOCUMENT_POSITION_FOLLOWING).at(-1)!.getAttribute("data-article-id");
      const walker = document.createTreeWalker(clause, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode() as Text;
      const range = document.createRange();
      range.setStart(text, 4);
      range.setEnd(text, 30);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return { quote: range.toString(), article, clause: (clause.textContent ?? "").trim() };
    });
    const form = page.getByRole("form", { name: "Nouveau commentaire" });
    await form.getByText("Sur le passage sélectionné").waitFor();
    expect(await form.getByLabel("Article commenté").inputValue()).toBe(picked.article);
    await form.getByLabel("Commentaire").fill("Cette clause doit viser le référentiel.");
    await form.getByRole("button", { name: "Commenter" }).click();
    await page.getByRole("list", { name: "Fils de commentaires" }).getByText("Cette clause doit viser le référentiel.").waitFor();

    const view = await api(s.t.base, cookies.bailleur, "GET", `/api/conventions/${conventionId}/negotiation`);
    const thread = view.body.comments.find((c: { body: string }) => c.body === "Cette clause doit viser le référentiel.");
    expect(thread.article).toBe(picked.article);
    expect(thread.anchor.quote).toBe(picked.quote.trim());
    // The clause is underlined whole: the anchor covers the inline value the words were chosen in.
    await expect.poll(() => editor.locator(".comment-anchor").first().innerText().catch(() => ""), { timeout: 10_000 }).toContain(picked.quote.trim());
    expect(errors).toEqual([]);
    await context.close();
  });
});
