// The annual annex's own tables, as the same TableModel the computed blocks use, so that the convention page
// (TableView) and the annex's DOCX print the same characters: the year-over-year change, and the forecast deductions
// of the annex's year. Built from the rendered comparison (strings), which is also what the API returns.
import type { TableColumn, TableModel, TableRow } from "../convention/blocks";
import type { ConventionFlux } from "../convention/scenario";
import { formatDecimal, formatInteger, formatShare } from "../format";
import { NO_DEDUCTIONS, type Deductions } from "../perimeter/apportionment";
import { frenchText } from "../typography";
import type { RenderedComparison, RenderedTableChange } from "./comparison";

const left = (key: string, label: string): TableColumn => ({ key, label, align: "left" });
const right = (key: string, label: string): TableColumn => ({ key, label, align: "right" });

/** U+2212: a change below zero reads with the minus sign, not a hyphen. */
const MINUS = "\u2212";

const signed = (text: string, negative: boolean, zero: boolean) => (zero ? text : negative ? `${MINUS}${text.replace(/^-/, "")}` : `+${text}`);

/** A change of share in percentage points, two decimals, always signed unless zero: "+1,25", "−0,40", "0,00". */
export function formatPointsChange(points: string): string {
  const text = formatDecimal(points, 2);
  return signed(text, text.startsWith("-"), !/[1-9]/.test(text));
}

/** A change of dwellings, signed unless zero: "+3", "−12", "0". */
export function formatCountChange(count: number): string {
  return signed(formatInteger(count), count < 0, count === 0);
}

/** Where the base figures come from, as the tables' titles say it. */
export interface ComparisonYears {
  base: number;
  year: number;
  /** "la convention" or "l'annexe annuelle 2027". */
  baseLabel: string;
}

/** The years a comparison is between, from the annex's base (the convention's year, or an adopted annex's). */
export function comparisonYears(base: { source: "convention" | "annexe"; year: number }, year: number): ComparisonYears {
  return { base: base.year, year, baseLabel: base.source === "convention" ? "la convention" : `l'annexe annuelle ${base.year}` };
}

export function comparisonColumns(years: ComparisonYears): TableColumn[] {
  return [
    left("reservataire", "Réservataire"),
    right("baseShare", `Part ${years.base}`),
    right("yearShare", `Part ${years.year}`),
    right("points", "Écart (points)"),
    right("baseRounded", `Logements ${years.base}`),
    right("yearRounded", `Logements ${years.year}`),
    right("rounded", "Écart (logements)"),
  ];
}

const DASH = "—";

function tableRows(table: RenderedTableChange, total: string): TableRow[] {
  const rows: TableRow[] = table.lines.map((line) => ({
    cells: [
      line.label,
      line.base ? formatShare(line.base.share) : DASH,
      line.year ? formatShare(line.year.share) : DASH,
      formatPointsChange(line.change.points),
      line.base ? formatInteger(line.base.rounded) : DASH,
      line.year ? formatInteger(line.year.rounded) : DASH,
      formatCountChange(line.change.rounded),
    ],
    values: { key: line.key, points: line.change.points, rounded: line.change.rounded },
  }));
  rows.push({
    cells: [
      total,
      table.base ? formatShare(1) : DASH,
      table.year ? formatShare(1) : DASH,
      "",
      table.base ? formatInteger(table.base.fluxRounded) : DASH,
      table.year ? formatInteger(table.year.fluxRounded) : DASH,
      table.change ? formatCountChange(table.change.fluxRounded) : DASH,
    ],
    emphasis: true,
    values: { key: "total", ...(table.change ? { rounded: table.change.fluxRounded } : {}) },
  });
  return rows;
}

/**
 * The year-over-year table: per bailleur (its name first when there are several) its lines and its total, then for
 * several bailleurs their sums. A side a year does not have prints « — ».
 */
export function comparisonTableModel(comparison: RenderedComparison, years: ComparisonYears): TableModel {
  const several = comparison.tables.length > 1;
  const rows: TableRow[] = [];
  for (const table of comparison.tables) {
    const name = table.bailleur?.name ?? "";
    if (several) rows.push({ cells: [name, "", "", "", "", "", ""], emphasis: true });
    rows.push(...tableRows(table, several ? `Total — ${name}` : "Total"));
  }
  if (comparison.consolidated) {
    rows.push({ cells: ["Ensemble des bailleurs", "", "", "", "", "", ""], emphasis: true });
    rows.push(...tableRows(comparison.consolidated, "Total des bailleurs"));
  }
  return typeset({
    title: `Évolution du flux de ${years.base} à ${years.year} (base : ${years.baseLabel})`,
    columns: comparisonColumns(years),
    rows,
    notes: [
      `Écart en points : part ${years.year} moins part ${years.base}. Écart en logements : estimation ${years.year} moins estimation ${years.base} ; une ligne absente d'une année y compte pour zéro.`,
      "Les volumes en logements sont des estimations : l'engagement des parties porte sur les pourcentages.",
    ],
  });
}

const DEDUCTION_ROWS: [keyof Deductions, string][] = [
  ["mutations", "Mutations internes"],
  ["anru", "Relogements ANRU / NPNRU"],
  ["orcod", "Relogements ORCOD"],
  ["lhi", "Relogements LHI"],
  ["ventes", "Relogements liés aux ventes"],
];

/** The forecast deductions of the annex's year: one row per category, one column per bailleur, and their total. */
export function deductionsTableModel(flux: ConventionFlux, year: number): TableModel {
  const tables = flux.tables;
  const columns = [left("deduction", "Déduction prévisionnelle"), ...tables.map((table) => right(table.bailleur.id, table.bailleur.name))];
  const of = (table: (typeof tables)[number]) => table.deductions ?? NO_DEDUCTIONS;
  const rows: TableRow[] = DEDUCTION_ROWS.map(([key, label]) => ({ cells: [label, ...tables.map((table) => formatInteger(of(table)[key]))], values: { key } }));
  const total = (d: Deductions) => d.mutations + d.anru + d.orcod + d.lhi + d.ventes;
  rows.push({ cells: ["Total déduit du flux", ...tables.map((table) => formatInteger(total(of(table))))], emphasis: true });
  const notEntered = tables.filter((table) => !table.deductionsEntered).map((table) => table.bailleur.name);
  return typeset({
    title: `Déductions prévisionnelles ${year} (logements)`,
    columns,
    rows,
    notes: [
      `Prévisions saisies par chaque bailleur pour l'année ${year} sur le territoire de la convention : elles sont retranchées du flux de l'année.`,
      ...(notEntered.length > 0 ? [`Non encore saisies, comptées pour zéro : ${notEntered.join(", ")}.`] : []),
    ],
  });
}

/** Every text of a model in French typography (docs/decisions/0302-french-typography.md), as the computed blocks are. */
function typeset(model: TableModel): TableModel {
  return {
    ...model,
    title: frenchText(model.title),
    columns: model.columns.map((column) => ({ ...column, label: frenchText(column.label) })),
    rows: model.rows.map((row) => ({ ...row, cells: row.cells.map(frenchText) })),
    notes: model.notes.map(frenchText),
  };
}
