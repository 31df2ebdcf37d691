// Computed blocks: one table model per block, rendered three ways by others (the editor, the read API's plain text
// and the DOCX export). Figures are French-formatted here, so that every rendering shows the same characters.
// A block never throws: missing data or an engine refusal becomes `error`, in French.
import Decimal from "decimal.js";

import { addCalendarDays, addCalendarMonths, addWorkingDays, frenchPublicHolidays, nextWorkingDay } from "../calendar";
import { type FluxOutcome, type FluxResult, rotationRate } from "../flux";
import { formatRational } from "../flux/decimal";
import { EXCLUSION_REASONS, type ExclusionReason } from "../inventory/cells";
import { formatDateLong, formatDateShort, formatDecimal, formatInteger, formatShare, formatVolume } from "../format";
import { frenchText } from "../typography";
import { PARTY_KIND_LABELS, lineLabel, joinFrench } from "./labels";
import { conventionMessages } from "./messages";
import { OPTION_CATALOGUE } from "./options";
import { type ConventionFlux, computeConventionFlux } from "./scenario";
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
const BLANK = "…………";

/** The French message of a flux outcome that failed: the engine's messages, joined. */
export function fluxErrorMessage(outcome: FluxOutcome): string | undefined {
  if (outcome.ok) return undefined;
  return conventionMessages.FLUX_INCALCULABLE(outcome.issues.map((issue) => issue.message).join(" "));
}

function withError(title: string, columns: TableColumn[], error: string): TableModel {
  return { title, columns, rows: [], notes: [], error };
}

function fluxTable(state: ConventionState, computed: ConventionFlux): TableModel {
  const title = `Répartition du flux annuel ${state.meta.year}`;
  const columns = [left("reservataire", "Réservataire"), right("share", "Part du flux"), right("volume", "Volume exact"), right("rounded", "Logements")];
  if (!computed.outcome.ok) return withError(title, columns, fluxErrorMessage(computed.outcome) as string);
  const result = computed.outcome.result;
  const rows: TableRow[] = result.lines.map((line) => ({
    cells: [lineLabel(state, line.id, line.kind), formatShare(line.share), formatDecimal(line.volume, 2), formatInteger(line.rounded)],
    values: { id: line.id, kind: line.kind, share: line.share, volume: line.volume, rounded: line.rounded },
  }));
  rows.push({
    cells: ["Total", formatShare(1), formatDecimal(result.flux, 2), formatInteger(result.fluxRounded)],
    emphasis: true,
    values: { flux: result.flux, fluxRounded: result.fluxRounded },
  });
  const scenario = computed.scenario as { assiette: number; deductions: { mutations: number; relogements: number } };
  const deductions = scenario.deductions.mutations + scenario.deductions.relogements;
  const notes = [
    `Flux = assiette de ${formatInteger(scenario.assiette)} logements × taux de rotation de ${formatShare(result.rotationRate)} − ${formatInteger(deductions)} mutations et relogements prévus = ${formatVolume(result.flux)} attributions, arrondies à ${formatInteger(result.fluxRounded)}.`,
    "Volumes exacts affichés avec deux décimales ; la colonne « Logements » répartit le flux arrondi par la méthode du plus fort reste.",
    ...result.warnings.map((warning) => warning.message),
  ];
  return { title, columns, rows, notes };
}

