// No internal code reaches a person: every page a juriste opens, the convention page with its journal full of events
// of every kind, is read as displayed text (innerText) and checked against every code of the vocabulary and the
// templates (tests/support/code-scan.ts).
import { describe, expect, it } from "vitest";
import { signedInContext } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { codeScanner } from "../support/code-scan";
import { everydayFixture, openConvention } from "../support/everyday";

// The relay writes its journal of live edits after one second here (a minute in production).
const s = browserSuite({ server: { journalWindowMs: 1_000 } });
const scanner = codeScanner();

describe("browser: no internal code shown as text", () => {
  it("the scanner knows the codes and catches the leaks this portal used to show", () => {
    expect(scanner.codes).toEqual(expect.arrayContaining(["deleguee", "prete_pour_signature", "pas_d_accord", "vente", "gestion_prefet", "etat_des_lieux_confirme"]));
    expect(scanner.distinctive).toEqual(expect.arrayContaining(["deleguee", "create", "a_revoir", "sous_conditions", "securite_interieure"]));
    expect(scanner.find("Mode de gestion du contingent préfectoral (deleguee)")).toContain("deleguee");
    expect(scanner.find("Julien Roux — version create · Proposition")).toContain("create");
    expect(scanner.find("Logements exclus (vente)")).toContain("(vente)");
    expect(scanner.find("Gestion déléguée au bailleur — Plan de vente — Relogements liés aux ventes")).toEqual([]);
  });

  it("pages of the bailleur, the DDETS and a reader, the journal included, show labels only", async () => {
    const fx = await everydayFixture(s.database, s.t.base);
    const found: Record<string, string[]> = {};
    for (const who of ["bailleur", "ddets", "commune", "departement"] as const) {
      const context = await signedInContext(s.browser, s.t.base, fx.cookies[who]);
      const page = await context.newPage();
      await openConvention(page, s.t.base, fx.conventionId);
      const journal = page.getByRole("list", { name: "Journal de la convention" });
      // The journal holds events of every kind the fixture made (and the relay's journal of the live edits).
      await journal.getByText("Modification du texte", { exact: false }).first().waitFor({ timeout: 90_000 });
      for (const kind of ["Création", "Statut", "Position", "Approbation", "Commentaire", "Échéance", "Version", "Parties", "Export", "Option", "Paramètre"])
        expect(await journal.locator(".badge-kind", { hasText: kind }).count(), kind).toBeGreaterThan(0);
      if (who === "bailleur") {
        await page.getByRole("button", { name: /^Historique : Mode de gestion du contingent préfectoral/ }).click();
        await page.getByLabel("Comparer la version").selectOption("1");
        await page.getByLabel("à la version").selectOption({ index: 2 });
        await page.getByRole("button", { name: "Comparer" }).click();
        await page.getByRole("region", { name: "Différences entre versions" }).waitFor();
      }
      found[`${who} convention`] = scanner.find(await page.locator("body").innerText());
      const yearly = ["/territoire", `/conventions/${fx.conventionId}/bilans/2026`];
      const paths =
        who === "bailleur"
          ? ["/", "/conventions/nouvelle", "/inventaires", `/inventaires/${fx.pendingImportId}`, "/decomptes", ...yearly]
          : ["/", "/conventions/nouvelle", "/etats-des-lieux-recus", ...yearly];
      for (const path of paths) {
        await page.goto(`${s.t.base}${path}`);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        found[`${who} ${path}`] = scanner.find(await page.locator("body").innerText());
      }
      await context.close();
    }
    expect(Object.entries(found).filter(([, codes]) => codes.length > 0)).toEqual([]);
  });
});
