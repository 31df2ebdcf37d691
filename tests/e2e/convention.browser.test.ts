import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserSuite } from "../support/browser-suite";
import { TEMPLATES } from "../../templates";
import { createConventionFromTemplate, listConventionsForUser } from "../../app/models/convention.server";
import { signedInContext } from "../support/browser";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { bailleurWithInventory, demoHolders, importFor, membersOf, TEMPLATE_PARTIES } from "../support/conventions";
import { cookieFor } from "../support/server";

const s = browserSuite({ seed: true });

async function openAs(userId: string, path: string): Promise<Page> {
  const ctx = await signedInContext(s.browser, s.t.base, await cookieFor(s.database, userId));
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(s.t.base + path);
  return page;
}

const sideTable = (page: Page) => page.getByTestId("side-flux-table");

/** What a user types in the territory picker for each template, and the suggestion they pick. */
const TERRITORY_SEARCH: Record<string, { type: string; pick: RegExp }> = {
  prefectoral: { type: "Haute-Garonne", pick: /Haute-Garonne/ },
  collectivites: { type: "Blagnac", pick: /Blagnac/ },
  "action-logement": { type: "Haute-Garonne", pick: /Haute-Garonne/ },
  "epci-multipartite": { type: "Toulouse Métropole", pick: /Toulouse Métropole/ },
};

