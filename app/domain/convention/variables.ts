// The variable catalogue: every name a `variable` atom may carry, its French label, and how its text is resolved
// from the convention's state and its flux computation. A variable never throws: missing data gives a message.
import { formatRational } from "../flux/decimal";
import { add, ZERO, type Rational } from "../flux/rational";
import type { Deductions } from "../perimeter/apportionment";
import { holderLabel, type ViewLine } from "../perimeter/view";
import { addCalendarDays, addCalendarMonths } from "../calendar";
import { formatCount, formatDateLong, formatInteger, formatPercent, formatShare, formatVolume, parseFrenchDecimal } from "../format";
import { departementName, frenchText, withArticle } from "../typography";
import { deductionsText, fluxEquationText, rotationSourceText } from "./blocks";
import { legalName, partyDesignation } from "../legal/designation";
import { disputeClause } from "../legal/jurisdiction";
import { LINE_KIND_LABELS, bailleurParties, joinFrench, reservataireParties } from "./labels";
import { conventionMessages } from "./messages";
import { OPTION_CATALOGUE } from "./options";
import {
  type BailleurFlux,
  type ConventionFlux,
  type MainFigures,
  computeConventionFlux,
  mainFiguresMissing,
  partyHolders,
  rotationDefinition,
} from "./scenario";
import type { ConventionState, PartyInfo } from "./state";
import type { ConventionTemplate, OptionDefinition } from "./template-schema";

export type VariableResolution = { ok: true; text: string } | { ok: false; message: string };

export type VariableGroup = "parties" | "territoire" | "dates" | "parametres" | "flux" | "options";

/** One entry of the insertion menu. */
export interface VariableEntry {
  name: string;
  label: string;
  group: VariableGroup;
}

interface Context {
  state: ConventionState;
  computed: () => ConventionFlux;
  template?: ConventionTemplate;
}

type Resolved = string | { missing: string } | { error: string };

interface StaticVariable {
  label: string;
  group: VariableGroup;
  resolve: (context: Context) => Resolved;
}

const missing = (what: string): Resolved => ({ missing: what });

function signatoryText(party: PartyInfo): string | undefined {
  if (!party.signatory?.name) return undefined;
  return party.signatory.title ? `${party.signatory.name}, ${party.signatory.title}` : party.signatory.name;
}

/**
 * The parties as legal persons (docs/domain.md, "Les parties, personnes morales"), separated by semicolons since each
 * designation holds commas; what a party has not filled in yet prints as a dotted blank, as on a paper form.
 */
function designations(state: ConventionState, parties: readonly PartyInfo[], what: string): Resolved {
  if (parties.length === 0) return missing(what);
  const texts = parties.map((party) => partyDesignation(party, state.meta.departement));
  return texts.length === 1 ? texts[0] : `${texts.slice(0, -1).join(" ; ")} ; et ${texts.at(-1)}`;
}

function names(parties: readonly PartyInfo[], what: string): Resolved {
  return parties.length > 0 ? joinFrench(parties.map((party) => party.name)) : missing(what);
}

function signatories(parties: readonly PartyInfo[], what: string): Resolved {
  const texts = parties.map(signatoryText);
  if (parties.length === 0 || texts.some((text) => text === undefined)) return missing(what);
  return joinFrench(texts as string[]);
}

/** The figures the text quotes (the single bailleur's, or the consolidated ones), or why they are missing. */
function fromMain(context: Context, render: (main: MainFigures) => Resolved): Resolved {
  const computed = context.computed();
  return computed.main ? render(computed.main) : mainFiguresMissing(computed);
}

/** One figure per bailleur: the figure alone for one bailleur, "x pour A et y pour B" for several. */
function perBailleur(context: Context, figure: (table: BailleurFlux) => string | null, what: string): Resolved {
  const { tables } = context.computed();
  const texts = tables.map((table) => ({ table, text: figure(table) }));
  if (texts.length === 0 || texts.some((t) => t.text === null)) return missing(what);
  if (texts.length === 1) return texts[0].text as string;
  return joinFrench(texts.map((t) => `${t.text} pour ${t.table.bailleur.name}`));
}

