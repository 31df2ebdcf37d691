// The server-owned part of a convention: computed from the database rows (convention, parties, each bailleur's current
// inventory counted on the territory, rotation data, negotiated terms), or read from the signature once signed. The read API, the exports and every decision
// take it from here, never from the Yjs document, where it is only mirrored for live display
// (docs/decisions/0010-server-owned-convention-data.md).
import { eq } from "drizzle-orm";
import type { Db, DbTransaction } from "../../db/client";
import { conventionSignatures, conventions } from "../../db/schema";
import type { ServerData } from "../collab/state";
import type { ConventionMeta } from "../domain/convention/state";
import type { TerritoryRef } from "../domain/perimeter/inputs";
import type { ConventionStatus } from "../lib/status";
import { conventionParties } from "./convention-state.server";
import { buildFluxInputs, resolveRowTerritory, territoryRef, type FluxInputsOptions } from "./flux-inputs.server";

/** The server data plus what the hooks need to decide (the template the options are checked against). */
export interface ServerConventionData extends ServerData {
  templateId: string | null;
  signed: boolean;
}

/** The convention's meta as its row says (the document never decides it), with its territory resolved. */
export function metaOfRow(row: typeof conventions.$inferSelect, territory: TerritoryRef): ConventionMeta {
  const year = row.year ?? new Date().getFullYear();
  return {
    templateId: row.templateId ?? "",
    templateVersion: row.templateVersion ?? "",
    title: row.title,
    year,
    departement: row.departement,
    territory,
    startDate: row.startDate ?? `${year}-01-01`,
    durationYears: row.durationYears ?? 6,
    ...(row.signatureDate ? { signatureDate: row.signatureDate } : {}),
  };
}

/**
 * The server data of a convention, from the signature when it is signed; null when it does not exist. `options`
 * lets a preview compute it with an import that is not yet confirmed.
 */
export async function loadServerData(db: Db | DbTransaction, conventionId: string, options: FluxInputsOptions = {}): Promise<ServerConventionData | null> {
  const [row] = await db.select().from(conventions).where(eq(conventions.id, conventionId));
  if (!row) return null;
  if (row.status === "signee" && !options.importOverride) {
    const [signature] = await db.select().from(conventionSignatures).where(eq(conventionSignatures.conventionId, conventionId));
    if (signature) return { ...(signature.serverData as ServerData), status: "signee", templateId: row.templateId, signed: true };
  }
  const parties = await conventionParties(db, conventionId);
  const { resolved } = await resolveRowTerritory(row);
  return {
    status: row.status as ConventionStatus,
    templateId: row.templateId,
    signed: false,
    meta: metaOfRow(row, territoryRef(resolved)),
    parties,
    flux: row.templateId ? await buildFluxInputs(db, row, parties, options) : null,
  };
}
