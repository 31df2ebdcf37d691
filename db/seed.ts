import type { JSONContent } from "@tiptap/core";
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { createConvention, createOrganisation, createUser } from "./factories";
import { users } from "./schema";

export const DEMO_PASSWORD = "conflux-demo";

/** The demo accounts: these addresses are a contract with the contract checks and the README. */
export const DEMO_ACCOUNTS = [
  { key: "bailleur", email: "bailleur@demo.conflux.fr", name: "Claire Dumas", title: "Directrice de la clientèle", what: "Garonne Habitat Solidaire — bailleur, pilote, édition" },
  { key: "ddets", email: "ddets@demo.conflux.fr", name: "Julien Roux", title: "Chef du service logement", what: "DDETS de la Haute-Garonne — édition" },
  { key: "action_logement", email: "action-logement@demo.conflux.fr", name: "Sonia Benali", title: "Responsable territoriale", what: "Action Logement Services — édition" },
  { key: "commune", email: "commune@demo.conflux.fr", name: "Marc Lefèvre", title: "Adjoint au maire délégué au logement", what: "Ville de Blagnac — commentaire" },
  { key: "departement", email: "lecteur@demo.conflux.fr", name: "Hélène Garcia", title: "Chargée de mission habitat", what: "Conseil départemental de la Haute-Garonne — lecture" },
  { key: "observateur", email: "observateur@demo.conflux.fr", name: "Paul Vidal", title: "Chargé d'études", what: "Toulouse Métropole Habitat Services — partie à aucune convention" },
] as const;

function demoDocument(): JSONContent {
  const h = (level: number, text: string): JSONContent => ({ type: "heading", attrs: { level }, content: [{ type: "text", text }] });
  const p = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
  return {
    type: "doc",
    content: [
      h(1, "Convention de réservation en flux 2026 — Haute-Garonne"),
      p("Entre Garonne Habitat Solidaire, organisme de logement social, ci-après « le bailleur », et les réservataires signataires."),
      h(2, "Préambule"),
      p("La présente convention organise la gestion en flux des droits de réservation détenus sur le patrimoine du bailleur en Haute-Garonne, conformément au code de la construction et de l'habitation."),
      h(2, "Article 1 — Objet"),
      p("La convention fixe, pour chaque réservataire, la part du flux annuel d'attributions qui lui revient et les modalités de sa gestion."),
      h(2, "Article 2 — Patrimoine concerné"),
      p("Le flux porte sur les logements du bailleur situés dans le département, déduction faite des logements exclus en annexe."),
      h(2, "Article 3 — Durée"),
      p("La convention est conclue pour une durée de trois ans à compter de sa signature."),
    ],
  };
}

/** Creates the demo organisations, accounts and convention once; returns false when they already exist. */
export async function seedDemo(db: Db): Promise<boolean> {
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
  for (const account of DEMO_ACCOUNTS) {
    await createUser(db, {
      organisationId: org[account.key].id,
      email: account.email,
      name: account.name,
      title: account.title,
      password: DEMO_PASSWORD,
    });
  }
  await createConvention(db, {
    title: "Convention de réservation en flux 2026 — Garonne Habitat Solidaire",
    departement: "31",
    year: 2026,
    pilotOrganisationId: org.bailleur.id,
    parties: [
      { organisationId: org.bailleur.id, role: "edition" },
      { organisationId: org.ddets.id, role: "edition" },
      { organisationId: org.action_logement.id, role: "edition" },
      { organisationId: org.commune.id, role: "commentaire" },
      { organisationId: org.departement.id, role: "lecture" },
    ],
    document: demoDocument(),
  });
  return true;
}

export function formatDemoAccounts(): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return [
    `Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.what}`),
  ].join("\n");
}
