// Computed blocks: one table model per block, rendered three ways by others (the editor, the read API's plain text
// and the DOCX export). Figures are French-formatted here, so that every rendering shows the same characters.
// A block never throws: missing data or an engine refusal becomes `error`, in French.
import Decimal from "decimal.js";

import { addCalendarDays, addCalendarMonths, addWorkingDays, frenchPublicHolidays, nextWorkingDay } from "../calendar";
import { type FluxOutcome, rotationRate } from "../flux";
import { formatRational } from "../flux/decimal";
import type { Rational } from "../flux/rational";
import type { CategoryCounts } from "../inventory/aggregate";
import { EXCLUSION_REASONS, EXCLUSION_REASON_CODES } from "../inventory/cells";
import { holderLabel, type ViewLine } from "../perimeter/view";
import { formatCount, formatDateLong, formatDateShort, formatDecimal, formatInteger, formatShare, formatVolume } from "../format";
import type { Deductions } from "../perimeter/apportionment";
import type { RotationData, RotationDefinition } from "../perimeter/rotation";
import { frenchText } from "../typography";
import { capitalizeFirst, legalName, partyDesignation, signatureHeading } from "../legal/designation";
import { PARTY_KIND_LABELS, joinFrench } from "./labels";
import { conventionMessages } from "./messages";
import { OPTION_CATALOGUE } from "./options";
import { type BailleurFlux, type ConventionFlux, computeConventionFlux, optionalExclusions } from "./scenario";
import type { ConventionState } from "./state";
import type { BlockName } from "./template-schema";

export interface TableColumn {
  key: string;
  label: string;
  align: "left" | "right";
}

export interface TableRow {
  cells: string[];
  /** A total, a sub-total or a group heading. */
  emphasis?: boolean;
  /** The unformatted figures behind the cells (engine strings), for callers that compare or re-format them. */
  values?: Record<string, string | number>;
}

/** One computed block as a table: the editor, the read API and the DOCX export each render this same model. */
export interface TableModel {
  title: string;
  columns: TableColumn[];
  rows: TableRow[];
  notes: string[];
  /** Set when the block cannot be computed; the French reason to show in its place. */
  error?: string;
}

const left = (key: string, label: string): TableColumn => ({ key, label, align: "left" });
const right = (key: string, label: string): TableColumn => ({ key, label, align: "right" });
const DASH = "—";
/** The réservataire says within this many working days whether it can present candidates (docs/domain.md). */
export const WORKING_DAYS_TO_ANSWER = 5;
const BLANK = "…………";

/** The French message of a flux outcome that failed: the engine's messages, joined. */
export function fluxErrorMessage(outcome: FluxOutcome): string | undefined {
  if (outcome.ok) return undefined;
  return conventionMessages.FLUX_INCALCULABLE(outcome.issues.map((issue) => issue.message).join(" "));
}

function withError(title: string, columns: TableColumn[], error: string): TableModel {
  return { title, columns, rows: [], notes: [], error };
}

const rat = (value: Rational) => formatRational(value);

/** Why a bailleur's table has no figures, in French (what to enter, and where). */
function tableProblem(table: BailleurFlux): string | null {
  if (table.missing.length > 0) return table.missing.join(" ");
  if (table.outcome && !table.outcome.ok) return fluxErrorMessage(table.outcome) ?? null;
  return null;
}

function viewRows(view: readonly ViewLine[]): TableRow[] {
  return view.map((line) => {
    const share = rat(line.share);
    const volume = rat(line.volume);
    return {
      cells: [line.label, formatShare(share), formatDecimal(volume, 2), formatInteger(line.rounded)],
      values: { id: line.key, kind: line.kind, share, volume, rounded: Number(line.rounded) },
    };
  });
}

/** The numerator and denominator of a rate computed on the bailleur's rotation data (the rotation annexe's figures). */
export function rotationFraction(data: RotationData, definition: RotationDefinition): { numerator: number; denominator: number } {
  const { releases, stock } = data;
  const removed =
    definition === "standard"
      ? releases.students + releases.specific + releases.mutations + releases.anru
      : releases.students + releases.specific + releases.anru + releases.orcod + releases.lhi;
  return { numerator: releases.total - removed, denominator: stock.total - stock.students - stock.specific - stock.sale - stock.demolition };
}