const rat = (value: Rational) => formatRational(value);

function endDate(state: ConventionState): string {
  return addCalendarDays(addCalendarMonths(state.meta.startDate, 12 * state.meta.durationYears), -1);
}

const STATIC: Record<string, StaticVariable> = {
  "bailleur.nom": { label: "Nom du bailleur", group: "parties", resolve: ({ state }) => names(bailleurParties(state), "Le nom du bailleur") },
  "bailleur.signataire": {
    label: "Signataire du bailleur",
    group: "parties",
    resolve: ({ state }) => signatories(bailleurParties(state), "Le signataire du bailleur"),
  },
  "reservataire.nom": {
    label: "Nom du réservataire",
    group: "parties",
    resolve: ({ state }) => names(reservataireParties(state).slice(0, 1), "Le nom du réservataire"),
  },
  "reservataire.signataire": {
    label: "Signataire du réservataire",
    group: "parties",
    resolve: ({ state }) => signatories(reservataireParties(state).slice(0, 1), "Le signataire du réservataire"),
  },
  "bailleur.designation": {
    label: "Bailleur(s), personne(s) morale(s) et représentant(s)",
    group: "parties",
    resolve: ({ state }) => designations(state, bailleurParties(state), "Le bailleur"),
  },
  "reservataire.designation": {
    label: "Réservataire, personne morale et représentant",
    group: "parties",
    resolve: ({ state }) => designations(state, reservataireParties(state).slice(0, 1), "Le réservataire"),
  },
  "reservataires.designation": {
    label: "Réservataires, personnes morales et représentants",
    group: "parties",
    resolve: ({ state }) => designations(state, reservataireParties(state), "Les réservataires"),
  },
  "reservataires.liste": {
    label: "Liste des réservataires",
    group: "parties",
    resolve: ({ state }) => names(reservataireParties(state), "Les réservataires"),
  },
  "parties.liste": { label: "Liste des parties", group: "parties", resolve: ({ state }) => names(state.parties, "Les parties") },
  "signataires.liste": {
    label: "Liste des signataires",
    group: "parties",
    resolve: ({ state }) => {
      const texts = state.parties.map((party) => (party.signatory ? `${signatoryText(party)} (${party.name})` : undefined));
      return state.parties.length > 0 && texts.every(Boolean) ? joinFrench(texts as string[]) : missing("Les signataires de chaque partie");
    },
  },
  "pilote.nom": {
    label: "Pilote de la convention",
    group: "parties",
    resolve: ({ state }) => {
      const pilot = state.parties.find((party) => party.pilot) ?? bailleurParties(state)[0];
      return pilot ? pilot.name : missing("Le pilote de la convention");
    },
  },
  "territoire.departement": {
    label: "Département",
    group: "territoire",
    resolve: ({ state }) =>
      departementName(state.meta.departement) ? `${withArticle(state.meta.departement)} (${state.meta.departement.toUpperCase()})` : missing("Le département"),
  },
  "territoire.epci": {
    label: "EPCI",
    group: "territoire",
    resolve: ({ state }) => (state.meta.territory.kind === "epci" ? state.meta.territory.label : missing("L'EPCI de la convention (son territoire n'est pas un EPCI)")),
  },
  "territoire.commune": {
    label: "Commune(s)",
    group: "territoire",
    resolve: ({ state }) =>
      state.meta.territory.kind === "communes" ? state.meta.territory.label : missing("La commune de la convention (son territoire n'est pas une liste de communes)"),
  },
  "territoire.libelle": {
    label: "Territoire de la convention",
    group: "territoire",
    resolve: ({ state }) => state.meta.territory.label,
  },
  "convention.titre": { label: "Titre de la convention", group: "dates", resolve: ({ state }) => state.meta.title || missing("Le titre") },
  "convention.annee": { label: "Année du flux", group: "dates", resolve: ({ state }) => String(state.meta.year) },
  "convention.date_debut": { label: "Date de prise d'effet", group: "dates", resolve: ({ state }) => formatDateLong(state.meta.startDate) },
  "convention.date_fin": { label: "Date de fin", group: "dates", resolve: ({ state }) => formatDateLong(endDate(state)) },
  "convention.duree": { label: "Durée", group: "dates", resolve: ({ state }) => formatCount(state.meta.durationYears, "an", "ans") },
  "convention.date_etat_des_lieux": {
    label: "Date de situation de l'état des lieux",
    group: "dates",
    resolve: ({ state }) => formatDateLong(`${state.meta.year - 1}-12-31`),
  },
  "convention.date_bilan": {
    label: "Date limite du premier bilan annuel",
    group: "dates",
    resolve: ({ state }) => formatDateLong(`${state.meta.year + 1}-02-28`),
  },
  "convention.lieu_signature": {
    label: "Lieu de signature",
    group: "dates",
    resolve: ({ state }) => state.parameters.signaturePlace || missing("Le lieu de signature"),
  },
  "convention.date_signature": {
    label: "Date de signature",
    group: "dates",
    resolve: ({ state }) => (state.meta.signatureDate ? formatDateLong(state.meta.signatureDate) : missing("La date de signature")),
  },
  "convention.mise_a_jour_annuelle": {
    label: "Mise à jour annuelle (annexe annuelle, sans avenant)",
    group: "dates",
    resolve: () => ANNUAL_UPDATE,
  },
  "convention.avenant": {
    label: "Modifications par avenant",
    group: "dates",
    resolve: () => AMENDMENT,
  },
  "convention.obligation_prioritaires": {
    label: "Obligation de 25 % d'attributions aux ménages prioritaires (collectivités, EPCI, Action Logement)",
    group: "parties",
    resolve: ({ state }) => priorityObligation(state.parties),
  },
  "convention.reglement_differends": {
    label: "Règlement des différends (tribunal selon la nature des parties)",
    group: "parties",
    resolve: ({ state }) => disputeClause(state.parties),
  },
  "flux.calcul": {
    label: "Calcul du flux (assiette × taux exact − déductions par catégorie)",
    group: "flux",
    resolve: (context) => perBailleur(context, fluxEquationText, "Le calcul du flux de chaque bailleur"),
  },
  "flux.taux_rotation": {
    label: "Taux de rotation retenu",
    group: "parametres",
    resolve: (context) =>
      perBailleur(context, (t) => (t.calculation ? formatShare(rat(t.calculation.rotationRate)) : null), "Le taux de rotation de chaque bailleur"),
  },
  "flux.source_rotation": {
    label: "Origine du taux de rotation",
    group: "parametres",
    resolve: (context) =>
      perBailleur(context, (t) => (t.rotation && t.rotation.source !== "manquant" ? rotationSourceText(t, context.state.meta.year) : null), "L'origine du taux de rotation"),
  },
  "flux.methode_rotation": {
    label: "Définition du taux de rotation",
    group: "parametres",
    resolve: ({ state }) => (rotationDefinition(state) === "alternative" ? "taux alternatif" : "taux standard"),
  },
  "flux.logements_territoire": {
    label: "Logements du bailleur sur le territoire (avant exclusions)",
    group: "parametres",
    resolve: (context) => perBailleur(context, (t) => (t.perimeter ? formatInteger(t.perimeter.dwellings) : null), "Les logements du bailleur sur le territoire"),
  },
  "flux.assiette": {
    label: "Assiette (logements dans le périmètre du flux)",
    group: "parametres",
    resolve: (context) => {
      const tables = context.computed().tables;
      if (tables.length === 0 || tables.some((t) => !t.perimeter)) return mainFiguresMissing(context.computed());
      return formatInteger(tables.reduce((total, t) => total + t.perimeter!.assiette, 0));
    },
  },
  "flux.deductions": {
    label: "Déductions prévues (mutations et relogements)",
    group: "parametres",
    resolve: (context) => formatInteger(context.computed().tables.reduce((total, t) => total + deductionTotal(t.deductions), 0)),
  },
  "flux.deductions_detail": {
    label: "Déductions prévues, par catégorie",
    group: "parametres",
    resolve: (context) => deductionsText(sumDeductions(context.computed().tables.map((t) => t.deductions))),
  },
  "flux.deductions_mutations": {
    label: "Mutations internes prévues",
    group: "parametres",
    resolve: (context) => formatInteger(sumDeductions(context.computed().tables.map((t) => t.deductions)).mutations),
  },
  "flux.deductions_relogements": {
    label: "Relogements prévus (ANRU, ORCOD, LHI, ventes)",
    group: "parametres",
    resolve: (context) => {
      const d = sumDeductions(context.computed().tables.map((t) => t.deductions));
      return formatInteger(d.anru + d.orcod + d.lhi + d.ventes);
    },
  },
  "flux.liberations": { label: "Libérations attendues", group: "flux", resolve: (c) => fromMain(c, (m) => formatVolume(rat(m.liberations))) },
  "flux.total": { label: "Flux annuel (exact)", group: "flux", resolve: (c) => fromMain(c, (m) => formatVolume(rat(m.flux))) },
  "flux.total_arrondi": { label: "Flux annuel (logements, estimation)", group: "flux", resolve: (c) => fromMain(c, (m) => formatInteger(m.fluxRounded)) },
  "flux.part_reservataires": {
    label: "Part de l'ensemble des réservataires",
    group: "flux",
    resolve: (c) => fromMain(c, (m) => lineFigure("part", m.lines.filter((line) => line.kind !== "bailleur"))),
  },
  "flux.volume_arrondi_reservataires": {
    label: "Logements de l'ensemble des réservataires",
    group: "flux",
    resolve: (c) => fromMain(c, (m) => lineFigure("volume_arrondi", m.lines.filter((line) => line.kind !== "bailleur"))),
  },
};

