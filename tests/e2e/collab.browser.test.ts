import { describe, expect, it } from "vitest";
import { browserSuite } from "../support/browser-suite";
import { DEMO_PASSWORD } from "../../db/seed";
import { listConventionsForUser } from "../../app/models/convention.server";
import { signedInContext } from "../support/browser";
import { cookieFor } from "../support/server";

const s = browserSuite({ seed: true });

describe("browser: live co-editing of the demo convention", () => {
  it("two parties type into the convention and each sees the other's text and presence", async () => {
    const bailleur = await s.demoUser("bailleur");
    const ddets = await s.demoUser("ddets");
    const [demo] = await listConventionsForUser(s.database.db, bailleur.organisationId);
    const ctxA = await signedInContext(s.browser, s.t.base, await cookieFor(s.database, bailleur.id));
    const ctxB = await signedInContext(s.browser, s.t.base, await cookieFor(s.database, ddets.id));
    const pageA = await ctxA.newPage();
    const pageB = await ctxB.newPage();
    const errors: string[] = [];
    for (const p of [pageA, pageB]) p.on("pageerror", (e) => errors.push(e.message));
    await Promise.all([pageA.goto(`${s.t.base}/conventions/${demo.id}`), pageB.goto(`${s.t.base}/conventions/${demo.id}`)]);

    const editorA = pageA.getByRole("textbox", { name: "Texte de la convention" });
    const editorB = pageB.getByRole("textbox", { name: "Texte de la convention" });
    await editorA.waitFor();
    await editorB.waitFor();
    await pageA.getByRole("status").getByText("Connecté").waitFor();
    await pageB.getByRole("status").getByText("Connecté").waitFor();

    await editorA.locator("p").last().click();
    await pageA.keyboard.press("End");
    await pageA.keyboard.type(" Ajout du bailleur.");
    await editorB.getByText("Ajout du bailleur.").waitFor({ timeout: 10_000 });

    await editorB.locator("h2").first().click();
    await pageB.keyboard.press("End");
    await pageB.keyboard.type(" (proposition DDETS)");
    await editorA.getByText("(proposition DDETS)").waitFor({ timeout: 10_000 });

    // Presence: each page lists the other participant, and shows the other's caret label in the text.
    const presenceA = pageA.getByRole("list", { name: "Participants connectés" });
    const presenceB = pageB.getByRole("list", { name: "Participants connectés" });
    await presenceA.getByText(ddets.name).waitFor();
    await presenceB.getByText(bailleur.name).waitFor();
    await pageB.locator(".collaboration-carets__label", { hasText: bailleur.name }).waitFor();
    expect(errors).toEqual([]);

    // The text survives a reload.
    await pageB.reload();
    await pageB.getByRole("textbox", { name: "Texte de la convention" }).getByText("Ajout du bailleur.").waitFor();
    await ctxA.close();
    await ctxB.close();
  });

  it("signs in through the login form with a demo account and reaches the dashboard", async () => {
    const ctx = await s.browser.newContext({ locale: "fr-FR" });
    const page = await ctx.newPage();
    await page.goto(`${s.t.base}/login`);
    await page.getByLabel("Adresse e-mail").fill("commune@demo.conflux.fr");
    await page.getByLabel("Mot de passe").fill("mauvais");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("alert").getByText("Adresse e-mail ou mot de passe incorrect.").waitFor();
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { name: "Mes conventions" }).waitFor();
    await page.getByRole("link", { name: /Convention de réservation en flux 2026/ }).click();
    await page.getByText("ne permet pas de modifier le texte").waitFor();
    // Read-only, yet it takes a caret for keyboard selection; what is typed there changes nothing.
    const text = page.getByRole("textbox", { name: "Texte de la convention" });
    await expect(text.getAttribute("aria-readonly")).resolves.toBe("true");
    await text.locator('h2[data-section="article"]').first().waitFor();
    await text.locator("p").first().click();
    await page.keyboard.type("texte refusé");
    await page.waitForTimeout(300);
    expect(await text.innerText()).not.toContain("texte refusé");
    await ctx.close();
  });
});
