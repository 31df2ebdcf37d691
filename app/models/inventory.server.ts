// A bailleur's états des lieux: stored whole or not at all, read through the register of réservataires, confirmed by
// the bailleur before they change any figure, and made current per year by an append-only record, so that an earlier
// import can be made current again (docs/decisions/0011-territory-and-one-apportionment.md).
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { bulkInsert } from "../../db/bulk-insert";
import type { Db, DbTransaction } from "../../db/client";
import { auditEvents, conventionParties, conventions, inventoryCurrent, inventoryDwellings, inventoryImports } from "../../db/schema";
import type { CollabService } from "../collab/service";
import { aggregateRows, type InventoryAggregates } from "../domain/inventory/aggregate";
import type { ExclusionReason, Financement, Habitat, Typologie } from "../domain/inventory/cells";
import type { InventoryIssue } from "../domain/inventory/messages";
import type { ProgressListener } from "../domain/inventory/progress";
import type { InventoryRow } from "../domain/inventory/row";
import type { CodeMapping } from "../domain/perimeter/reservataires";
import type { AuditKind } from "./audit.server";
import { applyDecisions, learnCodes, readCodes, type CodeDecision, type CodeReading } from "./register.server";
import { parseInventoryOffThread } from "./inventory-parse.server";

// Dwellings are written by `bulkInsert` (one array per column), 2 000 per statement: each chunk costs the server's
// thread about 15 ms, and the progress shown to the bailleur moves between chunks
// (docs/decisions/0007-inventory-parse-worker.md).
const INSERT_CHUNK = 2_000;

export type ImportStatus = "en_attente" | "confirme" | "annule";

export interface StoredImport {
  id: string;
  organisationId: string;
  year: number;
  fileName: string;
  rowCount: number;
  aggregates: InventoryAggregates;
  status: ImportStatus;
  /** The codes' reading, frozen at confirmation (null before, or for an import stored before the register existed). */
  mapping: CodeMapping | null;
  createdAt: Date;
  confirmedAt: Date | null;
}

/** Stores an import and its dwellings in one transaction: all the rows or none. */
export async function storeInventoryImport(
  db: Db,
  input: {
    organisationId: string;
    userId: string;
    year: number;
    fileName: string;
    rows: InventoryRow[];
    aggregates: InventoryAggregates;
    /** A confirmed import (the seed, the one-shot API) also becomes the current one, with this mapping. */
    confirm?: { mapping: CodeMapping };
    /** Told after each chunk of dwellings written. */
    onProgress?: ProgressListener;
  },
): Promise<StoredImport> {
  const id = randomUUID();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(inventoryImports)
      .values({
        id,
        organisationId: input.organisationId,
        year: input.year,
        fileName: input.fileName,
        importedBy: input.userId,
        rowCount: input.rows.length,
        aggregates: input.aggregates,
        status: input.confirm ? "confirme" : "en_attente",
        mapping: input.confirm?.mapping ?? null,
        confirmedAt: input.confirm ? new Date() : null,
      })
      .returning();
    for (let i = 0; i < input.rows.length; i += INSERT_CHUNK) {
      input.onProgress?.({ stage: "enregistrement", rows: i, total: input.rows.length });
      await bulkInsert(
        tx,
        inventoryDwellings,
        input.rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          importId: id,
          line: r.line,
          rpls: r.rpls,
          reservataire: r.reservataire,
          departement: r.departement,
          epci: r.epci,
          commune: r.commune,
          qpv: r.qpv,
          typologie: r.typologie,
          financement: r.financement,
          habitat: r.habitat,
          rotationBailleur: r.rotationBailleur,
          rotationExReservataire: r.rotationExReservataire,
          conventionStart: r.conventionStart,
          conventionEnd: r.conventionEnd,
          exclusion: r.exclusion,
        })),
      );
    }
    if (input.confirm) await tx.insert(inventoryCurrent).values({ organisationId: input.organisationId, year: input.year, importId: id, setBy: input.userId });
    return toStored(row);
  });
}

function toStored(row: typeof inventoryImports.$inferSelect): StoredImport {
  return {
    id: row.id,
    organisationId: row.organisationId,
    year: row.year,
    fileName: row.fileName,
    rowCount: row.rowCount,
    aggregates: row.aggregates as InventoryAggregates,
    status: row.status as ImportStatus,
    mapping: (row.mapping as CodeMapping | null) ?? null,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
  };
}

/** The per-commune aggregates of an import stored before they existed are recomputed from its dwellings, once. */
async function withCurrentAggregates(db: Db | DbTransaction, stored: StoredImport): Promise<StoredImport> {
  if ((stored.aggregates as { version?: number }).version === 2) return stored;
  const rows = await db.select().from(inventoryDwellings).where(eq(inventoryDwellings.importId, stored.id));
  const aggregates = aggregateRows(
    rows.map((r) => ({
      ...r,
      typologie: r.typologie as Typologie,
      financement: r.financement as Financement,
      habitat: r.habitat as Habitat,
      exclusion: r.exclusion as ExclusionReason | null,
    })),
  );
  await db.update(inventoryImports).set({ aggregates }).where(eq(inventoryImports.id, stored.id));
  return { ...stored, aggregates };
}

