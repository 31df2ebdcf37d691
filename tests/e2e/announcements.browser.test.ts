// Live changes are told to screen-reader users without flooding them: another party's burst of positions becomes one
// polite announcement (then at most one more after a quiet spell), and one's own actions are not announced.
import { describe, expect, it } from "vitest";
import { signedInContext } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { api, negotiationFixture } from "../integration/negotiation-support";

const s = browserSuite();

describe("browser: announcements of live changes", () => {
  it("announces a burst of another party's positions in one polite message, and not the reader's own", async () => {
    const fx = await negotiationFixture(s.database);
    const context = await signedInContext(s.browser, s.t.base, fx.cookies.bailleur);
    const page = await context.newPage();
    await page.goto(`${s.t.base}/conventions/${fx.conventionId}`);
    await page.getByRole("list", { name: "Journal de la convention" }).waitFor({ timeout: 15_000 });
    const region = page.getByTestId("live-announcer");
    expect(await region.getAttribute("aria-live")).toBe("polite");
    // Every message the region ever holds, in order.
    await region.evaluate((el) => {
      const w = window as unknown as { announced: string[] };
      w.announced = [];
      new MutationObserver(() => {
        if (el.textContent) w.announced.push(el.textContent);
      }).observe(el, { childList: true, subtree: true, characterData: true });
    });
    const announced = () => page.evaluate(() => (window as unknown as { announced: string[] }).announced);

    // The reader's own position first: confirmed in its form, not announced.
    const c = `/api/conventions/${fx.conventionId}`;
    await page.getByLabel("Option concernée").selectOption("decompte");
    await page.getByLabel("Raison").fill("Conforme au référentiel.");
    await page.getByRole("button", { name: "Enregistrer la position" }).click();
    await page.getByText("Position enregistrée sur « Fait générateur du décompte »", { exact: false }).waitFor();

    for (const [option, reason] of [
      ["gestion_prefet", "Premier avis."],
      ["repartition_prefet", "Deuxième avis."],
      ["decompte", "Troisième avis."],
    ])
      expect((await api(s.t.base, fx.cookies.ddets, "POST", `${c}/positions`, { option, position: "d_accord", reason })).status).toBe(201);
    await page.waitForFunction(() => (window as unknown as { announced: string[] }).announced.some((m) => m.includes("Troisième avis.")), undefined, { timeout: 15_000 });
    const messages = await announced();
    expect(messages.length).toBeLessThanOrEqual(2);
    expect(messages.some((m) => /^\d changements dans la convention, dont .+ : Position sur/.test(m))).toBe(true);
    expect(messages.join(" ")).not.toContain("Conforme au référentiel.");
    await context.close();
  });
});