/**
 * The rate as the text can state it exactly: "8,20 %" or "7,2053 %" when its decimal expansion is short, the
 * fraction of the rotation data "1 043 / 14 476 (≈ 7,21 %)" otherwise (docs/domain.md, "Le calcul du flux").
 */
export function exactRateText(table: Pick<BailleurFlux, "rotation">, rate: Rational): string {
  const decimal = formatRational(rate);
  const exact = /^\d+(\.\d{1,8})?$/.test(decimal) && new Decimal(decimal).times(100).decimalPlaces() <= 6;
  if (exact) {
    const percent = new Decimal(decimal).times(100);
    return percent.decimalPlaces() <= 2 ? formatShare(decimal) : `${formatDecimal(percent.toFixed(), 6, { trim: true })} %`;
  }
  const r = table.rotation;
  if (r?.source === "donnees") {
    const { numerator, denominator } = rotationFraction(r.data, r.definition);
    return `${formatInteger(numerator)} / ${formatInteger(denominator)} (≈ ${formatShare(decimal)})`;
  }
  return `${formatInteger(rate.num.toString())} / ${formatInteger(rate.den.toString())} (≈ ${formatShare(decimal)})`;
}

/** The forecast deductions by category, as every article and note that quotes them lists them. */
export function deductionsText(d: Deductions): string {
  return `${formatCount(d.mutations, "mutation interne", "mutations internes")}, ${formatCount(d.anru, "relogement ANRU", "relogements ANRU")}, ${formatCount(d.orcod, "relogement ORCOD", "relogements ORCOD")}, ${formatCount(d.lhi, "relogement LHI", "relogements LHI")} et ${formatCount(d.ventes, "relogement lié aux ventes", "relogements liés aux ventes")}`;
}

/**
 * The equation of a bailleur's flux, with the exact rate and every deduction by category, and "=" only when the
 * result is printed exactly ("≈" when it is rounded to the hundredth): "assiette de 10 684 logements × taux de
 * rotation de 1 043 / 14 476 (≈ 7,21 %) − 144 déductions prévues (…) ≈ 625,79 attributions". The table's note, the
 * annexe and every article that states the calculation quote this one text (variable `flux.calcul`).
 */
export function fluxEquationText(table: BailleurFlux): string | null {
  if (!table.calculation || !table.perimeter) return null;
  const c = table.calculation;
  const d = table.deductions;
  const total = d.mutations + d.anru + d.orcod + d.lhi + d.ventes;
  const flux = formatRational(c.flux);
  const sign = /^-?\d+(\.\d{1,2})?$/.test(flux) ? "=" : "≈";
  return (
    `assiette de ${formatInteger(table.perimeter.assiette)} logements × taux de rotation de ${exactRateText(table, c.rotationRate)} − ` +
    `${formatCount(total, "déduction prévue", "déductions prévues")} (${deductionsText(d)}) ${sign} ${formatVolume(flux)} attributions`
  );
}

/** The table's note on the calculation: the equation, the rounding to whole dwellings, and missing deductions. */
function fluxEquation(table: BailleurFlux, label: string): string {
  const equation = fluxEquationText(table);
  if (!equation || !table.calculation) return "";
  return (
    `${label}flux = ${equation}, soit une estimation de ${formatCount(Number(table.calculation.fluxRounded), "logement", "logements")} en nombre entier.` +
    (table.deductionsEntered ? "" : " Aucune déduction prévisionnelle n'a encore été saisie pour ce territoire : zéro est retenu.")
  );
}