export async function loadImport(db: Db | DbTransaction, importId: string): Promise<StoredImport | null> {
  const [row] = await db.select().from(inventoryImports).where(eq(inventoryImports.id, importId));
  return row ? withCurrentAggregates(db, toStored(row)) : null;
}

/**
 * A bailleur's current état des lieux for a year: the import its latest "current" record names. A bailleur that never
 * recorded one (imports stored before confirmation existed) gets its latest confirmed import.
 */
export async function currentImport(db: Db | DbTransaction, organisationId: string, year: number): Promise<StoredImport | null> {
  const [current] = await db
    .select({ importId: inventoryCurrent.importId })
    .from(inventoryCurrent)
    .where(and(eq(inventoryCurrent.organisationId, organisationId), eq(inventoryCurrent.year, year)))
    .orderBy(desc(inventoryCurrent.id))
    .limit(1);
  if (current) return loadImport(db, current.importId);
  const [legacy] = await db
    .select()
    .from(inventoryImports)
    .where(and(eq(inventoryImports.organisationId, organisationId), eq(inventoryImports.year, year), eq(inventoryImports.status, "confirme")))
    .orderBy(desc(inventoryImports.createdAt))
    .limit(1);
  return legacy ? withCurrentAggregates(db, toStored(legacy)) : null;
}

export async function listInventoryImports(db: Db, organisationId: string) {
  return db
    .select({
      id: inventoryImports.id,
      year: inventoryImports.year,
      fileName: inventoryImports.fileName,
      rowCount: inventoryImports.rowCount,
      status: inventoryImports.status,
      createdAt: inventoryImports.createdAt,
      confirmedAt: inventoryImports.confirmedAt,
    })
    .from(inventoryImports)
    .where(eq(inventoryImports.organisationId, organisationId))
    .orderBy(desc(inventoryImports.createdAt));
}

/** The current import of each year of a bailleur (year → import id). */
export async function currentImportIds(db: Db, organisationId: string): Promise<Map<number, string>> {
  const rows = await db
    .select({ year: inventoryCurrent.year, importId: inventoryCurrent.importId })
    .from(inventoryCurrent)
    .where(eq(inventoryCurrent.organisationId, organisationId))
    .orderBy(inventoryCurrent.id);
  const current = new Map<number, string>();
  for (const row of rows) current.set(row.year, row.importId);
  return current;
}

/** The conventions of a year to which the bailleur is an accepted party: those whose figures follow its inventory. */
export async function conventionsUsingInventory(db: Db | DbTransaction, organisationId: string, year: number): Promise<{ id: string; status: string }[]> {
  return db
    .select({ id: conventions.id, status: conventions.status })
    .from(conventions)
    .innerJoin(conventionParties, eq(conventionParties.conventionId, conventions.id))
    .where(and(eq(conventionParties.organisationId, organisationId), eq(conventionParties.status, "acceptee"), eq(conventions.year, year)));
}

export type ImportFileOutcome =
  | { ok: true; stored: StoredImport; readings: CodeReading[]; warnings: string[] }
  | { ok: false; issues: InventoryIssue[]; errorCount: number };

/**
 * Parses and validates a file (nothing is stored when a single row is wrong), then stores it as an import waiting for
 * the bailleur's confirmation, with the reading of its codes. No convention changes until it is confirmed.
 */
export async function importInventory(
  db: Db,
  input: { organisationId: string; userId: string; year: number; fileName: string; bytes: Uint8Array; onProgress?: ProgressListener },
): Promise<ImportFileOutcome> {
  const result = await parseInventoryOffThread(input.bytes, input.fileName, input.onProgress);
  if (!result.ok) return result;
  const stored = await storeInventoryImport(db, { ...input, rows: result.rows, aggregates: result.aggregates });
  return { ok: true, stored, readings: await readCodes(db, stored.aggregates), warnings: result.warnings.map((w) => w.message) };
}

/**
 * Imports and confirms in one step (the integrations' API): the file is parsed and its codes read through the register
 * with the caller's answers; when a row is wrong or a code is left unanswered, nothing at all is stored.
 */
export async function importAndConfirm(
  db: Db,
  collab: CollabService,
  input: { organisationId: string; userId: string; year: number; fileName: string; bytes: Uint8Array; decisions: Record<string, CodeDecision> },
): Promise<ImportFileOutcome | { ok: false; unknownCodes: { code: string; message: string }[] }> {
  const result = await parseInventoryOffThread(input.bytes, input.fileName);
  if (!result.ok) return result;
  const decided = await applyDecisions(db, await readCodes(db, result.aggregates), input.decisions);
  if (!decided.ok) return { ok: false, unknownCodes: decided.errors };
  const stored = await storeInventoryImport(db, { ...input, rows: result.rows, aggregates: result.aggregates, confirm: { mapping: decided.mapping } });
  const reachedConventions = await db.transaction(async (tx) => {
    await learnCodes(tx, decided.learned, input.userId);
    const ids = (await conventionsUsingInventory(tx, stored.organisationId, stored.year)).filter((c) => c.status !== "signee").map((c) => c.id);
    await auditInConventions(tx, ids, input, "inventory", { action: "etat_des_lieux_confirme", import: stored.id, fileName: stored.fileName, year: stored.year, rows: stored.rowCount });
    return ids;
  });
  for (const id of reachedConventions) await collab.refreshAccess(id);
  return { ok: true, stored, readings: await readCodes(db, stored.aggregates), warnings: result.warnings.map((w) => w.message) };
}