/**
 * How the convention follows the years, in one sentence every article that mentions it quotes (docs/domain.md,
 * "Mise à jour annuelle"): an annual annex approved by the parties, without avenant, from the état des lieux at the
 * 31st of December of the year before.
 */
export const ANNUAL_UPDATE =
  "Chaque année, avant le 28 février, le bailleur actualise l'état des lieux des réservations au 31 décembre de l'année précédente, le taux de rotation et les déductions prévisionnelles ; le flux de l'année, sa répartition entre les réservataires et les parts qui découlent de l'état des lieux sont arrêtés par une annexe annuelle approuvée par les parties, sans avenant.";

/** Kinds of réservataires that article L. 441-1 obliges to give a quarter of their attributions to priority households. */
const PRIORITY_OBLIGED_KINDS = ["commune", "epci", "departement", "region", "action_logement"];

/** The second L. 441-1 obligation, naming the parties it binds (docs/domain.md, "Obligations de l'article L. 441-1"). */
function priorityObligation(parties: readonly PartyInfo[]): string {
  const bound = parties.filter((party) => PRIORITY_OBLIGED_KINDS.includes(party.kind)).map(legalName);
  if (bound.length === 0)
    return "Aucune partie à la présente convention n'est soumise à l'obligation que le même article fait aux collectivités territoriales, à leurs groupements et à Action Logement Services de consacrer au moins 25 % de leurs attributions aux ménages prioritaires.";
  const who = bound.length === 1 ? `${bound[0]} consacre` : `${joinFrench(bound)} consacrent chacun`;
  return `En application du même article, ${who} au moins 25 % des attributions réalisées au titre de ${bound.length === 1 ? "son" : "leur"} contingent aux ménages bénéficiant d'une décision favorable de la commission de médiation au titre du droit au logement opposable et, à défaut, aux autres ménages prioritaires au sens de cet article.`;
}