function droitsDeSuiteTable(state: ConventionState, computed: ConventionFlux): TableModel {
  const title = "Échéancier des droits de suite d'Action Logement";
  const dsLines = state.lines.filter((line) => line.kind === "action_logement" && line.method === "droits_de_suite");
  if (dsLines.length === 0) {
    return {
      title,
      columns: [right("year", "Année"), right("volume", "Droits uniques")],
      rows: [],
      notes: [conventionMessages.OPTION_NON_RETENUE("Transformation des droits de suite")],
    };
  }
  const columns = [right("year", "Année"), ...dsLines.map((line) => right(line.id, dsLines.length > 1 ? `Droits uniques — ${line.label}` : "Droits uniques"))];
  if (!computed.outcome.ok) return withError(title, columns, fluxErrorMessage(computed.outcome) as string);
  const result: FluxResult = computed.outcome.result;
  const schedules = dsLines.map((line) => result.lines.find((candidate) => candidate.id === line.id)?.schedule ?? []);
  const years = [...new Set(schedules.flatMap((schedule) => schedule.map((entry) => entry.year)))].sort((a, b) => a - b);
  const rows = years.map((year) => {
    const volumes = schedules.map((schedule) => schedule.find((entry) => entry.year === year)?.volume ?? "0");
    return {
      cells: [String(year), ...volumes.map((volume) => formatDecimal(volume, 2))],
      values: Object.fromEntries([["year", year], ...dsLines.map((line, index) => [line.id, volumes[index]])]),
    };
  });
  const notes = dsLines.flatMap((line) => [
    ...(line.programmes ?? []).map(
      (programme) => `Programme ${programme.id} : ${formatInteger(programme.droitsDeSuite)} droits de suite valables jusqu'au ${formatDateShort(programme.end)}.`,
    ),
    ...(line.firstLettings ?? []).map((letting) => `Premières mises en location ${letting.year} : ${formatInteger(letting.droitsUniques)} droits uniques.`),
    ...(line.priorDroitsUniques ?? []).map((prior) => `Droits uniques déjà négociés pour ${prior.year} : ${formatInteger(prior.count)}.`),
  ]);
  notes.push(`Taux de rotation appliqué : ${formatShare(result.rotationRate)} ; la part de l'année se compte en jours de validité.`);
  return { title, columns, rows, notes };
}

function rotationTable(state: ConventionState): TableModel {
  const { parameters } = state;
  const title = "Calcul du taux de rotation";
  const columns = [left("term", "Terme"), right("value", "Valeur")];
  if (parameters.rotationMethod === "saisi") {
    if (parameters.rotationRate === undefined) {
      return withError(title, columns, conventionMessages.VARIABLE_DONNEE_MANQUANTE("Le taux de rotation convenu"));
    }
    return {
      title,
      columns,
      rows: [{ cells: ["Taux convenu entre les parties", formatShare(parameters.rotationRate)], emphasis: true, values: { rate: parameters.rotationRate } }],
      notes: ["Le taux est fixé d'un commun accord et révisé chaque année au vu du bilan."],
    };
  }
  const { releases, stock } = parameters;
  if (!releases || !stock) {
    return withError(title, columns, conventionMessages.VARIABLE_DONNEE_MANQUANTE("Les libérations et le parc de l'année précédente"));
  }
  const standard = parameters.rotationMethod === "standard";
  const outcome = rotationRate({ method: parameters.rotationMethod, releases, stock });
  if (!outcome.ok) return withError(title, columns, outcome.message);
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
  const row = (term: string, value: number, emphasis = false): TableRow => ({ cells: [term, formatInteger(value)], ...(emphasis ? { emphasis } : {}) });
  return {
    title: `${title} (${standard ? "définition standard" : "définition alternative"})`,
    columns,
    rows: [
      row("Libérations de l'année précédente", releases.total),
      ...removed.map(([term, value]) => row(term, value)),
      { ...row("= Libérations retenues (numérateur)", numerator, true), values: { numerator } },
      row("Parc au 31 décembre de l'année précédente", stock.total),
      ...stockRemoved.map(([term, value]) => row(term, value)),
      { ...row("= Parc retenu (dénominateur)", denominator, true), values: { denominator } },
      { cells: ["Taux de rotation", formatShare(rate)], emphasis: true, values: { rate } },
    ],
    notes: [
      standard
        ? "Définition standard : les mutations internes sont retirées des libérations."
        : "Définition alternative : les mutations internes restent comptées, les relogements ORCOD et LHI sont retirés.",
    ],
  };
}