function fluxTable(state: ConventionState, computed: ConventionFlux): TableModel {
  const title = `Répartition du flux annuel ${state.meta.year} (estimation en logements)`;
  const columns = [left("reservataire", "Réservataire"), right("share", "Part du flux"), right("volume", "Volume exact"), right("rounded", "Logements (estimation)")];
  if (computed.tables.length === 0) return withError(title, columns, conventionMessages.AUCUN_BAILLEUR());
  const several = computed.tables.length > 1;
  const rows: TableRow[] = [];
  const notes: string[] = [];
  for (const table of computed.tables) {
    const problem = tableProblem(table);
    if (!several && (problem || !table.view || !table.calculation)) return withError(title, columns, problem ?? conventionMessages.AUCUN_BAILLEUR());
    if (several) rows.push({ cells: [table.bailleur.name, "", "", ""], emphasis: true, values: { bailleur: table.bailleur.id } });
    if (problem || !table.view || !table.calculation) {
      rows.push({ cells: [problem ?? "", "", "", ""], values: { bailleur: table.bailleur.id } });
      continue;
    }
    rows.push(...viewRows(table.view));
    rows.push({
      cells: [several ? `Total — ${table.bailleur.name}` : "Total", formatShare(1), formatDecimal(rat(table.calculation.flux), 2), formatInteger(table.calculation.fluxRounded)],
      emphasis: true,
      values: { flux: rat(table.calculation.flux), fluxRounded: Number(table.calculation.fluxRounded), bailleur: table.bailleur.id },
    });
    notes.push(fluxEquation(table, several ? `${table.bailleur.name} : ` : "Calcul : "));
    notes.push(...table.calculation.warnings.map((warning) => warning.message));
  }
  if (computed.consolidated) {
    const c = computed.consolidated;
    rows.push({ cells: ["Ensemble des bailleurs", "", "", ""], emphasis: true });
    rows.push(...viewRows(c.lines));
    rows.push({ cells: ["Total des bailleurs", formatShare(1), formatDecimal(rat(c.flux), 2), formatInteger(c.fluxRounded)], emphasis: true, values: { flux: rat(c.flux), fluxRounded: Number(c.fluxRounded) } });
  }
  notes.push(
    "Les volumes en logements sont des estimations : l'engagement des parties porte sur les pourcentages. La colonne « Logements » répartit le flux arrondi par la méthode du plus fort reste, en une seule fois entre tous les réservataires du territoire.",
  );
  const others = computed.tables.flatMap((t) => t.view ?? []).find((line) => line.key === "autres");
  if (others?.members) notes.push(`Autres réservataires du territoire : ${joinFrench(others.members)}.`);
  return { title, columns, rows, notes };
}

function droitsDeSuiteTable(state: ConventionState, computed: ConventionFlux): TableModel {
  const title = "Échéancier des droits de suite d'Action Logement";
  const columns = [right("year", "Année"), right("volume", "Droits uniques")];
  const withDroits = computed.tables.filter((t) => Object.keys(state.flux?.bailleurs.find((b) => b.id === t.bailleur.id)?.terms.droitsDeSuite ?? {}).length > 0);
  if (withDroits.length === 0) return { title, columns, rows: [], notes: [conventionMessages.OPTION_NON_RETENUE("Transformation des droits de suite")] };
  const rows: TableRow[] = [];
  const notes: string[] = [];
  for (const table of withDroits) {
    const terms = state.flux!.bailleurs.find((b) => b.id === table.bailleur.id)!.terms.droitsDeSuite;
    if (withDroits.length > 1) rows.push({ cells: [table.bailleur.name, ""], emphasis: true });
    const problem = tableProblem(table);
    if (problem || !table.outcome?.ok) {
      rows.push({ cells: [problem ?? "", ""] });
      continue;
    }
    for (const [key, droits] of Object.entries(terms)) {
      const line = table.outcome.result.lines.find((candidate) => candidate.id === key);
      for (const entry of line?.schedule ?? []) rows.push({ cells: [String(entry.year), formatDecimal(entry.volume, 2)], values: { year: entry.year, volume: entry.volume, id: key } });
      notes.push(
        ...droits.programmes.map((programme) => `Programme ${programme.id} : ${formatInteger(programme.droitsDeSuite)} droits de suite valables jusqu'au ${formatDateShort(programme.end)}.`),
        ...(droits.firstLettings ?? []).map((letting) => `Premières mises en location ${letting.year} : ${formatInteger(letting.droitsUniques)} droits uniques.`),
        ...(droits.priorDroitsUniques ?? []).map((prior) => `Droits uniques déjà négociés pour ${prior.year} : ${formatInteger(prior.count)}.`),
      );
    }
    notes.push(`Taux de rotation appliqué : ${formatShare(table.outcome.result.rotationRate)} ; la part de l'année se compte en jours de validité.`);
  }
  return { title, columns, rows, notes };
}

/** Where a bailleur's rate comes from, in the words of the text and the tables. */
/**
 * What a bailleur approves of its own table (docs/domain.md, "Une répartition par bailleur"): the territory, the
 * equation of its flux with the rate's source, and every line as the convention shows it. Null while the table is not
 * computed. The approval is bound to a hash of this text, so that any change of these figures asks for it again.
 */
