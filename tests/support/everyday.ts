// A convention as a DDETS juriste finds it after a few days of work: positions (one « à revoir »), approvals, a comment
// thread with a reply, an overdue deadline, a named version, an export, a role change, a text edit, an option and a
// setting changed, and a pending import of the bailleur with a code to answer. Shared by the browser tests of
// everyday use (accessibility, codes shown as text, keyboard, screens), each on its own organisations.
import type { Page } from "playwright-core";
import type { DbHandle } from "../../db/client";
import { importInventoryFile } from "../../app/domain/inventory/import-file";
import { currentImport, storeInventoryImport } from "../../app/models/inventory.server";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { api, insertInArticle, negotiationFixture } from "../integration/negotiation-support";
import { dwellingsOfInventory, eventsCsv, generateEvents } from "./decompte-events";
import { connectClient, until } from "./server";

export type EverydayFixture = Awaited<ReturnType<typeof everydayFixture>>;

export async function everydayFixture(database: DbHandle, base: string) {
  const fx = await negotiationFixture(database);
  const c = `/api/conventions/${fx.conventionId}`;
  const must = async (who: keyof typeof fx.cookies, method: string, path: string, body?: unknown) => {
    const r = await api(base, fx.cookies[who], method, path, body);
    if (r.status >= 300) throw new Error(`${who} ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await must("bailleur", "POST", `${c}/status`, { status: "en_negociation" });
  const view = await must("bailleur", "GET", `${c}/negotiation`);
  const [first, second] = view.articles as { id: string }[];
  await must("ddets", "POST", `${c}/positions`, { option: "gestion_prefet", position: "pas_d_accord", reason: "La DDETS garde la main sur les publics prioritaires." });
  await must("al", "POST", `${c}/positions`, { option: "gestion_action_logement", position: "sous_conditions", reason: "Requalification limitée.", condition: "Au plus 30 % du flux." });
  await must("bailleur", "POST", `${c}/positions`, { option: "decompte", position: "d_accord", reason: "Conforme au référentiel." });
  await must("ddets", "POST", `${c}/approvals`, { article: first.id });
  await must("bailleur", "POST", `${c}/approvals`, { article: first.id });
  await must("bailleur", "POST", `${c}/approvals`, { article: second.id });
  const thread = await must("commune", "POST", `${c}/comments`, { article: second.id, body: "La commune souhaite un bilan semestriel." });
  await must("ddets", "POST", `${c}/comments/${thread.id}/replies`, { body: "La DDETS y est favorable." });
  await must("bailleur", "POST", `${c}/deadlines`, { option: "gestion_prefet", deadline: "2026-01-15" });
  await must("bailleur", "POST", `${c}/versions`, { name: "Proposition du bailleur" });
  await must("bailleur", "POST", `${c}/parties`, { organisationId: fx.members.departement.organisation.id, role: "commentaire" });
  const exported = await fetch(`${base}/conventions/${fx.conventionId}/export.docx`, { headers: { cookie: fx.cookies.ddets } });
  if (exported.status !== 200) throw new Error(`export: ${exported.status}`);
  await exported.arrayBuffer();

  // Live edits through the relay (a real client): a sentence in an article, an option and a setting changed.
  const client = connectClient(base, fx.conventionId, fx.cookies.bailleur);
  try {
    if (!(await until(() => client.provider.synced, 10_000))) throw new Error("client not synced");
    insertInArticle(client.doc, second.id, "Texte ajouté par le bailleur. ");
    client.doc.getMap("options").set("gestion_action_logement", { choice: "deleguee" });
    client.doc.getMap("parameters").set("signaturePlace", "Toulouse");
    // The position of Action Logement now answers a previous value of its option: « à revoir ».
    await until(async () => (await api(base, fx.cookies.al, "GET", `${c}/negotiation`)).body.positions.some((p: { status: string }) => p.status === "a_revoir"), 10_000);
  } finally {
    client.destroy();
  }

  // The year's events of the bailleur (the bilan has figures) and its état des lieux sent to its réservataires.
  const events = new FormData();
  events.set("year", "2026");
  events.set("file", new Blob([eventsCsv(generateEvents(dwellingsOfInventory(demoInventoryCsv(2_000)), 300, 5, 2026))]), "evenements-2026.csv");
  const decompte = await fetch(`${base}/api/decomptes`, { method: "POST", headers: { cookie: fx.cookies.bailleur, origin: base }, body: events });
  if (decompte.status !== 201) throw new Error(`décompte: ${decompte.status} ${await decompte.text()}`);
  const current = await currentImport(database.db, fx.members.bailleur.organisation.id, 2026);
  await must("bailleur", "POST", `/api/inventories/${current!.id}/envois`, {});

  // A pending import of the bailleur with a code no register knows.
  const csv = demoInventoryCsv(300).replace(/\n(031\d{7});al;/, "\n$1;bailleur-partenaire;");
  const parsed = await importInventoryFile(new TextEncoder().encode(csv), "etat-des-lieux-2027.csv");
  if (!parsed.ok) throw new Error(parsed.issues[0].message);
  const pending = await storeInventoryImport(database.db, {
    organisationId: fx.members.bailleur.organisation.id,
    userId: fx.members.bailleur.user.id,
    year: 2027,
    fileName: "etat-des-lieux-2027.csv",
    rows: parsed.rows,
    aggregates: parsed.aggregates,
  });
  return { ...fx, pendingImportId: pending.id, articles: view.articles as { id: string; number: number; title: string }[] };
}

/** Waits until the convention page is live: connected, negotiation loaded, journal rendered. */
export async function openConvention(page: Page, base: string, conventionId: string, hash = "") {
  await page.goto(`${base}/conventions/${conventionId}${hash}`);
  await page.getByRole("status").getByText("Connecté").waitFor({ timeout: 15_000 });
  await page.getByRole("list", { name: "Journal de la convention" }).waitFor({ timeout: 15_000 });
  await page.getByRole("textbox", { name: "Texte de la convention" }).locator('h2[data-section="article"]').first().waitFor();
}