function deadlinesTable(state: ConventionState): TableModel {
  const calendar = { departement: state.meta.departement };
  const choice = state.options.decompte?.choice ?? OPTION_CATALOGUE.decompte.default;
  const decompte = OPTION_CATALOGUE.decompte.choices.find((candidate) => candidate.value === choice)?.label ?? choice;
  const received = nextWorkingDay(state.meta.startDate, calendar);
  const answer = addWorkingDays(received, 5, calendar);
  const candidates = addCalendarMonths(received, 1);
  const commissioning = addCalendarMonths(state.meta.startDate, 6);
  const details = addCalendarMonths(commissioning, -3);
  const newCandidates = addCalendarDays(details, 10);
  const holidays = frenchPublicHolidays(state.meta.year, calendar).map((holiday) => `${holiday.name} (${formatDateShort(holiday.date)})`);
  return {
    title: "Délais de gestion directe",
    columns: [left("step", "Étape"), left("notice1", "Parc existant, préavis d'un mois"), left("notice3", "Parc existant, préavis de trois mois"), left("new", "Programme neuf")],
    rows: [
      { cells: ["Le bailleur transmet les caractéristiques du logement", "Dès réception du congé", "Dès réception du congé", "Trois mois avant la mise en service"] },
      { cells: ["Le réservataire indique s'il peut présenter des candidats", "Sous 5 jours ouvrés", "Sous 5 jours ouvrés", DASH] },
      { cells: ["Le réservataire propose trois candidats", "Sous 1 mois calendaire", "Sous 1 mois calendaire", "Sous 10 jours calendaires"] },
      { cells: ["Libération du logement", "Un mois après le congé", "Trois mois après le congé", "À la mise en service"] },
      { cells: ["Décompte dans l'objectif du réservataire", decompte, decompte, decompte] },
      {
        cells: [
          `Exemple : congé reçu le ${formatDateShort(received)}`,
          `Réponse au plus tard le ${formatDateShort(answer)} ; candidats au plus tard le ${formatDateShort(candidates)} ; logement libre le ${formatDateShort(addCalendarMonths(received, 1))}`,
          `Réponse au plus tard le ${formatDateShort(answer)} ; candidats au plus tard le ${formatDateShort(candidates)} ; logement libre le ${formatDateShort(addCalendarMonths(received, 3))}`,
          `Mise en service le ${formatDateShort(commissioning)} : informations au plus tard le ${formatDateShort(details)} ; candidats au plus tard le ${formatDateShort(newCandidates)}`,
        ],
        emphasis: true,
        values: { received, answer, candidates, commissioning, details, newCandidates },
      },
    ],
    notes: [
      "Jours ouvrés : du lundi au vendredi, hors jours fériés ; le jour de réception ne compte pas.",
      `Jours fériés ${state.meta.year} pris en compte : ${holidays.join(", ")}.`,
      "Sans candidat dans le délai, le bailleur peut retenir un candidat du fichier partagé de la demande et l'imputer au réservataire, ou reprendre le logement pour son propre compte. Si moins de trois candidats sont proposés, le réservataire s'en explique par écrit, le bailleur complète la liste et la mise à disposition reste décomptée.",
    ],
  };
}

function etatDesLieuxTable(state: ConventionState): TableModel {
  const title = "État des lieux des réservations";
  const columns = [left("group", "Regroupement"), left("item", "Catégorie"), right("count", "Logements"), right("share", "Part de l'assiette")];
  const inventory = state.inventory;
  if (!inventory) return withError(title, columns, conventionMessages.INVENTAIRE_ABSENT());
  const aggregates = inventory.aggregates;
  const assiette = aggregates.assiette;
  const share = (count: number) => (assiette > 0 ? formatShare(new Decimal(count).dividedBy(assiette).toFixed(8)) : DASH);
  const rows: TableRow[] = [];
  const group = (name: string, entries: [string, number][]) => {
    entries.forEach(([item, count], index) => {
      rows.push({ cells: [index === 0 ? name : "", item, formatInteger(count), share(count)], values: { group: name, item, count } });
    });
  };
  const excluded = Object.values(aggregates.exclusions).reduce((total, count) => total + count, 0);
  rows.push({ cells: ["Inventaire", "Logements recensés", formatInteger(aggregates.dwellings), DASH], values: { count: aggregates.dwellings } });
  rows.push({ cells: ["", "Logements exclus du flux", formatInteger(excluded), DASH], values: { count: excluded } });
  rows.push({ cells: ["", "Assiette du flux", formatInteger(assiette), formatShare(1)], emphasis: true, values: { count: assiette } });
  const reservataireLabel = (key: string) => state.lines.find((line) => (line.inventoryKey ?? line.id) === key)?.label ?? key;
  group("Réservataire", [
    ...Object.entries(aggregates.reservedByReservataire).map(([key, count]): [string, number] => [reservataireLabel(key), count]),
    ["Non réservé", aggregates.nonReserved],
  ]);
  const byAssiette = (record: Record<string, { assiette: number }>, label: (key: string) => string = (key) => key) =>
    Object.entries(record).map(([key, entry]): [string, number] => [label(key), entry.assiette]);
  group("Commune (code INSEE)", byAssiette(aggregates.byCommune));
  group("Typologie", byAssiette(aggregates.byTypologie));
  group("Financement", byAssiette(aggregates.byFinancement));
  group("Quartier prioritaire", byAssiette(aggregates.byQpv, (key) => (key === "qpv" ? "En QPV" : "Hors QPV")));
  return {
    title,
    columns,
    rows,
    notes: [`Source : ${inventory.fileName}, importé le ${formatDateLong(inventory.importedAt.slice(0, 10))} (situation au 31/12/${inventory.year}).`],
  };
}

