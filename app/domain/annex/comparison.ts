// The year-over-year change an annual annex shows (docs/domain.md, "L'annexe annuelle du flux"): for each bailleur and
// each line the convention shows, the share and the dwellings of the base year (the convention's own, or the latest
// adopted annex's) against the annex's year. Exact: shares are the engine's fractions, so a change is their exact
// difference; a line that one year does not have counts as zero there (and says so with a null side).
import { formatRational } from "../flux/decimal";
import { mul, ratio, sub, ZERO, type Rational } from "../flux/rational";
import type { ConventionFlux } from "../convention/scenario";
import type { ViewLine } from "../perimeter/view";

export interface LineFigures {
  share: Rational;
  volume: Rational;
  rounded: bigint;
}

export interface LineChange {
  key: string;
  kind: ViewLine["kind"];
  label: string;
  /** Null when the base year's table has no such line (or is not computed). */
  base: LineFigures | null;
  /** Null when the annex's table has no such line (or is not computed). */
  year: LineFigures | null;
  /** Year minus base, a missing side counting as zero. */
  change: { share: Rational; rounded: bigint };
}

export interface TotalFigures {
  flux: Rational;
  fluxRounded: bigint;
}

export interface TableChange {
  /** The table's bailleur; null for the sum of several bailleurs. */
  bailleur: { id: string; name: string } | null;
  base: TotalFigures | null;
  year: TotalFigures | null;
  /** Null unless both years are computed. */
  change: TotalFigures | null;
  lines: LineChange[];
}

export interface FluxComparison {
  tables: TableChange[];
  /** For several bailleurs, their sums compared; null otherwise. */
  consolidated: TableChange | null;
}

interface Side {
  view: readonly ViewLine[];
  totals: TotalFigures;
}

const figures = (line: ViewLine): LineFigures => ({ share: line.share, volume: line.volume, rounded: line.rounded });

/** The lines of two views side by side: the annex's order, then the lines only the base year had. */
export function compareLines(base: Side | null, year: Side | null): LineChange[] {
  const baseLines = new Map((base?.view ?? []).map((line) => [line.key, line]));
  const yearKeys = new Set((year?.view ?? []).map((line) => line.key));
  const pairs: [ViewLine | undefined, ViewLine | undefined][] = [
    ...(year?.view ?? []).map((line): [ViewLine | undefined, ViewLine] => [baseLines.get(line.key), line]),
    ...(base?.view ?? []).filter((line) => !yearKeys.has(line.key)).map((line): [ViewLine, undefined] => [line, undefined]),
  ];
  return pairs.map(([before, after]) => {
    const shown = (after ?? before)!;
    return {
      key: shown.key,
      kind: shown.kind,
      label: shown.label,
      base: before ? figures(before) : null,
      year: after ? figures(after) : null,
      change: { share: sub(after?.share ?? ZERO, before?.share ?? ZERO), rounded: (after?.rounded ?? 0n) - (before?.rounded ?? 0n) },
    };
  });
}

function tableChange(bailleur: TableChange["bailleur"], base: Side | null, year: Side | null): TableChange {
  return {
    bailleur,
    base: base?.totals ?? null,
    year: year?.totals ?? null,
    change: base && year ? { flux: sub(year.totals.flux, base.totals.flux), fluxRounded: year.totals.fluxRounded - base.totals.fluxRounded } : null,
    lines: compareLines(base, year),
  };
}

function sideOf(table: ConventionFlux["tables"][number] | undefined): Side | null {
  if (!table?.view || !table.calculation) return null;
  return { view: table.view, totals: { flux: table.calculation.flux, fluxRounded: table.calculation.fluxRounded } };
}

/** Every bailleur's table of the annex's year against the base year's, and their sums for several bailleurs. */
export function compareFlux(base: ConventionFlux, year: ConventionFlux): FluxComparison {
  const baseById = new Map(base.tables.map((table) => [table.bailleur.id, table]));
  const yearIds = new Set(year.tables.map((table) => table.bailleur.id));
  const tables = [
    ...year.tables.map((table) => tableChange(table.bailleur, sideOf(baseById.get(table.bailleur.id)), sideOf(table))),
    ...base.tables.filter((table) => !yearIds.has(table.bailleur.id)).map((table) => tableChange(table.bailleur, sideOf(table), null)),
  ];
  const several = tables.length > 1;
  const sumOf = (flux: ConventionFlux): Side | null => (flux.consolidated ? { view: flux.consolidated.lines, totals: flux.consolidated } : null);
  const consolidated = several && (base.consolidated || year.consolidated) ? tableChange(null, sumOf(base), sumOf(year)) : null;
  return { tables, consolidated };
}

const HUNDRED = ratio(100n);

/** A line's figures as JSON-ready strings, like the read API's lines. */
const renderFigures = (line: LineFigures | null) => (line ? { share: formatRational(line.share), volume: formatRational(line.volume), rounded: Number(line.rounded) } : null);
const renderTotals = (totals: TotalFigures | null) => (totals ? { flux: formatRational(totals.flux), fluxRounded: Number(totals.fluxRounded) } : null);

function renderTable(table: TableChange) {
  return {
    bailleur: table.bailleur,
    base: renderTotals(table.base),
    year: renderTotals(table.year),
    change: renderTotals(table.change),
    lines: table.lines.map((line) => ({
      key: line.key,
      kind: line.kind,
      label: line.label,
      base: renderFigures(line.base),
      year: renderFigures(line.year),
      // The share's change as a fraction of the flux, and in percentage points (what the tables print).
      change: { share: formatRational(line.change.share), points: formatRational(mul(line.change.share, HUNDRED)), rounded: Number(line.change.rounded) },
    })),
  };
}

/** The comparison as JSON-ready strings (decimal strings as the engine writes them, whole dwellings as numbers). */
export function renderComparison(comparison: FluxComparison) {
  return { tables: comparison.tables.map(renderTable), consolidated: comparison.consolidated ? renderTable(comparison.consolidated) : null };
}

export type RenderedComparison = ReturnType<typeof renderComparison>;
export type RenderedTableChange = RenderedComparison["tables"][number];
