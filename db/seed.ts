import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { importInventoryFile } from "../app/domain/inventory/import-file";
import { createConventionFromTemplate } from "../app/models/convention.server";
import { storeInventoryImport } from "../app/models/inventory.server";
import { mappingOf, readCodes, registerCodes } from "../app/models/register.server";
import { demoInventoryCsv } from "./demo-inventory";
import { createOrganisation, createUser, setLegalIdentity, setSignatureBlock } from "./factories";
import { etatDesLieuxEnvois, fluxTerms, rotationData, users } from "./schema";

export const DEMO_PASSWORD = "conflux-demo";
/** The demo convention gathers several réservataires around one bailleur: the multipartite model fits it. */
export const DEMO_TEMPLATE = "epci-multipartite";
const DEMO_SEED_LOCK = 2026_0001;

/** The demo accounts: these addresses are a contract with the contract checks and the README. */
export const DEMO_ACCOUNTS = [
  { key: "bailleur", email: "bailleur@demo.conflux.fr", name: "Claire Dumas", title: "Directrice de la clientèle", what: "Garonne Habitat Solidaire — bailleur, pilote, édition" },
  { key: "ddets", email: "ddets@demo.conflux.fr", name: "Julien Roux", title: "Chef du service logement", what: "DDETS de la Haute-Garonne — édition" },
  { key: "action_logement", email: "action-logement@demo.conflux.fr", name: "Sonia Benali", title: "Responsable territoriale", what: "Action Logement Services — édition" },
  { key: "commune", email: "commune@demo.conflux.fr", name: "Marc Lefèvre", title: "Adjoint au maire délégué au logement", what: "Ville de Blagnac — commentaire" },
  { key: "departement", email: "lecteur@demo.conflux.fr", name: "Hélène Garcia", title: "Chargée de mission habitat", what: "Conseil départemental de la Haute-Garonne — lecture" },
  { key: "observateur", email: "observateur@demo.conflux.fr", name: "Paul Vidal", title: "Chargé d'études", what: "Toulouse Métropole Habitat Services — partie à aucune convention" },
] as const;

/** Creates the demo organisations, accounts and convention once; returns false when they already exist. */
export async function seedDemo(database: Db): Promise<boolean> {
  // Several processes (test files sharing one PostgreSQL database, a second server) may seed at once: one
  // transaction holding an advisory lock makes the check and the creation a single step.
  return database.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    return seedDemoLocked(tx as unknown as Db);
  });
}