export function bailleurTableText(state: ConventionState, table: BailleurFlux): string | null {
  if (!table.calculation || !table.view || tableProblem(table)) return null;
  return [
    `${table.bailleur.name} — ${state.meta.territory.label} — ${state.meta.year}`,
    fluxEquation(table, ""),
    rotationSourceText(table, state.meta.year),
    ...viewRows(table.view).map((row) => row.cells.join(" | ")),
  ]
    .map(frenchText)
    .join("\n");
}

export function rotationSourceText(table: Pick<BailleurFlux, "rotation">, year: number): string {
  const r = table.rotation;
  if (!r || r.source === "manquant") return "taux de rotation non encore connu";
  if (r.source === "territoire")
    return `taux de rotation constaté en ${year - 1} sur le territoire de la convention, d'après l'état des lieux (parc des réservataires locaux)${r.averaged ? ", moyenne pondérée par le nombre de logements" : ""}`;
  if (r.source === "etat_des_lieux")
    return `taux de rotation du bailleur dans le département en ${year - 1}, d'après l'état des lieux${r.averaged ? " (moyenne pondérée par le nombre de logements)" : ""}`;
  return `taux de rotation ${r.definition === "standard" ? "standard" : "alternatif"} de l'année ${year - 1}, calculé sur les données de rotation du bailleur`;
}

function rotationTable(state: ConventionState, computed: ConventionFlux): TableModel {
  const title = "Calcul du taux de rotation";
  const columns = [left("term", "Terme"), right("value", "Valeur")];
  if (computed.tables.length === 0) return withError(title, columns, conventionMessages.AUCUN_BAILLEUR());
  const several = computed.tables.length > 1;
  const rows: TableRow[] = [];
  const notes: string[] = [];
  const row = (term: string, value: number, emphasis = false): TableRow => ({ cells: [term, formatInteger(value)], ...(emphasis ? { emphasis } : {}) });
  for (const table of computed.tables) {
    if (several) rows.push({ cells: [table.bailleur.name, ""], emphasis: true });
    const r = table.rotation;
    if (!r || r.source === "manquant") {
      const problem = tableProblem(table) ?? conventionMessages.ROTATION_INCONNUE(table.bailleur.name, state.meta.year - 1);
      if (!several) return withError(title, columns, problem);
      rows.push({ cells: [problem, ""] });
      continue;
    }
    if (r.source !== "donnees") {
      rows.push({ cells: [rotationSourceText(table, state.meta.year).replace(/^./, (c) => c.toUpperCase()), formatShare(r.rate)], emphasis: true, values: { rate: r.rate } });
      continue;
    }
    const { releases, stock } = r.data;
    const standard = r.definition === "standard";
    const outcome = rotationRate({ method: r.definition, releases, stock });
    if (!outcome.ok) {
      rows.push({ cells: [outcome.message, ""] });
      continue;
    }
    const removed: [string, number][] = standard
      ? [["− logements étudiants", releases.students], ["− logements spécifiques", releases.specific], ["− mutations internes", releases.mutations], ["− relogements ANRU", releases.anru]]
      : [["− logements étudiants", releases.students], ["− logements spécifiques", releases.specific], ["− relogements ANRU", releases.anru], ["− relogements ORCOD", releases.orcod], ["− relogements LHI", releases.lhi]];
    const numerator = releases.total - removed.reduce((total, [, value]) => total + value, 0);
    const stockRemoved: [string, number][] = [
      ["− logements étudiants", stock.students],
      ["− logements spécifiques", stock.specific],
      ["− logements en vente", stock.sale],
      ["− logements à démolir", stock.demolition],
    ];
    const denominator = stock.total - stockRemoved.reduce((total, [, value]) => total + value, 0);
    const rate = formatRational(outcome.rate);
    rows.push(
      row(`Libérations de ${state.meta.year - 1}`, releases.total),
      ...removed.map(([term, value]) => row(term, value)),
      { ...row("= Libérations retenues (numérateur)", numerator, true), values: { numerator } },
      row(`Parc au 31 décembre ${state.meta.year - 1}`, stock.total),
      ...stockRemoved.map(([term, value]) => row(term, value)),
      { ...row("= Parc retenu (dénominateur)", denominator, true), values: { denominator } },
      { cells: [`Taux de rotation (définition ${standard ? "standard" : "alternative"})`, formatShare(rate)], emphasis: true, values: { rate } },
    );
    notes.push(
      standard
        ? "Définition standard : les mutations internes sont retirées des libérations."
        : "Définition alternative : les mutations internes restent comptées, les relogements ORCOD et LHI sont retirés.",
    );
  }
  return { title, columns, rows, notes: [...new Set(notes)] };
}

