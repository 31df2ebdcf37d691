import { importInventoryFile } from "../../app/domain/inventory/import-file";
import { storeInventoryImport } from "../../app/models/inventory.server";
import type { DbHandle } from "../../db/client";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { createMember, type Organisation, type User } from "../../db/factories";
import type { OrganisationKind } from "../../app/lib/roles";

/** A bailleur with an imported inventory for a year (the demo generator, smaller), ready to pilot conventions. */
export async function bailleurWithInventory(database: DbHandle, year = 2026, dwellings = 2_000) {
  const bailleur = await createMember(database.db, "bailleur");
  const imported = await importInventoryFile(new TextEncoder().encode(demoInventoryCsv(dwellings)), "edl.csv");
  if (!imported.ok) throw new Error(imported.issues[0].message);
  await storeInventoryImport(database.db, {
    organisationId: bailleur.organisation.id,
    userId: bailleur.user.id,
    year,
    fileName: "edl.csv",
    rows: imported.rows,
    aggregates: imported.aggregates,
  });
  return bailleur;
}

/** The réservataire parties each template is written for, as the tests create them. */
export const TEMPLATE_PARTIES: Record<string, OrganisationKind[]> = {
  prefectoral: ["prefet"],
  collectivites: ["commune"],
  "action-logement": ["action_logement"],
  "epci-multipartite": ["epci", "prefet", "action_logement", "bailleur"],
};

export async function membersOf(database: DbHandle, kinds: OrganisationKind[]) {
  const out: { organisation: Organisation; user: User }[] = [];
  for (const kind of kinds) out.push(await createMember(database.db, kind));
  return out;
}

/** Complete negotiated data for a convention created from a template's defaults: a typed rotation rate. */
export const COMPLETE_PARAMETERS = {
  rotationMethod: "saisi" as const,
  rotationRate: "0.082",
  deductions: { mutations: 20, anru: 6, orcod: 0, lhi: 2, ventes: 4 },
};
