import { importInventoryFile } from "../../app/domain/inventory/import-file";
import type { ReservataireKind } from "../../app/domain/flux/schema";
import { mappingKey, type CodeMapping, type ReservataireRef } from "../../app/domain/perimeter/reservataires";
import { storeInventoryImport } from "../../app/models/inventory.server";
import type { DbHandle } from "../../db/client";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { createMember, type Organisation, type User } from "../../db/factories";
import type { OrganisationKind } from "../../app/lib/roles";

/**
 * The codes of the demo generator's état des lieux (db/demo-inventory.ts) and whom they designate among a test's own
 * organisations. The mapping is frozen on the test's import, so tests never depend on the shared register of a
 * département (test files may share one PostgreSQL database).
 */
export function demoHolders(orgs: { prefet?: Organisation; action_logement?: Organisation; departement?: Organisation; commune?: Organisation }): Record<string, ReservataireRef | null> {
  const ref = (org: Organisation | undefined, kind: ReservataireKind) => (org ? { organisationId: org.id, kind } : null);
  return {
    "ddets-prio": ref(orgs.prefet, "prefet_prioritaires"),
    "ddets-fonct": ref(orgs.prefet, "prefet_fonctionnaires"),
    al: ref(orgs.action_logement, "action_logement"),
    cd31: ref(orgs.departement, "departement"),
    "ville-de-blagnac": ref(orgs.commune, "commune"),
  };
}

/**
 * A bailleur with a confirmed, current état des lieux for a year (the demo generator, smaller; Haute-Garonne), its codes
 * read as `holders` says (a code it does not name is non réservé). Ready to pilot conventions.
 */
export async function bailleurWithInventory(
  database: DbHandle,
  options: { year?: number; dwellings?: number; holders?: Record<string, ReservataireRef | null>; name?: string } = {},
) {
  const { year = 2026, dwellings = 2_000, holders = {} } = options;
  const bailleur = await createMember(database.db, "bailleur", options.name ? { name: options.name } : {});
  await importFor(database, bailleur, { year, csv: demoInventoryCsv(dwellings), holders });
  return bailleur;
}

/** Imports and confirms an état des lieux for an existing bailleur (every code of the file read through `holders`). */
export async function importFor(
  database: DbHandle,
  bailleur: { organisation: Organisation; user: User },
  input: { year: number; csv: string; holders: Record<string, ReservataireRef | null>; fileName?: string },
) {
  const imported = await importInventoryFile(new TextEncoder().encode(input.csv), input.fileName ?? "edl.csv");
  if (!imported.ok) throw new Error(imported.issues[0].message);
  const mapping: CodeMapping = {};
  for (const departement of Object.keys(imported.aggregates.departements))
    for (const code of Object.keys(imported.aggregates.codes)) mapping[mappingKey(departement, code)] = input.holders[code] ?? null;
  return storeInventoryImport(database.db, {
    organisationId: bailleur.organisation.id,
    userId: bailleur.user.id,
    year: input.year,
    fileName: input.fileName ?? "edl.csv",
    rows: imported.rows,
    aggregates: imported.aggregates,
    confirm: { mapping },
  });
}

/** The réservataire parties each template is written for, as the tests create them, and the territory it covers. */
export const TEMPLATE_PARTIES: Record<string, OrganisationKind[]> = {
  prefectoral: ["prefet"],
  collectivites: ["commune"],
  "action-logement": ["action_logement"],
  "epci-multipartite": ["epci", "prefet", "action_logement", "bailleur"],
};

export const TEMPLATE_TERRITORIES: Record<string, { departement: string } | { epci: string } | { communes: string[] }> = {
  prefectoral: { departement: "31" },
  collectivites: { communes: ["31069"] },
  "action-logement": { departement: "31" },
  "epci-multipartite": { epci: "243100518" },
};

export async function membersOf(database: DbHandle, kinds: OrganisationKind[]) {
  const out: { organisation: Organisation; user: User }[] = [];
  for (const kind of kinds) out.push(await createMember(database.db, kind));
  return out;
}