/** The rules of direct management (contractual): who does what, within which time, in each case. */
function deadlinesTable(state: ConventionState): TableModel {
  const choice = state.options.decompte?.choice ?? OPTION_CATALOGUE.decompte.default;
  const decompte = OPTION_CATALOGUE.decompte.choices.find((candidate) => candidate.value === choice)?.label ?? choice;
  return {
    title: "Délais de gestion directe",
    columns: [left("step", "Étape"), left("notice1", "Parc existant, préavis d'un mois"), left("notice3", "Parc existant, préavis de trois mois"), left("new", "Programme neuf")],
    rows: [
      { cells: ["Le bailleur transmet les caractéristiques du logement", "Dès réception du congé", "Dès réception du congé", "Trois mois avant la mise en service"] },
      // On a new programme the réservataires are consulted three months ahead: there is no answer to give within days.
      { cells: ["Le réservataire indique s'il peut présenter des candidats", `Sous ${WORKING_DAYS_TO_ANSWER} jours ouvrés`, `Sous ${WORKING_DAYS_TO_ANSWER} jours ouvrés`, DASH] },
      { cells: ["Le réservataire propose trois candidats", "Sous 1 mois calendaire", "Sous 1 mois calendaire", "Sous 10 jours calendaires"] },
      { cells: ["Libération du logement", "Un mois après le congé", "Trois mois après le congé", "À la mise en service"] },
      { cells: ["Décompte dans l'objectif du réservataire", decompte, decompte, decompte] },
    ],
    notes: ["Jours ouvrés : du lundi au vendredi, hors jours fériés ; le jour de réception du congé ne compte pas."],
  };
}

/**
 * An example of the deadlines on the convention's calendar, with the year's public holidays: informative only, in an
 * annexe that says so (the contractual rule is the table above, whatever the dates).
 */
function deadlinesExampleTable(state: ConventionState): TableModel {
  const calendar = { departement: state.meta.departement };
  const received = nextWorkingDay(state.meta.startDate, calendar);
  const answer = addWorkingDays(received, WORKING_DAYS_TO_ANSWER, calendar);
  const candidates = addCalendarMonths(received, 1);
  const commissioning = addCalendarMonths(state.meta.startDate, 6);
  const details = addCalendarMonths(commissioning, -3);
  const newCandidates = addCalendarDays(details, 10);
  const holidays = frenchPublicHolidays(state.meta.year, calendar).map((holiday) => `${holiday.name} (${formatDateShort(holiday.date)})`);
  return {
    title: "Exemple de calcul des délais (informatif)",
    columns: [left("case", "Cas"), left("dates", "Dates qui en résultent")],
    rows: [
      {
        cells: [`Parc existant, préavis d'un mois, congé reçu le ${formatDateShort(received)}`, `Réponse au plus tard le ${formatDateShort(answer)} ; candidats au plus tard le ${formatDateShort(candidates)} ; logement libre le ${formatDateShort(addCalendarMonths(received, 1))}`],
        values: { received, answer, candidates },
      },
      {
        cells: [`Parc existant, préavis de trois mois, congé reçu le ${formatDateShort(received)}`, `Réponse au plus tard le ${formatDateShort(answer)} ; candidats au plus tard le ${formatDateShort(candidates)} ; logement libre le ${formatDateShort(addCalendarMonths(received, 3))}`],
      },
      {
        cells: [`Programme neuf mis en service le ${formatDateShort(commissioning)}`, `Informations au plus tard le ${formatDateShort(details)} ; candidats au plus tard le ${formatDateShort(newCandidates)}`],
        values: { commissioning, details, newCandidates },
      },
    ],
    notes: [`Jours fériés ${state.meta.year} pris en compte dans cet exemple : ${holidays.join(", ")}.`],
  };
}

