import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createConventionFromTemplate, listConventionsForUser } from "../../app/models/convention.server";
import { signedInContext } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { bailleurWithInventory } from "../support/conventions";
import { cookieFor } from "../support/server";

const s = browserSuite({ seed: true });

async function openAs(userId: string, path: string): Promise<Page & { errors: string[] }> {
  const ctx = await signedInContext(s.browser, s.t.base, await cookieFor(s.database, userId));
  const page = (await ctx.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  await page.goto(s.t.base + path);
  return page;
}

describe("browser: the view of a territory", () => {
  it("the DDETS sees the demo's pairs of its département and opens a convention from it; a bailleur sees only its own", async () => {
    const ddets = await s.demoUser("ddets");
    const bailleur = await s.demoUser("bailleur");
    const [demo] = await listConventionsForUser(s.database.db, bailleur.organisationId);
    // Another bailleur of Haute-Garonne, with its état des lieux and a convention with the DDETS.
    const other = await bailleurWithInventory(s.database, { name: "Logis de l'Autan", holders: {} });
    await createConventionFromTemplate(s.database.db, { organisationId: other.organisation.id }, {
      templateId: "prefectoral",
      title: "Contingent préfectoral — Logis de l'Autan",
      year: 2026,
      territory: { departement: "31" },
      parties: [{ organisationId: ddets.organisationId, role: "edition" }],
    });

    const page = await openAs(ddets.id, "/");
    await page.getByRole("link", { name: "Vue du territoire" }).click();
    await page.waitForURL(/\/territoire/);
    const table = page.getByRole("table", { name: /Couples bailleur × réservataire, 2026/ });
    const rowOf = (bailleurName: string, reservataireName: string) =>
      table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: bailleurName }) }).filter({ hasText: reservataireName });
    // The demo bailleur with each of its réservataires: the DDETS received the état des lieux in time, Action Logement late,
    // the département not at all.
    await expect.poll(() => rowOf("Garonne Habitat Solidaire", "DDETS de la Haute-Garonne").count()).toBe(1);
    expect(await rowOf("Garonne Habitat Solidaire", "DDETS de la Haute-Garonne").innerText()).toContain("Envoyé à temps");
    expect(await rowOf("Garonne Habitat Solidaire", "Action Logement Services").innerText()).toContain("Envoyé en retard");
    expect(await rowOf("Garonne Habitat Solidaire", "Conseil départemental de la Haute-Garonne").innerText()).toContain("Non envoyé, en retard");
    expect(await rowOf("Logis de l'Autan", "DDETS de la Haute-Garonne").count()).toBe(1);

    // Filter to the demo bailleur, then open its convention from the view.
    await page.getByLabel("Bailleur", { exact: true }).selectOption({ label: "Garonne Habitat Solidaire" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/bailleur=/);
    await expect.poll(() => table.getByRole("rowheader", { name: "Logis de l'Autan" }).count()).toBe(0);
    await rowOf("Garonne Habitat Solidaire", "DDETS de la Haute-Garonne").getByRole("link", { name: demo.title }).click();
    await page.waitForURL(new RegExp(`/conventions/${demo.id}$`));
    await page.getByRole("status").getByText("Connecté").waitFor();
    expect(page.errors).toEqual([]);
    await page.context().close();

    // The demo bailleur's own pairs only.
    const own = await openAs(bailleur.id, "/territoire");
    const ownTable = own.getByRole("table", { name: /Couples bailleur × réservataire/ });
    await ownTable.getByRole("rowheader", { name: "Garonne Habitat Solidaire" }).first().waitFor();
    const bailleurs = await ownTable.getByRole("rowheader").allInnerTexts();
    expect(new Set(bailleurs)).toEqual(new Set(["Garonne Habitat Solidaire"]));
    expect(own.errors).toEqual([]);
    await own.context().close();
  });
});