async function seedDemoLocked(db: Db): Promise<boolean> {
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS[0].email)).limit(1);
  if (existing.length > 0) return false;

  const org = {
    bailleur: await createOrganisation(db, { name: "Garonne Habitat Solidaire", kind: "bailleur", departement: "31" }),
    ddets: await createOrganisation(db, { name: "DDETS de la Haute-Garonne", kind: "prefet", departement: "31" }),
    action_logement: await createOrganisation(db, { name: "Action Logement Services", kind: "action_logement", departement: "31" }),
    commune: await createOrganisation(db, { name: "Ville de Blagnac", kind: "commune", departement: "31", territoryCode: "31069" }),
    departement: await createOrganisation(db, { name: "Conseil départemental de la Haute-Garonne", kind: "departement", departement: "31" }),
    observateur: await createOrganisation(db, { name: "Toulouse Métropole Habitat Services", kind: "bailleur", departement: "31" }),
  };
  const created: Record<string, string> = {};
  for (const account of DEMO_ACCOUNTS) {
    const user = await createUser(db, {
      organisationId: org[account.key].id,
      email: account.email,
      name: account.name,
      title: account.title,
      password: DEMO_PASSWORD,
    });
    created[account.key] = user.id;
  }
  // Toulouse Métropole, the EPCI whose territory the demo convention covers (no account: a réservataire to invite).
  const metropole = await createOrganisation(db, { name: "Toulouse Métropole", kind: "epci", departement: "31", territoryCode: "243100518" });
  // Every organisation as a legal person (docs/decisions/0602-legal-persons-and-signature-blocks.md). The
  // organisations and people are fictitious; the SIRENs pass INSEE's check digit, Toulouse Métropole's is the one the
  // official geography gives its territory.
  await setLegalIdentity(db, org.bailleur.id, { legalName: "Garonne Habitat Solidaire", legalForm: "esh", siren: "399123454", address: "12 allée des Tilleuls, 31000 Toulouse", updatedBy: created.bailleur });
  await setLegalIdentity(db, org.action_logement.id, { legalName: "Action Logement Services", legalForm: "sas", siren: "777123456", address: "21 quai d'Austerlitz, 75013 Paris", updatedBy: created.action_logement });
  await setLegalIdentity(db, org.commune.id, { legalName: "Commune de Blagnac", legalForm: "commune", siren: "500123450", address: "Hôtel de ville, 1 place des Arts, 31700 Blagnac", updatedBy: created.commune });
  await setLegalIdentity(db, org.departement.id, { legalName: "Département de la Haute-Garonne", legalForm: "departement", siren: "888123452", address: "Hôtel du Département, 31090 Toulouse", updatedBy: created.departement });
  await setLegalIdentity(db, org.observateur.id, { legalName: "Toulouse Métropole Habitat Services", legalForm: "oph", siren: "444123459", address: "5 rue du Pont-Vieux, 31000 Toulouse", updatedBy: created.observateur });
  await setLegalIdentity(db, metropole.id, { legalName: "Toulouse Métropole", legalForm: "metropole", siren: "243100518", address: "6 rue René Leduc, 31000 Toulouse" });
  // The register of Haute-Garonne: the local codes bailleurs use in their états des lieux, and whom they designate.
  await registerCodes(db, "31", {
    "ddets-prio": { organisationId: org.ddets.id, kind: "prefet_prioritaires" },
    "ddets-fonct": { organisationId: org.ddets.id, kind: "prefet_fonctionnaires" },
    al: { organisationId: org.action_logement.id, kind: "action_logement" },
    cd31: { organisationId: org.departement.id, kind: "departement" },
    "ville-de-blagnac": { organisationId: org.commune.id, kind: "commune" },
  });
  // The bailleur's état des lieux for 2026, through the real importer, read through the register and confirmed.
  const imported = await importInventoryFile(new TextEncoder().encode(demoInventoryCsv()), "etat-des-lieux-2026.csv");
  if (!imported.ok) throw new Error(`demo inventory invalid: ${imported.issues[0]?.message}`);
  const readings = await readCodes(db, imported.aggregates);
  if (readings.some((r) => r.holder === undefined)) throw new Error("demo inventory: a code the register does not know");
  const etatDesLieux = await storeInventoryImport(db, {
    organisationId: org.bailleur.id,
    userId: created.bailleur,
    year: 2026,
    fileName: "etat-des-lieux-2026.csv",
    rows: imported.rows,
    aggregates: imported.aggregates,
    confirm: { mapping: mappingOf(readings) },
  });
  // Year n-1 as the bailleur's ERP reports it, for the département: the standard rate comes out at 1 043 / 14 476 ≈ 7,2 %.
  await db.insert(rotationData).values({
    organisationId: org.bailleur.id,
    departement: "31",
    year: 2026,
    data: {
      releases: { total: 1290, students: 30, specific: 12, mutations: 180, anru: 25, orcod: 0, lhi: 3 },
      stock: { total: 15000, students: 140, specific: 64, sale: 196, demolition: 124 },
    },
    updatedBy: created.bailleur,
  });
  // The forecast deductions of 2026 on the Métropole's territory.
  await db.insert(fluxTerms).values({
    organisationId: org.bailleur.id,
    year: 2026,
    territoryKey: "epci:243100518",
    terms: { deductions: { mutations: 120, anru: 16, orcod: 0, lhi: 2, ventes: 6 }, shares: {}, droitsDeSuite: {} },
    updatedBy: created.bailleur,
  });
  const conventionId = await createConventionFromTemplate(db, { organisationId: org.bailleur.id, userId: created.bailleur }, {
    templateId: DEMO_TEMPLATE,
    title: "Convention de réservation en flux 2026 — Garonne Habitat Solidaire",
    year: 2026,
    territory: { epci: "243100518" },
    startDate: "2026-01-01",
    parties: [
      { organisationId: org.ddets.id, role: "edition" },
      { organisationId: org.action_logement.id, role: "edition" },
      { organisationId: org.commune.id, role: "commentaire" },
      { organisationId: org.departement.id, role: "lecture" },
    ],
  });
  // The 2026 campaign so far: the DDETS received the état des lieux in time, Action Logement after 28 February; the
  // département and Blagnac are still waiting (the territory view shows them late).
  await db.insert(etatDesLieuxEnvois).values([
    { bailleurId: org.bailleur.id, reservataireId: org.ddets.id, year: 2026, importId: etatDesLieux.id, sentBy: created.bailleur, sentAt: new Date("2026-02-12T09:00:00Z") },
    { bailleurId: org.bailleur.id, reservataireId: org.action_logement.id, year: 2026, importId: etatDesLieux.id, sentBy: created.bailleur, sentAt: new Date("2026-03-04T14:30:00Z") },
  ]);
  // Each party's signature block, complete, so that the demo can reach « prête pour signature »: the State signs by
  // delegation of the préfet, the collectivités under a délibération, the companies through their executive.
  const blocks: [keyof typeof org, Parameters<typeof setSignatureBlock>[3]][] = [
    ["bailleur", { civility: "M.", name: "Olivier Mercier", title: "directeur général", updatedBy: created.bailleur }],
    [
      "ddets",
      {
        civility: "Mme",
        name: "Nadia Ferrand",
        title: "directrice départementale de l'emploi, du travail et des solidarités",
        delegation: true,
        actNumber: "31-2025-09-01-00004",
        actDate: "2025-09-01",
        updatedBy: created.ddets,
      },
    ],
    ["action_logement", { civility: "Mme", name: "Sonia Benali", title: "directrice régionale Occitanie", updatedBy: created.action_logement }],
    ["commune", { civility: "M.", name: "Bernard Lacoste", title: "maire", actNumber: "2025-112", actDate: "2025-11-18", updatedBy: created.commune }],
    ["departement", { civility: "M.", name: "Étienne Marty", title: "président du conseil départemental", actNumber: "2025-CP-0412", actDate: "2025-10-21", updatedBy: created.departement }],
  ];
  for (const [key, block] of blocks) await setSignatureBlock(db, conventionId, org[key].id, block);
  return true;
}

export function formatDemoAccounts(): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return [
    `Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.what}`),
  ].join("\n");
}