function etatDesLieuxTable(state: ConventionState, computed: ConventionFlux): TableModel {
  const title = "État des lieux des réservations sur le territoire de la convention";
  const columns = [left("group", "Regroupement"), left("item", "Catégorie"), right("count", "Logements"), right("share", "Part de l'assiette")];
  const inputs = state.flux;
  if (!inputs || computed.tables.length === 0) return withError(title, columns, conventionMessages.AUCUN_BAILLEUR());
  const several = computed.tables.length > 1;
  const rows: TableRow[] = [];
  const notes: string[] = [];
  const optional = optionalExclusions(state);
  for (const table of computed.tables) {
    const b = inputs.bailleurs.find((candidate) => candidate.id === table.bailleur.id)!;
    if (several) rows.push({ cells: [table.bailleur.name, "", "", ""], emphasis: true, values: { bailleur: b.id } });
    if (!b.counts || !table.perimeter) {
      const problem = tableProblem(table) ?? conventionMessages.BAILLEUR_SANS_ETAT_DES_LIEUX(b.name, inputs.year);
      if (!several) return withError(title, columns, problem);
      rows.push({ cells: [problem, "", "", ""] });
      continue;
    }
    const p = table.perimeter;
    const share = (count: number) => (p.assiette > 0 ? formatShare(new Decimal(count).dividedBy(p.assiette).toFixed(10)) : DASH);
    const group = (name: string, entries: [string, number][]) =>
      entries.forEach(([item, count], index) => rows.push({ cells: [index === 0 ? name : "", item, formatInteger(count), share(count)], values: { group: name, item, count } }));
    const excluded = p.dwellings - p.assiette;
    rows.push({ cells: ["Inventaire", "Logements sur le territoire", formatInteger(p.dwellings), DASH], values: { count: p.dwellings } });
    rows.push({ cells: ["", "Logements exclus du flux", formatInteger(excluded), DASH], values: { count: excluded } });
    rows.push({ cells: ["", "Assiette du flux", formatInteger(p.assiette), formatShare(1)], emphasis: true, values: { count: p.assiette } });
    group("Réservataire", [
      ...Object.entries(p.reserved).map(([key, count]): [string, number] => [inputs.holders[key] ? holderLabel(inputs.holders[key]) : key, count]),
      ["Non réservé", p.nonReserved],
    ]);
    // Per category, the dwellings of the assiette: the flux class plus the optional classes the convention includes.
    const inAssiette = (counts: CategoryCounts) =>
      (counts.flux ?? 0) + (optional.etudiants ? 0 : counts.etudiants ?? 0) + (optional.specifique ? 0 : counts.specifique ?? 0);
    const categories = (record: Record<string, CategoryCounts>, label: (key: string) => string = (key) => key) =>
      Object.entries(record).map(([key, counts]): [string, number] => [label(key), inAssiette(counts)]);
    group("Commune", categories(b.counts.communes, (insee) => (inputs.communeNames[insee] ? `${inputs.communeNames[insee]} (${insee})` : insee)));
    group("Typologie", categories(b.counts.typologie));
    group("Financement", categories(b.counts.financement));
    group("Quartier prioritaire", categories(b.counts.qpv, (key) => (key === "qpv" ? "En QPV" : "Hors QPV")));
    group("Type d'habitat", categories(b.counts.habitat, (key) => (key === "collectif" ? "Collectif" : "Individuel")));
    if (b.inventory)
      notes.push(
        `${several ? `${b.name} : ` : "Source : "}état des lieux « ${b.inventory.fileName} » importé le ${formatDateLong(b.inventory.importedAt.slice(0, 10))}, situation au 31 décembre ${inputs.year - 1}.`,
      );
  }
  return { title, columns, rows, notes };
}

/**
 * The réservataire parties' reservations on the territory, commune by commune, each with the date its right ends
 * (the état des lieux's start and end dates of the reservation): what the collectivités' and Action Logement's
 * articles announce in annexe. Only dwellings of the assiette are listed; the préfet's contingent, which does not
 * expire, is not.
 */
