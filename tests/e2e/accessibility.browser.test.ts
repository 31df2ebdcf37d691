// RGAA / WCAG 2.1 AA, checked by axe-core in the real browser on every page a juriste uses: no violation, and no
// colour contrast that axe could not decide. The convention page is checked whole and section by section, with its
// live parts loaded (negotiation, journal, comments, an option's history open, a version comparison shown).
import { describe, expect, it } from "vitest";
import { signedInContext } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { axeProblems } from "../support/axe";
import { everydayFixture, openConvention, type EverydayFixture } from "../support/everyday";

// The relay writes its journal of live edits after one second here (a minute in production).
const s = browserSuite({ server: { journalWindowMs: 1_000 } });
let fx: EverydayFixture;

describe("browser: accessibility (axe-core, WCAG 2.1 AA)", () => {
  it("the check itself fails on what this page had before: a white-on-white button, an unlabelled field, pale text", async () => {
    const context = await s.browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.setContent(
      `<html lang="fr"><head><title>Essai</title></head><body><main><h1>Essai</h1>
       <div style="background:#fff"><button id="retirer" style="background:none;color:#fff;border:0">Retirer</button></div>
       <input type="text">
       <p id="pale" style="color:#bbb">Texte trop pâle</p></main></body></html>`,
    );
    const problems = await axeProblems(page);
    // White on white is a 1:1 ratio, which axe does not decide (it could be hidden on purpose): only "incomplete".
    expect(problems.some((p) => p.startsWith("incomplete color-contrast") && p.includes("#retirer")), problems.join("\n")).toBe(true);
    expect(problems.some((p) => p.startsWith("violation color-contrast") && p.includes("#pale")), problems.join("\n")).toBe(true);
    expect(problems.some((p) => p.startsWith("violation label")), problems.join("\n")).toBe(true);
    await context.close();
  });

  it("login and 404 pages, signed out", async () => {
    fx = await everydayFixture(s.database, s.t.base);
    const context = await s.browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${s.t.base}/login`);
    expect(await axeProblems(page)).toEqual([]);
    const missing = await page.goto(`${s.t.base}/cette-page-n-existe-pas`);
    expect(missing?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page introuvable" }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  });

  it("list, wizard, 404 inside the layout, import and import preview pages, signed in", async () => {
    const context = await signedInContext(s.browser, s.t.base, fx.cookies.bailleur);
    const page = await context.newPage();
    for (const path of ["/", "/conventions/nouvelle", "/inventaires", `/inventaires/${fx.pendingImportId}`, "/conventions/inconnue"]) {
      await page.goto(`${s.t.base}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      expect(await axeProblems(page), path).toEqual([]);
    }
    // The import page with its column guide open.
    await page.goto(`${s.t.base}/inventaires`);
    await page.locator("summary", { hasText: "Colonnes attendues" }).click();
    expect(await axeProblems(page), "guide des colonnes").toEqual([]);
    await context.close();
  });

  it("the yearly cycle's pages: territory view, états des lieux received, events of the décompte, bilan", async () => {
    for (const [who, path] of [
      ["ddets", "/territoire"],
      ["al", "/etats-des-lieux-recus"],
      ["bailleur", "/decomptes"],
      ["commune", `/conventions/${fx.conventionId}/bilans/2026`],
    ] as const) {
      const context = await signedInContext(s.browser, s.t.base, fx.cookies[who]);
      const page = await context.newPage();
      await page.goto(`${s.t.base}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      expect(await axeProblems(page), path).toEqual([]);
      await context.close();
    }
  });

  it("the convention page, whole and section by section, for the DDETS and for a reader", async () => {
    for (const who of ["ddets", "bailleur", "departement"] as const) {
      const context = await signedInContext(s.browser, s.t.base, fx.cookies[who]);
      const page = await context.newPage();
      await openConvention(page, s.t.base, fx.conventionId);
      expect(await axeProblems(page), `${who}: page`).toEqual([]);
      for (const section of ["#texte", "#flux", "#negociation", "#commentaires", "#versions", "#journal"]) {
        expect(await axeProblems(page, section), `${who}: ${section}`).toEqual([]);
      }
      if (who === "bailleur") {
        // Interactive states: an option's history open, two versions compared.
        await page.getByRole("button", { name: /^Historique : Mode de gestion du contingent préfectoral/ }).click();
        await page.getByLabel("Comparer la version").selectOption("1");
        await page.getByLabel("à la version").selectOption({ index: 2 });
        await page.getByRole("button", { name: "Comparer" }).click();
        await page.getByRole("region", { name: "Différences entre versions" }).waitFor();
        expect(await axeProblems(page), "bailleur: états ouverts").toEqual([]);
      }
      await context.close();
    }
  });
});