/** What only an avenant changes, quoted wherever the text mentions one. */
export const AMENDMENT =
  "Toute autre modification de la présente convention, notamment des parts négociées, des options retenues ou de sa durée, fait l'objet d'un avenant signé par l'ensemble des parties.";

const deductionTotal = (d: Deductions) => d.mutations + d.anru + d.orcod + d.lhi + d.ventes;
function sumDeductions(all: readonly Deductions[]): Deductions {
  return all.reduce(
    (total, d) => ({ mutations: total.mutations + d.mutations, anru: total.anru + d.anru, orcod: total.orcod + d.orcod, lhi: total.lhi + d.lhi, ventes: total.ventes + d.ventes }),
    { mutations: 0, anru: 0, orcod: 0, lhi: 0, ventes: 0 },
  );
}

const LINE_FIGURES = {
  part: { label: "Part du flux", render: (share: string) => formatShare(share) },
  volume: { label: "Volume exact", render: (volume: string) => formatVolume(volume) },
  volume_arrondi: { label: "Logements", render: (rounded: string) => formatInteger(rounded) },
} as const;
type LineFigure = keyof typeof LINE_FIGURES;

const KIND_FIGURES: Record<string, LineFigure> = { part_kind: "part", volume_kind: "volume", volume_arrondi_kind: "volume_arrondi" };