function reservationsTable(state: ConventionState, computed: ConventionFlux): TableModel {
  const title = "Réservations en cours et date d'extinction des droits";
  const columns = [left("commune", "Commune"), left("period", "Réservation"), right("count", "Logements"), left("end", "Droit éteint le")];
  const inputs = state.flux;
  if (!inputs || computed.tables.length === 0) return withError(title, columns, conventionMessages.AUCUN_BAILLEUR());
  const optional = optionalExclusions(state);
  const inAssiette = (counts: CategoryCounts) =>
    (counts.flux ?? 0) + (optional.etudiants ? 0 : counts.etudiants ?? 0) + (optional.specifique ? 0 : counts.specifique ?? 0);
  const holders = Object.values(inputs.holders).filter((holder) => holder.party && !holder.kind.startsWith("prefet_"));
  const several = computed.tables.length > 1;
  const rows: TableRow[] = [];
  const notes: string[] = [];
  for (const table of computed.tables) {
    const b = inputs.bailleurs.find((candidate) => candidate.id === table.bailleur.id)!;
    if (several) rows.push({ cells: [table.bailleur.name, "", "", ""], emphasis: true, values: { bailleur: b.id } });
    if (!b.counts) {
      const problem = tableProblem(table) ?? conventionMessages.BAILLEUR_SANS_ETAT_DES_LIEUX(b.name, inputs.year);
      if (!several) return withError(title, columns, problem);
      rows.push({ cells: [problem, "", "", ""] });
      continue;
    }
    if (!b.counts.reservations) {
      const problem = conventionMessages.RESERVATIONS_NON_DETAILLEES(b.name);
      if (!several) return withError(title, columns, problem);
      rows.push({ cells: [problem, "", "", ""] });
      continue;
    }
    for (const holder of holders) {
      const entries = Object.entries(b.counts.reservations[holder.key] ?? {}).flatMap(([insee, periods]) =>
        Object.entries(periods).map(([period, counts]) => {
          const [start, end] = period.split("|");
          return { insee, start, end, count: inAssiette(counts) };
        }),
      );
      const listed = entries.filter((entry) => entry.count > 0).sort((a, b) => (a.end || "9999").localeCompare(b.end || "9999") || a.insee.localeCompare(b.insee) || a.start.localeCompare(b.start));
      rows.push({ cells: [holderLabel(holder), "", "", ""], emphasis: true, values: { holder: holder.key } });
      if (listed.length === 0) {
        rows.push({ cells: ["Aucune réservation en cours sur le territoire", "", formatInteger(0), DASH], values: { holder: holder.key, count: 0 } });
        continue;
      }
      let total = 0;
      for (const entry of listed) {
        total += entry.count;
        const commune = inputs.communeNames[entry.insee] ? `${inputs.communeNames[entry.insee]} (${entry.insee})` : entry.insee;
        const period = entry.start ? `depuis le ${formatDateShort(entry.start)}` : "date de début non renseignée";
        rows.push({
          cells: [commune, period, formatInteger(entry.count), entry.end ? formatDateShort(entry.end) : "sans date de fin"],
          values: { holder: holder.key, commune: entry.insee, start: entry.start, end: entry.end, count: entry.count },
        });
      }
      rows.push({ cells: [`Total — ${holderLabel(holder)}`, "", formatInteger(total), ""], emphasis: true, values: { holder: holder.key, count: total } });
    }
    if (b.inventory) notes.push(`${several ? `${b.name} : ` : "Source : "}état des lieux « ${b.inventory.fileName} », situation au 31 décembre ${inputs.year - 1}.`);
  }
  notes.push("À la date d'extinction de son droit, un logement cesse d'être compté pour le réservataire et rejoint la part non réservée du bailleur lors de la mise à jour annuelle.");
  return { title, columns, rows, notes };
}

const RULE_LABELS = { droit: "Toujours exclu", convention: "Exclu par la convention", inclus: "Inclus dans l'assiette par la convention" } as const;

function exclusionsTable(state: ConventionState, computed: ConventionFlux): TableModel {
  const title = "Logements exclus du flux";
  const columns = [left("reason", "Motif"), left("regime", "Régime"), right("count", "Logements")];
  if (computed.tables.length === 0) return withError(title, columns, conventionMessages.AUCUN_BAILLEUR());
  const several = computed.tables.length > 1;
  const rows: TableRow[] = [];
  for (const table of computed.tables) {
    if (several) rows.push({ cells: [table.bailleur.name, "", ""], emphasis: true });
    const p = table.perimeter;
    if (!p) {
      const problem = tableProblem(table) ?? conventionMessages.AUCUN_BAILLEUR();
      if (!several) return withError(title, columns, problem);
      rows.push({ cells: [problem, "", ""] });
      continue;
    }
    let total = 0;
    for (const reason of EXCLUSION_REASON_CODES) {
      const { count, rule } = p.exclusions[reason];
      if (rule !== "inclus") total += count;
      rows.push({ cells: [EXCLUSION_REASONS[reason].label, RULE_LABELS[rule], formatInteger(count)], values: { reason, rule, count } });
    }
    rows.push({ cells: [several ? `Total exclu — ${table.bailleur.name}` : "Total exclu", "", formatInteger(total)], emphasis: true, values: { count: total } });
  }
  return {
    title,
    columns,
    rows,
    notes: [
      "Les logements de la défense nationale, de la sécurité intérieure et des établissements publics de santé, ceux inscrits au plan de vente et ceux voués à la démolition sont toujours sortis du flux ; les logements étudiants et spécifiques le sont sauf choix contraire de la convention. Les logements exclus restent gérés comme des logements identifiés.",
    ],
  };
}

