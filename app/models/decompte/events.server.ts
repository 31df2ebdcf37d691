// Reading stored décompte events: the import a bilan counts (the bailleur's latest of the year), its events on a
// territory as the counting reads them, and a bailleur's imports for its page.
import { and, desc, eq } from "drizzle-orm";
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

// An import's events never change once stored (a new file is a new import), so the ledger of the few imports read last
// is kept in memory: the bilans of a bailleur's many conventions read the database once per import, not once each
// (docs/decisions/0601-decompte-et-bilan.md, measured by npm run bench:bilan).
const LEDGER_CACHE_SIZE = 8;
const ledgers = new Map<string, Promise<LedgerEvent[]>>();

function ledgerOf(db: Db, importId: string): Promise<LedgerEvent[]> {
  const cached = ledgers.get(importId);
  if (cached) {
    ledgers.delete(importId);
    ledgers.set(importId, cached);
    return cached;
  }
  const loading = readLedger(db, importId);
  ledgers.set(importId, loading);
  // A failed read is not kept: the next bilan tries again.
  loading.catch(() => ledgers.delete(importId));
  while (ledgers.size > LEDGER_CACHE_SIZE) ledgers.delete(ledgers.keys().next().value!);
  return loading;
}

async function readLedger(db: Db, importId: string): Promise<LedgerEvent[]> {
  const rows = await db.select().from(decompteEvents).where(eq(decompteEvents.importId, importId));
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

// The events of a ledger on a territory, per territory key, for as long as the ledger stays cached: the conventions of a
// bailleur on one territory (the préfet's, Action Logement's, the communes') share the same list, and the counting
// keeps its cases per list (`casesOf`), so that their bilans do not rebuild them on the event loop each time.
const onTerritory = new WeakMap<LedgerEvent[], Map<string, readonly LedgerEvent[]>>();

/**
 * The events of an import on a territory, as ledger events; each commune is tested once (`inTerritory`). The same
 * territory key must always mean the same communes (a resolved territory's key does).
 */
export async function eventsOnTerritory(
  db: Db,
  importId: string,
  territory: { key: string; inTerritory: (insee: string) => boolean },
): Promise<readonly LedgerEvent[]> {
  const ledger = await ledgerOf(db, importId);
  let byTerritory = onTerritory.get(ledger);
  if (!byTerritory) onTerritory.set(ledger, (byTerritory = new Map()));
  const known = byTerritory.get(territory.key);
  if (known) return known;
  const inside = new Map<string, boolean>();
  const events = ledger.filter((event) => {
    let answer = inside.get(event.commune);
    if (answer === undefined) inside.set(event.commune, (answer = territory.inTerritory(event.commune)));
    return answer;
  });
  byTerritory.set(territory.key, events);
  return events;
}

/** A bailleur's imports, newest first, for its page. */
export async function listDecompteImports(db: Db, organisationId: string) {
  return db
    .select({ id: decompteImports.id, year: decompteImports.year, fileName: decompteImports.fileName, rows: decompteImports.rowCount, createdAt: decompteImports.createdAt })
    .from(decompteImports)
    .where(eq(decompteImports.organisationId, organisationId))
    .orderBy(desc(decompteImports.createdAt));
}