/** Kinds accepted by flux.*_kind: the line kinds, "bailleur", and "prefet" for both préfet lines together. */
const kindMatches = (kind: string, lineKind: string) => (kind === "prefet" ? lineKind.startsWith("prefet_") : lineKind === kind);

function lineFigure(figure: LineFigure, lines: readonly ViewLine[]): string {
  let share: Rational = ZERO;
  let volume: Rational = ZERO;
  let rounded = 0n;
  for (const line of lines) {
    share = add(share, line.share);
    volume = add(volume, line.volume);
    rounded += line.rounded;
  }
  return LINE_FIGURES[figure].render(figure === "part" ? rat(share) : figure === "volume" ? rat(volume) : rounded.toString());
}

function findOption(key: string, template: ConventionTemplate | undefined): OptionDefinition | undefined {
  return template?.options.find((option) => option.key === key) ?? (OPTION_CATALOGUE as Record<string, OptionDefinition | undefined>)[key];
}

function optionClause(key: string, context: Context, what: "clause" | "label"): Resolved {
  const option = findOption(key, context.template);
  if (!option) return { error: conventionMessages.VARIABLE_INCONNUE(`option:${key}`) };
  const value = context.state.options[key] ?? context.template?.defaults.options[key] ?? { choice: option.default };
  const choice = option.choices.find((candidate) => candidate.value === value.choice);
  if (!choice) return { error: conventionMessages.OPTION_CHOIX_INCONNU(option.label, value.choice, option.choices.map((c) => c.value)) };
  if (what === "label") return choice.label;
  let text = choice.clause;
  for (const param of choice.params ?? []) {
    const raw = value.params?.[param.key] ?? param.default;
    if (raw === undefined) return missing(`${param.label} (option « ${option.label} »)`);
    const shown = param.kind === "rate" ? formatPercent(parseFrenchDecimal(raw) ?? raw) : raw;
    text = text.replaceAll(`{{${param.key}}}`, shown);
  }
  return text;
}

function resolveFamily(name: string, context: Context): Resolved | undefined {
  const colon = name.indexOf(":");
  if (colon < 0) return undefined;
  const family = name.slice(0, colon);
  const argument = name.slice(colon + 1);
  if (family === "option") return optionClause(argument, context, "clause");
  if (family === "option_label") return optionClause(argument, context, "label");
  const figureOfLine = family.startsWith("flux.") ? (family.slice(5) as LineFigure) : undefined;
  if (figureOfLine && figureOfLine in LINE_FIGURES) {
    return fromMain(context, (m) => {
      const line = m.lines.find((candidate) => candidate.key === argument);
      return line ? lineFigure(figureOfLine, [line]) : { error: conventionMessages.LIGNE_INCONNUE(argument) };
    });
  }
  const figureOfKind = family.startsWith("flux.") ? KIND_FIGURES[family.slice(5)] : undefined;
  if (figureOfKind) {
    return fromMain(context, (m) => {
      const lines = m.lines.filter((line) => kindMatches(argument, line.kind));
      return lines.length > 0 ? lineFigure(figureOfKind, lines) : missing(`Une ligne du flux de type ${LINE_KIND_LABELS[argument] ?? argument}`);
    });
  }
  return undefined;
}

