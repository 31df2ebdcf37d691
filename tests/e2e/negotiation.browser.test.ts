import { describe, expect, it } from "vitest";
import { browserSuite } from "../support/browser-suite";
import { signedInContext } from "../support/browser";
import { api, negotiationFixture } from "../integration/negotiation-support";

const s = browserSuite();

describe("browser: negotiation of an option", () => {
  it("ddets disagrees on the mixed management option, the bailleur sees it live, changes the choice, and the position turns 'à revoir'", async () => {
    const { conventionId, cookies, members } = await negotiationFixture(s.database);
    const ctxA = await signedInContext(s.browser, s.t.base, cookies.bailleur);
    const ctxB = await signedInContext(s.browser, s.t.base, cookies.ddets);
    const bailleur = await ctxA.newPage();
    const ddets = await ctxB.newPage();
    const errors: string[] = [];
    for (const p of [bailleur, ddets]) p.on("pageerror", (e) => errors.push(e.message));
    await Promise.all([bailleur.goto(`${s.t.base}/conventions/${conventionId}`), ddets.goto(`${s.t.base}/conventions/${conventionId}`)]);
    for (const p of [bailleur, ddets]) await p.getByRole("status").getByText("Connecté").waitFor();

    const cell = (page: typeof bailleur) =>
      page.getByRole("region", { name: "Négociation" }).locator(`tr[data-option="gestion_action_logement"] td[data-party="${members.ddets.organisation.id}"]`);

    const form = ddets.getByRole("form", { name: "Position de mon organisation" });
    await form.getByLabel("Option concernée").selectOption("gestion_action_logement");
    await form.getByLabel("Position", { exact: true }).selectOption("pas_d_accord");
    await form.getByLabel("Raison").fill("La requalification doit être plafonnée à 30 %.");
    await form.getByRole("button", { name: "Enregistrer la position" }).click();

    // Live on the bailleur's page, without reload.
    await cell(bailleur).getByText("Pas d'accord").waitFor({ timeout: 10_000 });
    await cell(bailleur).getByText("La requalification doit être plafonnée à 30 %.").waitFor();
    expect(await cell(bailleur).getByText("à revoir").count()).toBe(0);

    // The pilot changes the choice in the options panel; both pages show the position "à revoir".
    await bailleur.getByRole("combobox", { name: "Mode de gestion du flux d’Action Logement" }).selectOption("deleguee");
    await cell(bailleur).getByText("à revoir").waitFor({ timeout: 10_000 });
    await cell(ddets).getByText("à revoir").waitFor({ timeout: 10_000 });
    await expect(cell(ddets).getByText("Pas d'accord").count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await ctxA.close();
    await ctxB.close();
  });

  it("an approved flux table whose figures changed shows, under « À revoir », the difference as a table, row by row", async () => {
    const { conventionId, cookies, members } = await negotiationFixture(s.database);
    const table = `tableau:${members.bailleur.organisation.id}`;
    expect((await api(s.t.base, cookies.bailleur, "POST", `/api/conventions/${conventionId}/approvals`, { article: table })).status).toBe(201);
    const terms = await api(s.t.base, cookies.bailleur, "PUT", `/api/conventions/${conventionId}/flux-terms`, {
      bailleurId: members.bailleur.organisation.id,
      deductions: { mutations: 9, anru: 0, orcod: 0, lhi: 0, ventes: 0 },
    });
    expect(terms.status, JSON.stringify(terms.body)).toBe(200);

    const context = await signedInContext(s.browser, s.t.base, cookies.bailleur);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${s.t.base}/conventions/${conventionId}#negociation`);
    const review = page.getByRole("region", { name: "Négociation" }).locator("details").filter({ has: page.locator("summary", { hasText: "À revoir" }) });
    await review.first().waitFor({ timeout: 20_000 });
    await review.first().locator("summary").click();
    const diff = review.first().locator("table.diff-table");
    await diff.first().waitFor();
    // Header cells, then rows whose changed figures sit in their own cell: no row flattened into « a | b | c ».
    expect(await diff.first().locator("th").count()).toBeGreaterThan(1);
    expect(await diff.first().locator("td del, td ins").count()).toBeGreaterThan(0);
    expect(await review.first().locator(".diff").innerText()).not.toContain(" | ");
    expect(errors).toEqual([]);
    await context.close();
  });
});
