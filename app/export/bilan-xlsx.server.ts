// The bilan as a workbook, for réservataires who rework the figures: one sheet per table, the figures as numbers (a
// share as a number formatted as a percentage), written by write-excel-file (docs/decisions/0601-decompte-et-bilan.md).
import writeXlsxFile, { type Cell, type SheetData } from "write-excel-file/node";
import type { ConventionState } from "../domain/convention/state";
import type { Bilan, BilanLine } from "../domain/decompte/bilan";
import { DECOMPTE_EVENTS, REFUSAL_REASONS, type DecompteEvent, type RefusalReason } from "../domain/decompte/events";
import { periodLabel } from "../domain/decompte/tables";
import { bilanTitle } from "./bilan-docx.server";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const header = (labels: readonly string[]): Cell[] => labels.map((value) => ({ value, fontWeight: "bold" as const }));
const percent = (share: string | null): Cell => (share === null ? null : { value: Number(share), type: Number, format: "0.00%" });

const LINE_HEADER = ["Ligne", "Clé", "Objectif annuel", "Objectif au prorata", "Décomptés", "Taux d'atteinte", "Proposés", "Attribués", "Refus", "Restitués au bailleur"];
const lineRow = (line: BilanLine): Cell[] => [
  line.label,
  line.key,
  line.objective,
  line.prorata === null ? null : Number(line.prorata),
  line.counted,
  percent(line.rate),
  line.proposes,
  line.attribues,
  line.refus,
  line.retours,
];

/** The XLSX of a bilan. */
export async function buildBilanXlsx(state: ConventionState, bilan: Bilan): Promise<Buffer> {
  const synthese: SheetData = [
    [{ value: `${bilanTitle(bilan)} — ${state.meta.title}`, fontWeight: "bold" }],
    ["Période", periodLabel(bilan)],
    ["Fait générateur du décompte", bilan.ruleLabel],
    ["Réservataire", bilan.line?.label ?? "Toutes les lignes"],
    [],
    header(LINE_HEADER),
    ...bilan.lines.map(lineRow),
  ];
  const bailleurs: SheetData = [header(["Bailleur", ...LINE_HEADER]), ...bilan.tables.flatMap((t) => t.lines.map((l) => [t.bailleur.name, ...lineRow(l)]))];
  const repartitions: SheetData = [
    header(["Répartition", "Catégorie", "Proposés", "Attribués"]),
    ...bilan.breakdowns.flatMap((b) => b.rows.map((row): Cell[] => [b.title, row.label, row.proposes, row.attribues])),
  ];
  const refus: SheetData = [
    header(["Refus", "Motif", "Nombre"]),
    ...bilan.refusals.map((r): Cell[] => [DECOMPTE_EVENTS[r.event as DecompteEvent]?.label ?? r.event, r.motif in REFUSAL_REASONS ? REFUSAL_REASONS[r.motif as RefusalReason].label : "Motif non précisé", r.count]),
    [],
    ["Logements restitués au bailleur", null, bilan.returned],
  ];
  const indicateurs: SheetData = [
    header(["Indicateur", "Attributions", "Dont ménages visés", "Part", "Objectif légal", "Atteint"]),
    ...bilan.indicators.map((i): Cell[] => [i.label, i.denominator, i.numerator, percent(i.share), percent(i.target), i.met === null ? null : i.met ? "oui" : "non"]),
  ];
  const widths = (first: number, count: number) => [{ width: first }, ...Array.from({ length: count }, () => ({ width: 16 }))];
  return writeXlsxFile(
    [
      { data: synthese, sheet: "Synthèse", columns: widths(45, 9) },
      { data: bailleurs, sheet: "Bailleurs", columns: widths(35, 10) },
      { data: repartitions, sheet: "Répartitions", columns: widths(35, 3) },
      { data: refus, sheet: "Refus", columns: widths(35, 2) },
      { data: indicateurs, sheet: "Indicateurs", columns: widths(70, 5) },
    ],
    { fontFamily: "Calibri", fontSize: 11 },
  ).toBuffer();
}
