import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conventionParties, conventions, organisations } from "../../db/schema";
import type { OrganisationKind, Role } from "../lib/roles";

export interface ConventionSummary {
  id: string;
  title: string;
  role: Role;
  status: string;
  departement: string;
  epci: string | null;
  commune: string | null;
  year: number | null;
  pilot: { id: string; name: string };
  parties: number;
  updatedAt: string;
}

export interface Party {
  id: string;
  name: string;
  kind: OrganisationKind;
  role: Role;
}

export interface ConventionAccess {
  convention: typeof conventions.$inferSelect;
  role: Role;
  isPilot: boolean;
}

/** The conventions whose parties include the user's organisation, most recently changed first. */
export async function listConventionsForUser(db: Db, organisationId: string): Promise<ConventionSummary[]> {
  const rows = await db
    .select({ convention: conventions, role: conventionParties.role, pilotName: organisations.name })
    .from(conventionParties)
    .innerJoin(conventions, eq(conventions.id, conventionParties.conventionId))
    .innerJoin(organisations, eq(organisations.id, conventions.pilotOrganisationId))
    .where(eq(conventionParties.organisationId, organisationId))
    .orderBy(desc(conventions.updatedAt), asc(conventions.title));
  if (rows.length === 0) return [];
  const counts = await db
    .select({ conventionId: conventionParties.conventionId })
    .from(conventionParties)
    .where(
      inArray(
        conventionParties.conventionId,
        rows.map((r) => r.convention.id),
      ),
    );
  const partyCount = new Map<string, number>();
  for (const c of counts) partyCount.set(c.conventionId, (partyCount.get(c.conventionId) ?? 0) + 1);
  return rows.map(({ convention: c, role, pilotName }) => ({
    id: c.id,
    title: c.title,
    role: role as Role,
    status: c.status,
    departement: c.departement,
    epci: c.epci,
    commune: c.commune,
    year: c.year,
    pilot: { id: c.pilotOrganisationId, name: pilotName },
    parties: partyCount.get(c.id) ?? 0,
    updatedAt: c.updatedAt.toISOString(),
  }));
}

/** The user's role on a convention, or null when the convention does not exist or the user is not a party. */
export async function getConventionAccess(
  db: Db,
  organisationId: string,
  conventionId: string,
): Promise<ConventionAccess | null> {
  const rows = await db
    .select({ convention: conventions, role: conventionParties.role })
    .from(conventions)
    .innerJoin(
      conventionParties,
      and(eq(conventionParties.conventionId, conventions.id), eq(conventionParties.organisationId, organisationId)),
    )
    .where(eq(conventions.id, conventionId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    convention: row.convention,
    role: row.role as Role,
    isPilot: row.convention.pilotOrganisationId === organisationId,
  };
}

export async function listParties(db: Db, conventionId: string): Promise<Party[]> {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, role: conventionParties.role })
    .from(conventionParties)
    .innerJoin(organisations, eq(organisations.id, conventionParties.organisationId))
    .where(eq(conventionParties.conventionId, conventionId))
    .orderBy(asc(conventionParties.createdAt), asc(organisations.name));
  return rows.map((r) => ({ ...r, kind: r.kind as OrganisationKind, role: r.role as Role }));
}