function contactsTable(state: ConventionState): TableModel {
  return {
    title: "Contacts des parties",
    columns: [left("party", "Partie"), left("kind", "Qualité"), left("contact", "Contact"), left("email", "Courriel"), left("phone", "Téléphone")],
    rows: state.parties.map((party) => ({
      cells: [
        party.name,
        `${PARTY_KIND_LABELS[party.kind] ?? party.kind}${party.pilot ? " — pilote" : ""}`,
        party.contact?.name || party.signatory?.name || DASH,
        party.contact?.email ?? DASH,
        party.contact?.phone ?? DASH,
      ],
      values: { id: party.id },
    })),
    notes: [],
  };
}

/** One row per party, named as a legal person with its representative (docs/domain.md, "Les parties, personnes morales"). */
function signaturesTable(state: ConventionState): TableModel {
  const place = state.parameters.signaturePlace ?? BLANK;
  const date = state.meta.signatureDate ? formatDateLong(state.meta.signatureDate) : BLANK;
  return {
    title: "Signatures",
    columns: [left("party", "Pour"), left("designation", "Partie et représentant"), left("place", "Lieu et date")],
    rows: state.parties.map((party) => ({
      cells: [signatureHeading(party, state.meta.departement).join(", "), capitalizeFirst(partyDesignation(party, state.meta.departement)), `Fait à ${place}, le ${date}`],
      values: { id: party.id },
    })),
    notes: [`${state.parties.length} parties : ${joinFrench(state.parties.map((party) => capitalizeFirst(legalName(party))))}.`],
  };
}

type Renderer = (state: ConventionState, computed: ConventionFlux) => TableModel;

const RENDERERS: Record<BlockName, Renderer> = {
  flux_table: fluxTable,
  droits_de_suite: droitsDeSuiteTable,
  rotation: rotationTable,
  deadlines: (state) => deadlinesTable(state),
  deadlines_example: (state) => deadlinesExampleTable(state),
  etat_des_lieux: etatDesLieuxTable,
  reservations: reservationsTable,
  exclusions: exclusionsTable,
  contacts: (state) => contactsTable(state),
  signatures: (state) => signaturesTable(state),
};

/** Every text of a model in French typography (docs/decisions/0302-french-typography.md), for all three renderers. */
function typesetModel(model: TableModel): TableModel {
  return {
    ...model,
    title: frenchText(model.title),
    columns: model.columns.map((column) => ({ ...column, label: frenchText(column.label) })),
    rows: model.rows.map((row) => ({ ...row, cells: row.cells.map(frenchText) })),
    notes: model.notes.map(frenchText),
    ...(model.error ? { error: frenchText(model.error) } : {}),
  };
}

/**
 * The table model of a computed block (flux_table, droits_de_suite, rotation, deadlines, etat_des_lieux,
 * exclusions, contacts, signatures). Pass `computed` to share one flux computation between blocks; never throws.
 */
export function renderBlock(block: string, state: ConventionState, computed?: ConventionFlux): TableModel {
  const renderer = (RENDERERS as Record<string, Renderer | undefined>)[block];
  if (!renderer) return { title: block, columns: [], rows: [], notes: [], error: conventionMessages.BLOC_INCONNU(block) };
  try {
    return typesetModel(renderer(state, computed ?? computeConventionFlux(state)));
  } catch (error) {
    // A state the schemas would refuse (e.g. a malformed date typed in the shared document) must not break the page.
    const detail = error instanceof Error ? error.message : String(error);
    return { title: block, columns: [], rows: [], notes: [], error: `Bloc non calculable : données invalides (${detail}).` };
  }
}

/** A table model as plain text for the read API: title, header, one line per row (cells separated by " | "), notes. */
export function blockPlainText(model: TableModel): string {
  if (model.error) return `${model.title}\n${model.error}`;
  const lines = [model.title];
  if (model.rows.length > 0) {
    lines.push(model.columns.map((column) => column.label).join(" | "));
    for (const row of model.rows) lines.push(row.cells.join(" | "));
  }
  lines.push(...model.notes);
  return lines.join("\n");
}
