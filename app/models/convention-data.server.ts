// The server-owned part of a convention: computed from the database rows (convention, parties, the bailleur's current
// inventory), or read from the signature once the convention is signed. The read API, the exports and every decision
// take it from here, never from the Yjs document, where it is only mirrored for live display
// (docs/decisions/0008-server-owned-convention-data.md).
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conventionParties as partiesTable, conventionSignatures, conventions, organisations } from "../../db/schema";
import type { ServerData } from "../collab/state";
import type { ConventionMeta } from "../domain/convention/state";
import type { ConventionStatus } from "../lib/status";
import { conventionParties } from "./convention-state.server";
import { inventorySummary, latestInventory } from "./inventory.server";

/** The server data plus what the hooks need to decide (the template the options are checked against). */
export interface ServerConventionData extends ServerData {
  templateId: string | null;
  signed: boolean;
}

/** The convention's meta as its row says (the document never decides it). */
export function metaOfRow(row: typeof conventions.$inferSelect): ConventionMeta {
  const year = row.year ?? new Date().getFullYear();
  return {
    templateId: row.templateId ?? "",
    templateVersion: row.templateVersion ?? "",
    title: row.title,
    year,
    departement: row.departement,
    ...(row.epci ? { epci: row.epci } : {}),
    ...(row.commune ? { commune: row.commune } : {}),
    startDate: row.startDate ?? `${year}-01-01`,
    durationYears: row.durationYears ?? 6,
    ...(row.signatureDate ? { signatureDate: row.signatureDate } : {}),
  };
}

/**
 * The bailleur whose inventory the convention's figures follow: its pilot when the pilot is a bailleur, otherwise the
 * first bailleur party — and only a bailleur that accepted to be a party (its consent to share its data).
 */
export async function referenceBailleur(db: Db, conventionId: string, pilotId: string): Promise<string | null> {
  const rows = await db
    .select({ id: organisations.id, status: partiesTable.status })
    .from(partiesTable)
    .innerJoin(organisations, eq(organisations.id, partiesTable.organisationId))
    .where(and(eq(partiesTable.conventionId, conventionId), eq(organisations.kind, "bailleur")))
    .orderBy(asc(partiesTable.createdAt));
  const accepted = rows.filter((r) => r.status === "acceptee");
  return (accepted.find((r) => r.id === pilotId) ?? accepted[0])?.id ?? null;
}

/** The server data of a convention, from the signature when it is signed; null when it does not exist. */
export async function loadServerData(db: Db, conventionId: string): Promise<ServerConventionData | null> {
  const [row] = await db.select().from(conventions).where(eq(conventions.id, conventionId));
  if (!row) return null;
  if (row.status === "signee") {
    const [signature] = await db.select().from(conventionSignatures).where(eq(conventionSignatures.conventionId, conventionId));
    if (signature) return { ...(signature.serverData as ServerData), status: "signee", templateId: row.templateId, signed: true };
  }
  const year = row.year ?? new Date().getFullYear();
  const reference = await referenceBailleur(db, conventionId, row.pilotOrganisationId);
  const stored = reference ? await latestInventory(db, reference, year) : null;
  return {
    status: row.status as ConventionStatus,
    templateId: row.templateId,
    signed: false,
    meta: metaOfRow(row),
    parties: await conventionParties(db, conventionId),
    inventory: stored ? inventorySummary(stored) : null,
  };
}
