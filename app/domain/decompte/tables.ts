// The bilan as table models (app/domain/convention/blocks.ts's TableModel): the screen renders them with TableView,
// the DOCX with the export's Word tables, so that both print the same strings. The XLSX writes the figures as numbers
// from the Bilan itself.
import type { TableModel } from "../convention/blocks";
import { formatDateLong, formatDecimal, formatInteger, formatShare } from "../format";
import type { Bilan, BilanLine } from "./bilan";

const DASH = "—";

export function periodLabel(bilan: Pick<Bilan, "kind" | "from" | "to" | "year">): string {
  return bilan.kind === "annuel" ? `année ${bilan.year}` : `du ${formatDateLong(bilan.from)} au ${formatDateLong(bilan.to)}`;
}

function linesTable(title: string, lines: readonly BilanLine[], intermediate: boolean, notes: string[]): TableModel {
  const columns = [
    { key: "label", label: "Ligne", align: "left" as const },
    { key: "objective", label: "Objectif annuel (logements)", align: "right" as const },
    ...(intermediate ? [{ key: "prorata", label: "Objectif au prorata", align: "right" as const }] : []),
    { key: "counted", label: "Décomptés", align: "right" as const },
    { key: "rate", label: "Taux d'atteinte", align: "right" as const },
    { key: "proposes", label: "Proposés", align: "right" as const },
    { key: "attribues", label: "Attribués", align: "right" as const },
    { key: "refus", label: "Refus", align: "right" as const },
    { key: "retours", label: "Restitués au bailleur", align: "right" as const },
  ];
  const rows = lines.map((line) => ({
    cells: [
      line.label,
      line.objective === null ? DASH : formatInteger(line.objective),
      ...(intermediate ? [line.prorata === null ? DASH : formatDecimal(line.prorata, 1)] : []),
      formatInteger(line.counted),
      line.rate === null ? DASH : formatShare(line.rate),
      formatInteger(line.proposes),
      formatInteger(line.attribues),
      formatInteger(line.refus),
      formatInteger(line.retours),
    ],
  }));
  const total = (pick: (l: BilanLine) => number) => formatInteger(lines.reduce((sum, l) => sum + pick(l), 0));
  const objectives = lines.every((l) => l.objective !== null);
  if (lines.length > 1) {
    rows.push({
      cells: [
        "Total",
        objectives ? total((l) => l.objective ?? 0) : DASH,
        ...(intermediate ? [DASH] : []),
        total((l) => l.counted),
        DASH,
        total((l) => l.proposes),
        total((l) => l.attribues),
        total((l) => l.refus),
        total((l) => l.retours),
      ],
      emphasis: true,
    } as (typeof rows)[number]);
  }
  return { title, columns, rows, notes };
}

/** Every table of the bilan, in the order the screen and the DOCX show them. */
export function bilanTables(bilan: Bilan): TableModel[] {
  const intermediate = bilan.kind === "intermediaire";
  const ruleNote = `Décompte ${bilan.ruleLabel.charAt(0).toLowerCase()}${bilan.ruleLabel.slice(1)} (option « Fait générateur du décompte » de la convention) ; la ligne non réservée compte les attributions du bailleur.`;
  const missing = bilan.tables.filter((t) => !t.objectives).map((t) => `Objectifs non disponibles pour ${t.bailleur.name} : le tableau du flux de l'année n'est pas calculé.`);
  const noEvents = bilan.tables.filter((t) => t.source === null).map((t) => `${t.bailleur.name} n'a pas encore importé ses événements de ${bilan.year}.`);
  const tables: TableModel[] = [linesTable(`Objectifs et décompte — ${periodLabel(bilan)}`, bilan.lines, intermediate, [ruleNote, ...missing, ...noEvents])];
  if (bilan.consolidated) {
    for (const table of bilan.tables) tables.push(linesTable(`Décompte — ${table.bailleur.name}`, table.lines, intermediate, []));
  }
  for (const b of bilan.breakdowns) {
    tables.push({
      title: `Logements proposés et attribués — ${b.title.charAt(0).toLowerCase()}${b.title.slice(1)}`,
      columns: [
        { key: "label", label: b.key === "trimestre" ? "Trimestre" : b.key === "commune" ? "Commune" : "Catégorie", align: "left" },
        { key: "proposes", label: "Proposés", align: "right" },
        { key: "attribues", label: "Attribués", align: "right" },
      ],
      rows: b.rows.map((row) => ({ cells: [row.label, formatInteger(row.proposes), formatInteger(row.attribues)] })),
      notes: [],
    });
  }
  tables.push({
    title: "Refus par motif",
    columns: [
      { key: "label", label: "Refus", align: "left" },
      { key: "count", label: "Nombre", align: "right" },
    ],
    rows: bilan.refusals.length ? bilan.refusals.map((r) => ({ cells: [r.label, formatInteger(r.count)] })) : [{ cells: ["Aucun refus", formatInteger(0)] }],
    notes: [`Logements restitués au bailleur : ${formatInteger(bilan.returned)}.`],
  });
  tables.push({
    title: "Indicateurs de l'article L. 441-1 du CCH",
    columns: [
      { key: "label", label: "Indicateur", align: "left" },
      { key: "denominator", label: "Attributions", align: "right" },
      { key: "numerator", label: "Dont ménages visés", align: "right" },
      { key: "share", label: "Part", align: "right" },
      { key: "target", label: "Objectif légal", align: "right" },
      { key: "met", label: "Atteint", align: "left" },
    ],
    rows: bilan.indicators.map((i) => ({
      cells: [i.label, formatInteger(i.denominator), formatInteger(i.numerator), i.share === null ? DASH : formatShare(i.share), `au moins ${formatShare(i.target)}`, i.met === null ? DASH : i.met ? "oui" : "non"],
    })),
    notes: ["Ménages du premier quartile : ressources sous le seuil du premier quartile des demandeurs ; ménages prioritaires : publics de l'article L. 441-1 et ménages reconnus DALO."],
  });
  return tables;
}
