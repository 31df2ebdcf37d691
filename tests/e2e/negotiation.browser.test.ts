import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { launchBrowser, signedInContext } from "../support/browser";
import { openTestDb } from "../support/db";
import { startTestServer, type TestServer } from "../support/server";
import { negotiationFixture } from "../integration/negotiation-support";

let database: DbHandle;
let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await database?.close();
});

describe("browser: negotiation of an option", () => {
  it("ddets disagrees on the mixed management option, the bailleur sees it live, changes the choice, and the position turns 'à revoir'", async () => {
    const { conventionId, cookies, members } = await negotiationFixture(database);
    const ctxA = await signedInContext(browser, t.base, cookies.bailleur);
    const ctxB = await signedInContext(browser, t.base, cookies.ddets);
    const bailleur = await ctxA.newPage();
    const ddets = await ctxB.newPage();
    const errors: string[] = [];
    for (const p of [bailleur, ddets]) p.on("pageerror", (e) => errors.push(e.message));
    await Promise.all([bailleur.goto(`${t.base}/conventions/${conventionId}`), ddets.goto(`${t.base}/conventions/${conventionId}`)]);
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
    await bailleur.getByRole("combobox", { name: "Mode de gestion du flux d'Action Logement" }).selectOption("deleguee");
    await cell(bailleur).getByText("à revoir").waitFor({ timeout: 10_000 });
    await cell(ddets).getByText("à revoir").waitFor({ timeout: 10_000 });
    await expect(cell(ddets).getByText("Pas d'accord").count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await ctxA.close();
    await ctxB.close();
  });
});