describe("browser: conventions from templates", () => {
  for (const template of TEMPLATES) {
    it(`creates a convention from « ${template.title} » through the wizard; its figures are computed at once`, async () => {
      const others = await membersOf(s.database, TEMPLATE_PARTIES[template.id]);
      const orgOf = (kind: string) => others.find((o) => o.organisation.kind === kind)?.organisation;
      const pilot = await bailleurWithInventory(s.database, {
        holders: demoHolders({ prefet: orgOf("prefet"), action_logement: orgOf("action_logement"), commune: orgOf("commune") }),
      });
      const page = await openAs(pilot.user.id, "/conventions/nouvelle");
      await page.getByRole("radio", { name: new RegExp(template.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).check();
      await page.getByLabel("Titre").fill(`Convention test — ${template.title}`);
      await page.getByLabel("Année du flux").fill("2026");
      const search = TERRITORY_SEARCH[template.id];
      await page.getByRole("combobox", { name: "Territoire de la convention" }).fill(search.type);
      await page.getByRole("option", { name: search.pick }).first().click();
      for (const o of others) await page.getByLabel(o.organisation.name, { exact: true }).selectOption("edition");
      await page.getByRole("button", { name: "Créer la convention" }).click();
      await page.waitForURL(/\/conventions\/[0-9a-f-]{36}$/);
      const id = page.url().split("/").pop()!;
      await page.getByRole("status").getByText("Connecté").waitFor();
      // The bailleur's état des lieux gives the rate and the reserved dwellings: nothing to enter before the table shows.
      await sideTable(page).getByText("Total", { exact: false }).first().waitFor();
      const cookie = await cookieFor(s.database, pilot.user.id);
      const read = async () => (await fetch(`${s.t.base}/api/conventions/${id}`, { headers: { cookie } })).json();
      let state = await read();
      expect(state.template.id).toBe(template.id);
      expect(state.territory.label).toMatch(search.pick);
      const mine = state.flux.tables.find((t: { bailleur: { id: string } }) => t.bailleur.id === pilot.organisation.id);
      expect(mine.result).not.toBeNull();
      // Blagnac's dwellings all carry the commune's own rate on its former stock: the territory has a rate of its own.
      expect(mine.rotation.source).toBe(template.id === "collectivites" ? "territoire" : "etat_des_lieux");
      const invited = others.find((o) => o.organisation.kind === "bailleur");
      if (invited) {
        // Another bailleur's figures enter only once it accepts: until then the text cannot quote the whole flux.
        await page.getByText(`${invited.organisation.name} n'a pas encore accepté`, { exact: false }).first().waitFor();
        expect(state.unresolvedVariables.length).toBeGreaterThan(0);
        await importFor(s.database, invited, { year: 2026, csv: demoInventoryCsv(800), holders: {} });
        const answer = await fetch(`${s.t.base}/api/conventions/${id}/invitation`, {
          method: "POST",
          headers: { cookie: await cookieFor(s.database, invited.user.id), "content-type": "application/json", origin: s.t.base },
          body: JSON.stringify({ decision: "accepter" }),
        });
        expect(answer.status).toBe(200);
        // The pilot's open page follows without reloading: both tables and their sum.
        await sideTable(page).getByText("Total des bailleurs").waitFor();
        state = await read();
      }
      expect(state.unresolvedVariables).toEqual([]);
      expect(await page.getByRole("alert").count()).toBe(0);
      expect((page as Page & { errors?: string[] }).errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe("browser: live tables and validated options on the demo convention", () => {
  it("bailleur changes its forecast deductions; ddets sees the new flux table without reloading", async () => {
    const bailleur = await s.demoUser("bailleur");
    const ddets = await s.demoUser("ddets");
    const [demo] = await listConventionsForUser(s.database.db, bailleur.organisationId);
    const a = await openAs(bailleur.id, `/conventions/${demo.id}`);
    const b = await openAs(ddets.id, `/conventions/${demo.id}`);
    for (const p of [a, b]) await p.getByRole("status").getByText("Connecté").waitFor();
    await sideTable(b).locator("tbody tr").first().waitFor();

    // Timed inside the browsers (both read the same clock): from the keypress that commits the value on the
    // bailleur's screen to the mutation of the ddets' flux table.
    await b.evaluate(() => {
      const w = window as Window & { __changes?: number[] };
      w.__changes = [];
      new MutationObserver(() => w.__changes!.push(performance.timeOrigin + performance.now())).observe(
        document.querySelector('[data-testid="side-flux-table"]')!,
        { subtree: true, childList: true, characterData: true },
      );
    });
    const latencies: number[] = [];
    const field = a.locator(`[data-bailleur="${bailleur.organisationId}"]`).getByLabel("Mutations internes prévues");
    for (let i = 0; i < 20; i++) {
      const seen = await b.evaluate(() => (window as Window & { __changes?: number[] }).__changes!.length);
      await field.fill(String(100 + i * 7));
      const sentAt = await field.evaluate((el) => {
        const t = performance.timeOrigin + performance.now();
        el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        return t;
      });
      await b.waitForFunction((n) => (window as Window & { __changes?: number[] }).__changes!.length > n, seen, { timeout: 10_000 });
      const changedAt = await b.evaluate((n) => (window as Window & { __changes?: number[] }).__changes![n], seen);
      latencies.push(changedAt - sentAt);
    }
    latencies.sort((x, y) => x - y);
    const p95 = latencies[Math.ceil(0.95 * latencies.length) - 1];
    console.log(`live recompute, bailleur → ddets screen: p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (n=${latencies.length})`);
    // The ddets screen shows the same figures as the read API once the last change is saved.
    const cookie = await cookieFor(s.database, ddets.id);
    const state = await (await fetch(`${s.t.base}/api/conventions/${demo.id}`, { headers: { cookie } })).json();
    const table = state.flux.tables[0];
    expect(table.deductions.mutations).toBe(100 + 19 * 7);
    await b.waitForFunction(
      (expected) => document.querySelector('[data-testid="side-flux-table"]')!.textContent!.includes(expected),
      table.result.fluxRounded.toLocaleString("fr-FR").replace(/\s/g, "\u202F"),
    );
    // A computed block inside the text follows too.
    await b.locator('[data-computed-block="flux_table"]').first().waitFor();
    await a.context().close();
    await b.context().close();
  });

  it("negotiates a line's share in the panel; a share that overflows the flux is refused in French", async () => {
    const [prefet] = await membersOf(s.database, ["prefet"]);
    const pilot = await bailleurWithInventory(s.database, { holders: demoHolders({ prefet: prefet.organisation }) });
    const id = await createConventionFromTemplate(s.database.db, { organisationId: pilot.organisation.id }, {
      templateId: "prefectoral",
      title: "Convention préfectorale — parts négociées",
      year: 2026,
      territory: { departement: "31" },
      startDate: "2026-01-01",
      parties: [{ organisationId: prefet.organisation.id, role: "edition" }],
    });
    const page = await openAs(pilot.user.id, `/conventions/${id}`);
    await page.getByRole("status").getByText("Connecté").waitFor();
    const panel = page.locator(`[data-bailleur="${pilot.organisation.id}"]`);
    const share = panel.getByLabel(`${prefet.organisation.name} — publics prioritaires`, { exact: true });
    await share.fill("22,5");
    await share.press("Enter");
    await sideTable(page).getByText("22,5", { exact: false }).first().waitFor();
    const cookie = await cookieFor(s.database, pilot.user.id);
    const lineOf = (state: { flux: { tables: { lines: { kind: string; share: string }[] }[] } }, kind: string) =>
      state.flux.tables[0].lines.find((l) => l.kind === kind);
    const state = await (await fetch(`${s.t.base}/api/conventions/${id}`, { headers: { cookie } })).json();
    expect(lineOf(state, "prefet_prioritaires")?.share).toBe("0.225");
    // Both préfet lines together above the whole flux cannot be computed: refused in place, nothing written.
    const other = panel.getByLabel(`${prefet.organisation.name} — agents de l'État`, { exact: true });
    await other.fill("90");
    await other.press("Enter");
    await page.getByRole("alert").filter({ hasText: /100\s?%|dépass|plafond/ }).first().waitFor();
    const after = await (await fetch(`${s.t.base}/api/conventions/${id}`, { headers: { cookie } })).json();
    expect(lineOf(after, "prefet_fonctionnaires")?.share).not.toBe("0.9");
    expect(lineOf(after, "prefet_prioritaires")?.share).toBe("0.225");
    await page.context().close();
  });

  it("refuses 25 % requalification under mixed management in the UI, and the document keeps a valid value", async () => {
    const bailleur = await s.demoUser("bailleur");
    const [demo] = await listConventionsForUser(s.database.db, bailleur.organisationId);
    const page = await openAs(bailleur.id, `/conventions/${demo.id}`);
    await page.getByRole("status").getByText("Connecté").waitFor();
    await page.getByLabel("Mode de gestion du flux d’Action Logement").selectOption("mixte");
    const share = page.getByLabel("Part du flux annuel requalifiée");
    await share.fill("25");
    await share.press("Enter");
    await page.getByRole("alert").filter({ hasText: "au moins 30 %" }).first().waitFor();
    const cookie = await cookieFor(s.database, bailleur.id);
    const state = await (await fetch(`${s.t.base}/api/conventions/${demo.id}`, { headers: { cookie } })).json();
    const option = state.options.find((o: { key: string }) => o.key === "gestion_action_logement");
    expect(option.value.choice).toBe("mixte");
    expect(Number(option.value.params.requalification)).toBeGreaterThanOrEqual(0.3);
    await page.context().close();
  });
});