/**
 * The text of a variable, e.g. "bailleur.nom", "flux.volume_arrondi:action_logement", "option:decompte".
 * Pass `computed` to share one flux computation, and `template` to read options the template defines itself.
 */
export function resolveVariable(
  name: string,
  state: ConventionState,
  computed?: ConventionFlux,
  template?: ConventionTemplate,
): VariableResolution {
  let cache = computed;
  const context: Context = { state, template, computed: () => (cache ??= computeConventionFlux(state)) };
  let resolved: Resolved | undefined;
  try {
    resolved = STATIC[name]?.resolve(context) ?? resolveFamily(name, context);
  } catch (error) {
    // Malformed shared data (a date typed by hand) must show a message, not break the editor.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Variable « ${name} » : données invalides (${detail}).` };
  }
  if (resolved === undefined) return { ok: false, message: conventionMessages.VARIABLE_INCONNUE(name) };
  if (typeof resolved === "string") return { ok: true, text: frenchText(resolved) };
  return { ok: false, message: "missing" in resolved ? conventionMessages.VARIABLE_DONNEE_MANQUANTE(resolved.missing) : resolved.error };
}

/** The French label of a variable name (for a chip's tooltip or an unresolved placeholder). */
export function variableLabel(name: string, state?: ConventionState): string {
  const fixed = STATIC[name];
  if (fixed) return fixed.label;
  const entry = state ? listVariables(state).find((candidate) => candidate.name === name) : undefined;
  return entry?.label ?? name;
}

/** Every variable the insertion menu offers for this convention: the fixed ones, one per flux line and kind, one per option. */
export function listVariables(state: ConventionState, template?: ConventionTemplate): VariableEntry[] {
  // A territory is a département, an EPCI or communes: only its own variable is offered.
  const kind = state.meta.territory?.kind;
  const offered = Object.entries(STATIC).filter(([name]) => (name !== "territoire.epci" || kind === "epci") && (name !== "territoire.commune" || kind === "communes"));
  const entries: VariableEntry[] = offered.map(([name, variable]) => ({ name, label: variable.label, group: variable.group }));
  const lines = [
    ...partyHolders(state).map((holder) => ({ id: holder.key, kind: holder.kind as string, label: holderLabel(holder) })),
    { id: "bailleur", kind: "bailleur", label: LINE_KIND_LABELS.bailleur },
  ];
  for (const line of lines) {
    for (const [figure, { label }] of Object.entries(LINE_FIGURES)) {
      entries.push({ name: `flux.${figure}:${line.id}`, label: `${label} — ${line.label}`, group: "flux" });
    }
  }
  const kinds = [...new Set(lines.map((line) => line.kind))];
  if (kinds.some((kind) => kind.startsWith("prefet_"))) kinds.unshift("prefet");
  for (const kind of kinds) {
    for (const [family, figure] of Object.entries(KIND_FIGURES)) {
      const what = kind === "prefet" ? "Préfet (ensemble)" : (LINE_KIND_LABELS[kind] ?? kind);
      entries.push({ name: `flux.${family}:${kind}`, label: `${LINE_FIGURES[figure].label} — ${what}`, group: "flux" });
    }
  }
  const options = template?.options ?? Object.values(OPTION_CATALOGUE as Record<string, OptionDefinition>).filter((option) => option.key in state.options);
  for (const option of options) {
    entries.push({ name: `option:${option.key}`, label: `Clause — ${option.label}`, group: "options" });
    entries.push({ name: `option_label:${option.key}`, label: `Choix retenu — ${option.label}`, group: "options" });
  }
  return entries;
}