export class ImportRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: { code: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function ownPending(db: Db | DbTransaction, importId: string, organisationId: string): Promise<StoredImport> {
  const stored = await loadImport(db, importId);
  // Another bailleur's import looks the same as none.
  if (!stored || stored.organisationId !== organisationId) throw new ImportRefusal(404, "Cet import n'existe pas.");
  if (stored.status !== "en_attente") throw new ImportRefusal(409, stored.status === "confirme" ? "Cet import est déjà confirmé." : "Cet import a été annulé.");
  return stored;
}

/** Audits a change of a bailleur's data in every convention it reaches, in the caller's transaction. */
export async function auditInConventions(
  tx: DbTransaction,
  conventionIds: readonly string[],
  actor: { organisationId: string; userId: string },
  kind: Extract<AuditKind, "inventory" | "flux" | "decompte">,
  details: Record<string, unknown>,
) {
  if (conventionIds.length === 0) return;
  await tx.insert(auditEvents).values(conventionIds.map((conventionId) => ({ conventionId, organisationId: actor.organisationId, userId: actor.userId, kind, details })));
}

/**
 * Confirms a waiting import: every unknown code answered (the answers join the register), the mapping frozen, the
 * import made current for its year, all in one transaction with an audit event in each convention it reaches; then
 * those conventions' open documents are refreshed (a signed one keeps what it was signed with).
 */
export async function confirmImport(
  db: Db,
  collab: CollabService,
  input: { importId: string; organisationId: string; userId: string; decisions: Record<string, CodeDecision> },
): Promise<StoredImport> {
  const stored = await ownPending(db, input.importId, input.organisationId);
  const readings = await readCodes(db, stored.aggregates);
  const decided = await applyDecisions(db, readings, input.decisions);
  if (!decided.ok) throw new ImportRefusal(422, "Des codes de réservataire restent à rattacher.", decided.errors);
  const reached = await db.transaction(async (tx) => {
    await learnCodes(tx, decided.learned, input.userId);
    await tx
      .update(inventoryImports)
      .set({ status: "confirme", mapping: decided.mapping, confirmedAt: new Date() })
      .where(and(eq(inventoryImports.id, stored.id), eq(inventoryImports.status, "en_attente")));
    await tx.insert(inventoryCurrent).values({ organisationId: stored.organisationId, year: stored.year, importId: stored.id, setBy: input.userId });
    const reachedConventions = (await conventionsUsingInventory(tx, stored.organisationId, stored.year)).filter((c) => c.status !== "signee").map((c) => c.id);
    await auditInConventions(tx, reachedConventions, input, "inventory", { action: "etat_des_lieux_confirme", import: stored.id, fileName: stored.fileName, year: stored.year, rows: stored.rowCount });
    return reachedConventions;
  });
  for (const id of reached) await collab.refreshAccess(id);
  return { ...stored, status: "confirme", mapping: decided.mapping, confirmedAt: new Date() };
}

/** Cancels a waiting import: its dwellings are deleted, the import stays listed as cancelled. */
export async function cancelImport(db: Db, input: { importId: string; organisationId: string }) {
  await db.transaction(async (tx) => {
    const stored = await ownPending(tx, input.importId, input.organisationId);
    await tx.delete(inventoryDwellings).where(eq(inventoryDwellings.importId, stored.id));
    await tx.update(inventoryImports).set({ status: "annule" }).where(eq(inventoryImports.id, stored.id));
  });
}

/** Makes an earlier confirmed import current again: a new forward record, audited, and the conventions refreshed. */
export async function makeImportCurrent(db: Db, collab: CollabService, input: { importId: string; organisationId: string; userId: string }) {
  const stored = await loadImport(db, input.importId);
  if (!stored || stored.organisationId !== input.organisationId) throw new ImportRefusal(404, "Cet import n'existe pas.");
  if (stored.status !== "confirme") throw new ImportRefusal(409, "Seul un import confirmé peut redevenir l'état des lieux en vigueur.");
  const reached = await db.transaction(async (tx) => {
    await tx.insert(inventoryCurrent).values({ organisationId: stored.organisationId, year: stored.year, importId: stored.id, setBy: input.userId });
    const ids = (await conventionsUsingInventory(tx, stored.organisationId, stored.year)).filter((c) => c.status !== "signee").map((c) => c.id);
    await auditInConventions(tx, ids, input, "inventory", { action: "etat_des_lieux_retabli", import: stored.id, fileName: stored.fileName, year: stored.year });
    return ids;
  });
  for (const id of reached) await collab.refreshAccess(id);
  return stored;
}
