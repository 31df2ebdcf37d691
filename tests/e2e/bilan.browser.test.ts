import { describe, expect, it } from "vitest";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { browserSuite } from "../support/browser-suite";
import { signedInContext } from "../support/browser";
import { dwellingsOfInventory, eventsCsv, generateEvents } from "../support/decompte-events";
import { negotiationFixture } from "../integration/negotiation-support";

const s = browserSuite();

describe("browser: décompte and bilan", () => {
  it("the bailleur imports its events on its page; the commune reads the bilan's charts and tables and posts an observation", async () => {
    const { conventionId, cookies } = await negotiationFixture(s.database);
    const events = generateEvents(dwellingsOfInventory(demoInventoryCsv(2_000)), 200, 11);
    const errors: string[] = [];

    const bailleurContext = await signedInContext(s.browser, s.t.base, cookies.bailleur);
    const bailleur = await bailleurContext.newPage();
    bailleur.on("pageerror", (e) => errors.push(e.message));
    await bailleur.goto(`${s.t.base}/decomptes`);
    await bailleur.getByLabel("Année des événements").fill("2026");
    await bailleur.getByLabel(/^Fichier/).setInputFiles({ name: "evenements-2026.csv", mimeType: "text/csv", buffer: Buffer.from(eventsCsv(events)) });
    await bailleur.getByRole("button", { name: "Importer les événements" }).click();
    await bailleur.getByRole("status").getByText(`${events.length.toLocaleString("fr-FR")} événements de 2026 importés`).waitFor({ timeout: 20_000 });
    await bailleurContext.close();

    const communeContext = await signedInContext(s.browser, s.t.base, cookies.commune);
    const commune = await communeContext.newPage();
    commune.on("pageerror", (e) => errors.push(e.message));
    await commune.goto(`${s.t.base}/conventions/${conventionId}`);
    await commune.getByRole("link", { name: "Bilan 2026" }).click();
    await commune.getByRole("heading", { level: 1, name: "Bilan annuel 2026" }).waitFor();
    const chart = commune.getByRole("figure", { name: /^Objectif annuel et logements décomptés, par ligne/ });
    await chart.waitFor();
    // Its figures are text of the page: a line's label and its counted figure are read in order.
    expect(await chart.locator("dd").count()).toBeGreaterThan(0);
    // The chart's figures are also a table, behind a disclosure.
    await commune.getByText("Données du graphique (tableau)").first().click();
    const alternative = commune.getByRole("figure").first().getByRole("table");
    await alternative.waitFor();
    expect(await alternative.getByRole("columnheader", { name: "Décomptés" }).count()).toBe(1);
    await commune.getByRole("table", { name: /^Indicateurs de l.article L.\s441.1 du CCH/ }).waitFor();

    await commune.getByLabel("Nouvelle observation sur ce bilan").fill("Beaucoup de refus pour localisation à Blagnac.");
    await commune.getByRole("button", { name: "Publier l'observation" }).click();
    await commune.getByRole("article", { name: /^Observation de / }).getByText("Beaucoup de refus pour localisation à Blagnac.").waitFor({ timeout: 10_000 });

    await commune.getByLabel("Bilan intermédiaire au (facultatif)").fill("2026-06-30");
    await commune.getByRole("button", { name: "Afficher" }).click();
    await commune.getByRole("heading", { level: 1, name: "Bilan intermédiaire 2026" }).waitFor();
    await commune.screenshot({ path: process.env.BILAN_SCREENSHOT ?? `${process.env.TMPDIR ?? "/tmp"}/bilan-intermediaire.png`, fullPage: true });
    expect(errors).toEqual([]);
    await communeContext.close();
  }, 120_000);
});
