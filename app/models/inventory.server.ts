import { randomUUID } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conventionParties, conventions, inventoryDwellings, inventoryImports, organisations } from "../../db/schema";
import type { InventorySummary } from "../domain/convention/state";
import type { CollabService } from "../collab/service";
import { writeConventionData } from "../collab/state";
import type { InventoryAggregates } from "../domain/inventory/aggregate";
import type { InventoryRow } from "../domain/inventory/row";
import { parseInventoryOffThread } from "./inventory-parse.server";

// Building one INSERT costs the server's thread about 40 µs per row in drizzle (measured: 2 000 rows ≈ 80-90 ms of
// CPU, a stall of every open convention); 250 rows keep each statement's build near 10 ms, far below PostgreSQL's
// 65 535 parameters (docs/decisions/0007-inventory-parse-worker.md).
const INSERT_CHUNK = 250;

export interface StoredImport {
  id: string;
  organisationId: string;
  year: number;
  fileName: string;
  rowCount: number;
  aggregates: InventoryAggregates;
  createdAt: Date;
}

/** Stores a validated import and its dwellings in one transaction: all the rows or none. */
export async function storeInventoryImport(
  db: Db,
  input: { organisationId: string; userId: string; year: number; fileName: string; rows: InventoryRow[]; aggregates: InventoryAggregates },
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
      })
      .returning();
    for (let i = 0; i < input.rows.length; i += INSERT_CHUNK) {
      await tx.insert(inventoryDwellings).values(
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
    return { ...row, aggregates: row.aggregates as InventoryAggregates };
  });
}

/** The bailleur's current inventory for a year: its latest import. */
export async function latestInventory(db: Db, organisationId: string, year: number): Promise<StoredImport | null> {
  const [row] = await db
    .select()
    .from(inventoryImports)
    .where(and(eq(inventoryImports.organisationId, organisationId), eq(inventoryImports.year, year)))
    .orderBy(desc(inventoryImports.createdAt))
    .limit(1);
  return row ? { ...row, aggregates: row.aggregates as InventoryAggregates } : null;
}

export async function listInventoryImports(db: Db, organisationId: string) {
  return db
    .select({
      id: inventoryImports.id,
      year: inventoryImports.year,
      fileName: inventoryImports.fileName,
      rowCount: inventoryImports.rowCount,
      createdAt: inventoryImports.createdAt,
    })
    .from(inventoryImports)
    .where(eq(inventoryImports.organisationId, organisationId))
    .orderBy(desc(inventoryImports.createdAt));
}

/**
 * The conventions of a year whose flux follows this bailleur's inventory: those it pilots, and the others where it is
 * the bailleur of reference — the first bailleur among the parties when the pilot is not a bailleur (a DDETS or an EPCI
 * hosting a multipartite convention). Another bailleur's import never replaces the reference inventory.
 */
export async function conventionsUsingInventory(db: Db, organisationId: string, year: number): Promise<string[]> {
  const rows = await db
    .select({ id: conventions.id, pilot: conventions.pilotOrganisationId })
    .from(conventions)
    .innerJoin(conventionParties, eq(conventionParties.conventionId, conventions.id))
    .where(and(eq(conventionParties.organisationId, organisationId), eq(conventions.year, year)));
  const out: string[] = [];
  for (const row of rows) {
    if (row.pilot === organisationId) {
      out.push(row.id);
      continue;
    }
    const bailleurs = await db
      .select({ id: organisations.id })
      .from(conventionParties)
      .innerJoin(organisations, eq(organisations.id, conventionParties.organisationId))
      .where(and(eq(conventionParties.conventionId, row.id), eq(organisations.kind, "bailleur")))
      .orderBy(asc(conventionParties.createdAt));
    const pilotIsBailleur = bailleurs.some((b) => b.id === row.pilot);
    if (!pilotIsBailleur && bailleurs[0]?.id === organisationId) out.push(row.id);
  }
  return out;
}

export function inventorySummary(stored: StoredImport): InventorySummary {
  return {
    importId: stored.id,
    importedAt: stored.createdAt.toISOString(),
    fileName: stored.fileName,
    year: stored.year,
    aggregates: stored.aggregates,
  };
}

/**
 * Imports an inventory file for a bailleur and a year: parse and validate everything first (nothing is written when
 * a single row is wrong), store it in one transaction, then push the new aggregates into the open conventions of
 * that year so that every participant's flux tables recompute.
 */
export async function importInventory(
  db: Db,
  collab: CollabService,
  input: { organisationId: string; userId: string; year: number; fileName: string; bytes: Uint8Array },
) {
  const result = await parseInventoryOffThread(input.bytes, input.fileName);
  if (!result.ok) return result;
  const stored = await storeInventoryImport(db, { ...input, rows: result.rows, aggregates: result.aggregates });
  const summary = inventorySummary(stored);
  for (const conventionId of await conventionsUsingInventory(db, input.organisationId, input.year)) {
    await collab.updateDocument(conventionId, (doc) => writeConventionData(doc, { inventory: summary }));
  }
  return { ok: true as const, stored, warnings: result.warnings, source: result.source };
}
