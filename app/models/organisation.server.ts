import { asc, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organisations } from "../../db/schema";
import type { OrganisationKind } from "../lib/roles";

export interface OrganisationEntry {
  id: string;
  name: string;
  kind: OrganisationKind;
  departement: string | null;
}

/** The directory of organisations a pilot can invite as parties. */
export async function listOrganisations(db: Db): Promise<OrganisationEntry[]> {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, departement: organisations.departement })
    .from(organisations)
    .orderBy(asc(organisations.kind), asc(organisations.name));
  return rows.map((r) => ({ ...r, kind: r.kind as OrganisationKind }));
}

export async function getOrganisations(db: Db, ids: string[]): Promise<OrganisationEntry[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, departement: organisations.departement })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return rows.map((r) => ({ ...r, kind: r.kind as OrganisationKind }));
}
