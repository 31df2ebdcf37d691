// Reading stored décompte events: the import a bilan counts (the bailleur's latest of the year), its events on a
// territory as the counting reads them, and a bailleur's imports for its page.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { decompteEvents, decompteImports } from "../../../db/schema";
import type { LedgerEvent } from "../../domain/decompte/count";
import { reservataireKey } from "../../domain/perimeter/reservataires";

export type DecompteImportRow = typeof decompteImports.$inferSelect;

/** The import every bilan of that bailleur and year counts: its latest one. */
export async function latestDecompteImport(db: Db, organisationId: string, year: number): Promise<DecompteImportRow | null> {
  const [row] = await db
    .select()
    .from(decompteImports)
    .where(and(eq(decompteImports.organisationId, organisationId), eq(decompteImports.year, year)))
    .orderBy(desc(decompteImports.createdAt), desc(decompteImports.id))
    .limit(1);
  return row ?? null;
}

/**
 * The events of an import on a territory, as ledger events. The communes are tested once each (`inTerritory`), and
 * only the events of those inside are read.
 */
export async function eventsOnTerritory(db: Db, importId: string, inTerritory: (insee: string) => boolean): Promise<LedgerEvent[]> {
  const communes = (await db.selectDistinct({ commune: decompteEvents.commune }).from(decompteEvents).where(eq(decompteEvents.importId, importId)))
    .map((row) => row.commune)
    .filter(inTerritory);
  if (communes.length === 0) return [];
  const rows = await db
    .select()
    .from(decompteEvents)
    .where(and(eq(decompteEvents.importId, importId), inArray(decompteEvents.commune, communes)));
  return rows.map((row) => ({
    line: row.line,
    rpls: row.rpls,
    holder: row.holderOrganisationId && row.holderKind ? reservataireKey({ organisationId: row.holderOrganisationId, kind: row.holderKind }) : null,
    date: row.date,
    event: row.event,
    motif: row.motif,
    adaptee: row.adaptee,
    prioritaire: row.prioritaire,
    dalo: row.dalo,
    premierQuartile: row.premierQuartile,
    commune: row.commune,
    qpv: row.qpv,
    typologie: row.typologie,
    financement: row.financement,
  }));
}

/** A bailleur's imports, newest first, for its page. */
export async function listDecompteImports(db: Db, organisationId: string) {
  return db
    .select({ id: decompteImports.id, year: decompteImports.year, fileName: decompteImports.fileName, rows: decompteImports.rowCount, createdAt: decompteImports.createdAt })
    .from(decompteImports)
    .where(eq(decompteImports.organisationId, organisationId))
    .orderBy(desc(decompteImports.createdAt));
}
