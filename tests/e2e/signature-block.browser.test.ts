import { describe, expect, it } from "vitest";
import { browserSuite } from "../support/browser-suite";
import { signedInContext } from "../support/browser";
import { negotiationFixture } from "../integration/negotiation-support";

const s = browserSuite();

describe("browser: signature blocks", () => {
  it("the DDETS fills in its block on the convention page; another party sees the State named as a legal person live, without a form of its own", async () => {
    const { conventionId, cookies, members } = await negotiationFixture(s.database, { signatureBlocks: false });
    const ctxA = await signedInContext(s.browser, s.t.base, cookies.ddets);
    const ctxB = await signedInContext(s.browser, s.t.base, cookies.commune);
    const ddets = await ctxA.newPage();
    const commune = await ctxB.newPage();
    const errors: string[] = [];
    for (const p of [ddets, commune]) p.on("pageerror", (e) => errors.push(e.message));
    await Promise.all([ddets.goto(`${s.t.base}/conventions/${conventionId}`), commune.goto(`${s.t.base}/conventions/${conventionId}`)]);
    for (const p of [ddets, commune]) await p.getByRole("status").getByText("Connecté").waitFor();

    const stateBlock = (page: typeof ddets) => page.getByTestId(`signature-block-${members.ddets.organisation.id}`);
    await stateBlock(commune).getByText(/À compléter par .*civilité du signataire, nom du signataire, qualité du signataire/).waitFor();
    // The commune is in commentaire: it reads the blocks and is told how to fill its own.
    await commune.getByText("Votre rôle ne permet pas de remplir le bloc de signature de votre organisation").waitFor();
    expect(await commune.getByRole("form", { name: /^Bloc de signature de/ }).count()).toBe(0);

    const form = ddets.getByRole("form", { name: `Bloc de signature de ${members.ddets.organisation.name}` });
    await form.getByLabel("Civilité").selectOption("Mme");
    await form.getByLabel("Prénom et nom").fill("Nadia Ferrand");
    await form.getByLabel("Qualité").fill("directrice départementale de l'emploi, du travail et des solidarités");
    await form.getByLabel("Signe pour le préfet et par délégation").check();
    await form.getByLabel("Numéro de l'arrêté de délégation").fill("31-2025-09-01-00004");
    await form.getByRole("button", { name: "Enregistrer le bloc de signature" }).click();
    await form.getByRole("status").getByText("Bloc de signature enregistré.").waitFor({ timeout: 10_000 });
    // Without the arrêté's date the block is saved but still incomplete, for every reader.
    await stateBlock(commune).getByText(/À compléter par .*: date de l’arrêté de délégation\./).waitFor({ timeout: 10_000 });
    await form.getByLabel("Date de l'arrêté de délégation").fill("2025-09-01");
    await form.getByRole("button", { name: "Enregistrer le bloc de signature" }).click();

    // Live on the commune's page, through the server's mirror, typeset as the document prints it.
    await stateBlock(commune)
      .getByText(/^L’État, représenté par le préfet de la Haute-Garonne, et par délégation, Mme\sNadia Ferrand, directrice départementale de l’emploi, du travail et des solidarités \(arrêté n°\s31.2025.09.01.00004 du 1/)
      .waitFor({ timeout: 10_000 });
    await stateBlock(commune).getByText("Bloc complet.").waitFor();
    expect(errors).toEqual([]);
    await ctxA.close();
    await ctxB.close();
  });
});