function exclusionsTable(state: ConventionState): TableModel {
  const title = "Logements exclus du flux";
  const columns = [left("reason", "Motif"), left("regime", "Régime"), right("count", "Logements")];
  if (!state.inventory) return withError(title, columns, conventionMessages.INVENTAIRE_ABSENT());
  const exclusions = state.inventory.aggregates.exclusions;
  const reasons = Object.keys(EXCLUSION_REASONS) as ExclusionReason[];
  const rows: TableRow[] = reasons.map((reason) => ({
    cells: [EXCLUSION_REASONS[reason].label, EXCLUSION_REASONS[reason].always ? "Exclu de droit" : "Exclu par la convention", formatInteger(exclusions[reason] ?? 0)],
    values: { reason, count: exclusions[reason] ?? 0 },
  }));
  const total = reasons.reduce((sum, reason) => sum + (exclusions[reason] ?? 0), 0);
  rows.push({ cells: ["Total", "", formatInteger(total)], emphasis: true, values: { count: total } });
  return { title, columns, rows, notes: ["Les logements exclus restent gérés comme des logements identifiés et n'entrent pas dans l'assiette."] };
}

function contactsTable(state: ConventionState): TableModel {
  return {
    title: "Contacts des parties",
    columns: [left("party", "Partie"), left("kind", "Qualité"), left("contact", "Contact"), left("email", "Courriel"), left("phone", "Téléphone")],
    rows: state.parties.map((party) => ({
      cells: [
        party.name,
        `${PARTY_KIND_LABELS[party.kind] ?? party.kind}${party.pilot ? " — pilote" : ""}`,
        party.contact?.name ?? party.signatory?.name ?? DASH,
        party.contact?.email ?? DASH,
        party.contact?.phone ?? DASH,
      ],
      values: { id: party.id },
    })),
    notes: [],
  };
}

function signaturesTable(state: ConventionState): TableModel {
  const place = state.meta.signaturePlace ?? BLANK;
  const date = state.meta.signatureDate ? formatDateLong(state.meta.signatureDate) : BLANK;
  return {
    title: "Signatures",
    columns: [left("party", "Pour"), left("signatory", "Signataire"), left("title", "Qualité"), left("place", "Lieu et date")],
    rows: state.parties.map((party) => ({
      cells: [party.name, party.signatory?.name ?? BLANK, party.signatory?.title ?? BLANK, `Fait à ${place}, le ${date}`],
      values: { id: party.id },
    })),
    notes: [`${state.parties.length} parties : ${joinFrench(state.parties.map((party) => party.name))}.`],
  };
}

type Renderer = (state: ConventionState, computed: ConventionFlux) => TableModel;

const RENDERERS: Record<BlockName, Renderer> = {
  flux_table: fluxTable,
  droits_de_suite: droitsDeSuiteTable,
  rotation: (state) => rotationTable(state),
  deadlines: (state) => deadlinesTable(state),
  etat_des_lieux: (state) => etatDesLieuxTable(state),
  exclusions: (state) => exclusionsTable(state),
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
