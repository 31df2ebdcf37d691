// What a bailleur sees of an import before and after confirming it: its rows, exclusions and assiette, the reading of
// each réservataire code (which organisation it becomes), and for a waiting import, the figures of every convention it
// would change, before → after. Nothing here writes.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conventions, organisations } from "../../db/schema";
import type { CollabService } from "../collab/service";
import { computeConventionFlux } from "../domain/convention/scenario";
import { LINE_KIND_LABELS } from "../domain/convention/labels";
import { formatRational } from "../domain/flux/decimal";
import { EXCLUSION_REASONS, EXCLUSION_REASON_CODES } from "../domain/inventory/cells";
import { perimeterOf } from "../domain/perimeter/assiette";
import { countTerritory } from "../domain/perimeter/counts";
import { RPLS_CONTINGENTS } from "../domain/perimeter/register";
import { loadConventionState } from "./convention-state.server";
import { conventionsUsingInventory, type StoredImport } from "./inventory.server";
import { mappingOf, readCodes, type CodeReading } from "./register.server";

/** The summary of an import: rows, exclusions, assiette of the whole file, and how each code reads. */
export function inventorySummaryView(stored: StoredImport, readings: readonly CodeReading[], warnings: readonly string[] = []) {
  const mapping = stored.mapping ?? mappingOf(readings);
  const perimeter = perimeterOf(countTerritory(stored.aggregates, () => true, mapping));
  return {
    id: stored.id,
    year: stored.year,
    fileName: stored.fileName,
    status: stored.status,
    rows: stored.rowCount,
    createdAt: stored.createdAt.toISOString(),
    confirmedAt: stored.confirmedAt?.toISOString() ?? null,
    departements: stored.aggregates.departements,
    assiette: perimeter.assiette,
    nonReserved: perimeter.nonReserved,
    exclusions: EXCLUSION_REASON_CODES.map((reason) => ({ reason, label: EXCLUSION_REASONS[reason].label, count: perimeter.exclusions[reason].count, rule: perimeter.exclusions[reason].rule })),
    codes: readings.map((r) => ({
      key: r.key,
      departement: r.departement,
      code: r.code,
      rows: r.rows,
      source: r.source,
      rpls: RPLS_CONTINGENTS[r.code.trim()] ?? null,
      holder:
        r.holder === undefined
          ? null
          : r.holder === null
            ? { nonReserve: true as const }
            : { organisationId: r.holder.organisationId, kind: r.holder.kind, kindLabel: LINE_KIND_LABELS[r.holder.kind] ?? r.holder.kind, name: r.organisationName },
    })),
    warnings: [...warnings],
  };
}

export type InventorySummaryView = ReturnType<typeof inventorySummaryView>;

/** The organisations a code may be attached to (those that hold reservation rights), for the bailleur's answers. */
export async function reservataireDirectory(db: Db) {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, departement: organisations.departement })
    .from(organisations)
    .orderBy(asc(organisations.kind), asc(organisations.name));
  return rows.filter((o) => o.kind !== "bailleur");
}

/** Figures of one bailleur's table, as the preview compares them. */
function tableFigures(state: NonNullable<Awaited<ReturnType<typeof loadConventionState>>["state"]>, bailleurId: string) {
  const table = computeConventionFlux(state).tables.find((t) => t.bailleur.id === bailleurId);
  if (!table) return null;
  return {
    assiette: table.perimeter?.assiette ?? null,
    flux: table.calculation ? formatRational(table.calculation.flux) : null,
    fluxRounded: table.calculation ? Number(table.calculation.fluxRounded) : null,
    lines: (table.view ?? []).map((line) => ({ key: line.key, label: line.label, share: formatRational(line.share), rounded: Number(line.rounded) })),
    missing: table.missing,
  };
}

/**
 * For a waiting import: every convention of its bailleur and year that it would change (signed ones never move), with
 * that bailleur's figures now and with the import, computed by the same function as the tables.
 */
export async function importImpact(db: Db, collab: CollabService, stored: StoredImport) {
  const reached = (await conventionsUsingInventory(db, stored.organisationId, stored.year)).filter((c) => c.status !== "signee");
  const out = [];
  for (const { id } of reached) {
    const [row] = await db.select({ title: conventions.title }).from(conventions).where(eq(conventions.id, id));
    const before = await loadConventionState(db, collab, id);
    const after = await loadConventionState(db, collab, id, undefined, { importOverride: { organisationId: stored.organisationId, importId: stored.id } });
    if (!before.state || !after.state) continue;
    out.push({
      conventionId: id,
      title: row?.title ?? "",
      territory: before.state.meta.territory.label,
      before: tableFigures(before.state, stored.organisationId),
      after: tableFigures(after.state, stored.organisationId),
    });
  }
  return out;
}

export async function importPreview(db: Db, collab: CollabService, stored: StoredImport) {
  const readings = await readCodes(db, stored.aggregates);
  return { summary: inventorySummaryView(stored, readings), impact: await importImpact(db, collab, stored) };
}
