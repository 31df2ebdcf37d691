import { describe, expect, it } from "vitest";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { negotiationFixture, signThroughApi } from "../integration/negotiation-support";
import { signedInContext } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { demoHolders, importFor } from "../support/conventions";

const s = browserSuite();

describe("browser: the annual flux annex of a signed convention", () => {
  it("the bailleur enters its 2027 deductions and generates the annex, sees the change per line, and another party sees its approval live", async () => {
    const fx = await negotiationFixture(s.database);
    await signThroughApi(s.t.base, fx);
    const m = fx.members;
    const holders = demoHolders({ prefet: m.ddets.organisation, action_logement: m.al.organisation, commune: m.commune.organisation, departement: m.departement.organisation });
    await importFor(s.database, m.bailleur, { year: 2027, csv: demoInventoryCsv(2_400), holders });

    const ctxA = await signedInContext(s.browser, s.t.base, fx.cookies.bailleur);
    const ctxB = await signedInContext(s.browser, s.t.base, fx.cookies.ddets);
    const bailleur = await ctxA.newPage();
    const ddets = await ctxB.newPage();
    const errors: string[] = [];
    for (const p of [bailleur, ddets]) p.on("pageerror", (e) => errors.push(e.message));
    const url = `${s.t.base}/conventions/${fx.conventionId}`;
    await Promise.all([bailleur.goto(url), ddets.goto(url)]);
    for (const p of [bailleur, ddets]) await p.getByRole("status").getByText("Connecté").waitFor();
    const panel = (page: typeof bailleur) => page.getByRole("region", { name: "Annexes annuelles du flux" });

    // 2027 is the first year without an adopted annex; what it lacks is said, with where to enter it.
    await expect(panel(bailleur).getByLabel("Année de l'annexe").inputValue()).resolves.toBe("2027");
    await panel(bailleur).getByText(/n.a pas encore saisi ses déductions prévisionnelles 2027/).waitFor();

    const form = panel(bailleur).getByRole("form", { name: "Déductions prévisionnelles 2027" });
    await form.getByLabel("Mutations internes prévues").fill("douze");
    await form.getByRole("button", { name: "Enregistrer les déductions 2027" }).click();
    await form.getByRole("alert").getByText("Mutations internes prévues : un nombre entier de logements est attendu.").waitFor();
    await form.getByLabel("Mutations internes prévues").fill("12");
    await form.getByLabel("Relogements ANRU / NPNRU").fill("4");
    await form.getByRole("button", { name: "Enregistrer les déductions 2027" }).click();
    await form.getByRole("status").getByText("Déductions 2027 enregistrées.").waitFor();

    // Nothing is missing any more: the change from 2026 shows before the annex is generated, then the pilot generates it.
    const table = panel(bailleur).getByRole("table", { name: /Évolution du flux de 2026 à 2027/ });
    await table.waitFor();
    await panel(bailleur).getByRole("button", { name: "Générer l'annexe 2027" }).click();
    await panel(bailleur).getByText("en préparation", { exact: true }).waitFor();
    const columns = await table.getByRole("columnheader").allTextContents();
    expect(columns).toEqual(["Réservataire", "Part 2026", "Part 2027", "Écart (points)", "Logements 2026", "Logements 2027", "Écart (logements)"]);
    await table.getByRole("row", { name: /^Total/ }).waitFor();

    // The DDETS's page follows without reload; the bailleur approves and the DDETS sees it.
    await panel(ddets).getByRole("button", { name: "Approuver l'annexe 2027" }).waitFor({ timeout: 10_000 });
    await panel(bailleur).getByRole("button", { name: "Approuver l'annexe 2027" }).click();
    const bailleurRow = (page: typeof bailleur) => panel(page).getByRole("table", { name: "Approbations de l'annexe 2027" }).locator(`tr[data-party="${m.bailleur.organisation.id}"]`);
    await bailleurRow(ddets).getByText("approuvée par", { exact: false }).waitFor({ timeout: 10_000 });
    await panel(ddets).getByText("approuvée par 1\u00a0partie sur 4", { exact: false }).waitFor();
    expect(await panel(bailleur).getByRole("link", { name: "Exporter l'annexe 2027 en DOCX" }).getAttribute("href")).toBe(`/conventions/${fx.conventionId}/annexes/2027/export.docx`);
    expect(errors).toEqual([]);
    await ctxA.close();
    await ctxB.close();
  });
});
