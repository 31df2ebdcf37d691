// The bilan of a convention's year (docs/domain.md, « Le bilan annuel »): per réservataire line, the objective of the
// year's table against what the décompte rule counts; the dwellings proposed and attributed by typologie,
// financement, QPV, commune and quarter; refusals by reason; dwellings returned to the bailleur; the two L. 441-1
// indicators. Annual (the whole year) or intermediate (up to a date). Pure: the server hands it each bailleur's events
// on the convention's territory, already read through the register, and the convention's flux tables.
import { formatRational } from "../flux/decimal";
import { ratio } from "../flux/rational";
import { FINANCEMENTS, TYPOLOGIES } from "../inventory/cells";
import type { ViewLine } from "../perimeter/view";
import { casesOf, countingDate, eventsUntil, lineKeyOf, summarise, type DecompteCase, type LedgerEvent } from "./count";
import { DECOMPTE_EVENTS, REFUSAL_EVENTS, REFUSAL_REASONS, type DecompteRule } from "./events";

/** Réservataire kinds whose attributions must give 25 % to priority households (CCH L. 441-1: collectivités, Action Logement). */
export const PRIORITY_OBLIGATION_KINDS: ReadonlySet<string> = new Set(["commune", "epci", "departement", "region", "action_logement"]);

/** The L. 441-1 floor both indicators are compared with. */
export const L441_TARGET = "0.25";

export const RULE_LABELS: Record<DecompteRule, string> = {
  mise_a_disposition: "À la mise à disposition",
  attribution: "À la décision d'attribution",
  signature_bail: "À la signature du bail",
  entree_dans_les_lieux: "À l'entrée dans les lieux",
};

/** A line the convention shows, with what its objective is measured against. */
export interface BilanLine {
  /** The holder's key, "autres" or "bailleur" (as the flux table's lines). */
  key: string;
  kind: string;
  label: string;
  /** The rounded dwellings of the year's table; null when the table does not give one. */
  objective: number | null;
  /** Cases counted under the convention's rule, in the period. */
  counted: number;
  /** counted / objective, a decimal string; null without a positive objective. */
  rate: string | null;
  /** The objective prorated to the period's end (intermediate bilan), a decimal string with one decimal. */
  prorata: string | null;
  proposes: number;
  attribues: number;
  refus: number;
  retours: number;
}

export interface BilanTableInput {
  bailleur: { id: string; name: string };
  /** The convention's lines of this bailleur's table (objectives), or null when the table is not computed. */
  view: readonly ViewLine[] | null;
  /** This bailleur's events on the convention's territory (any date of the year). */
  events: readonly LedgerEvent[];
  /** The import the events come from, null when the bailleur has none for the year. */
  source: { importId: string; fileName: string; importedAt: string; rows: number } | null;
}

export interface BilanInput {
  year: number;
  rule: DecompteRule;
  /** Last day of an intermediate bilan (ISO date); null for the annual bilan. */
  until: string | null;
  tables: readonly BilanTableInput[];
  /** The convention's réservataire parties' lines, shown even without objective or event (key, kind, label). */
  parties: readonly { key: string; kind: string; label: string }[];
  /** Kind of every holder key met (for the L. 441-1 indicator and the « autres » line). */
  holderKinds: Readonly<Record<string, string>>;
  communeNames: Readonly<Record<string, string>>;
  /** Restricts the figures to one line of the convention (a réservataire's own bilan), or null for all. */
  line: string | null;
}

export interface BreakdownRow {
  key: string;
  label: string;
  proposes: number;
  attribues: number;
}

export interface Breakdown {
  key: "typologie" | "financement" | "qpv" | "commune" | "trimestre";
  title: string;
  rows: BreakdownRow[];
}

export interface Indicator {
  key: "premier_quartile_hors_qpv" | "prioritaires_collectivites_al";
  label: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator as a decimal string, null when nothing was attributed. */
  share: string | null;
  target: string;
  /** Whether the share reaches the target; null without attribution. */
  met: boolean | null;
}

export interface BilanTable {
  bailleur: { id: string; name: string };
  source: BilanTableInput["source"];
  /** False while the year's table gives no objectives (missing data, or a year other than the convention's). */
  objectives: boolean;
  lines: BilanLine[];
}

export interface Bilan {
  year: number;
  rule: DecompteRule;
  ruleLabel: string;
  kind: "annuel" | "intermediaire";
  from: string;
  to: string;
  line: { key: string; label: string } | null;
  tables: BilanTable[];
  /** Line by line sum of the tables, for a convention with several bailleurs; null otherwise. */
  consolidated: BilanLine[] | null;
  /** The single table's lines or the consolidated ones: what the synthesis shows. */
  lines: BilanLine[];
  breakdowns: Breakdown[];
  refusals: { event: string; motif: string; label: string; count: number }[];
  /** Cases that ended with the dwelling back at the bailleur. */
  returned: number;
  indicators: Indicator[];
  totals: { events: number; cases: number; proposes: number; attribues: number; counted: number };
}

const share = (numerator: number, denominator: number) => (denominator > 0 ? formatRational(ratio(BigInt(numerator), BigInt(denominator))) : null);

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days from 1 January to `date` included, over the days of the year, times the objective, one decimal half-up. */
function prorate(objective: number, date: string, year: number): string {
  const start = Date.UTC(year, 0, 1);
  const day = Math.round((Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000) + 1;
  const days = isLeap(year) ? 366 : 365;
  const tenths = (2n * BigInt(objective) * BigInt(day) * 10n + BigInt(days)) / (2n * BigInt(days));
  return formatRational(ratio(tenths, 10n));
}

const quarterOf = (date: string) => `T${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
const proposed = (c: DecompteCase) => summarise(c).offer;
const attributed = (c: DecompteCase) => summarise(c).firstAttribution;
/** The household a case was attributed to: its last attribution's facts (an earlier candidate may have refused). */
const household = (c: DecompteCase) => summarise(c).lastAttribution;

interface Tally {
  counted: number;
  proposes: number;
  attribues: number;
  refus: number;
  retours: number;
}
const emptyTally = (): Tally => ({ counted: 0, proposes: 0, attribues: 0, refus: 0, retours: 0 });

/** Which line of the convention a holder's case is charged to: its own when it is a party, « autres » otherwise. */
function lineOf(holder: string | null, partyKeys: ReadonlySet<string>): string {
  const key = lineKeyOf(holder);
  return key === "bailleur" || partyKeys.has(key) ? key : "autres";
}

function tallyCases(cases: readonly DecompteCase[], rule: DecompteRule, partyKeys: ReadonlySet<string>): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const c of cases) {
    const key = lineOf(c.holder, partyKeys);
    const tally = tallies.get(key) ?? emptyTally();
    if (countingDate(c, rule) !== null) tally.counted++;
    const summary = summarise(c);
    if (summary.offer) tally.proposes++;
    if (summary.firstAttribution) tally.attribues++;
    tally.refus += summary.refusals;
    if (summary.returned) tally.retours++;
    tallies.set(key, tally);
  }
  return tallies;
}

function bilanLines(
  view: readonly ViewLine[] | null,
  parties: BilanInput["parties"],
  tallies: Map<string, Tally>,
  period: { until: string | null; year: number },
): BilanLine[] {
  const base: { key: string; kind: string; label: string; objective: number | null }[] = view
    ? view.map((line) => ({ key: line.key, kind: line.kind, label: line.label, objective: Number(line.rounded) }))
    : [...parties.map((p) => ({ ...p, objective: null })), { key: "bailleur", kind: "bailleur", label: "Non réservé — bailleur", objective: null }];
  // Cases of holders outside the parties with no « autres » line in the table (no dwelling of theirs in the assiette).
  if (tallies.has("autres") && !base.some((line) => line.key === "autres")) {
    base.splice(base.length - 1, 0, { key: "autres", kind: "autres", label: "Autres réservataires", objective: view ? 0 : null });
  }
  return base.map((line) => {
    const tally = tallies.get(line.key) ?? emptyTally();
    return {
      ...line,
      ...tally,
      rate: line.objective ? share(tally.counted, line.objective) : null,
      prorata: line.objective !== null && period.until !== null ? prorate(line.objective, period.until, period.year) : null,
    };
  });
}

function sumLines(tables: readonly BilanLine[][]): BilanLine[] {
  const lines = new Map<string, BilanLine>();
  for (const table of tables) {
    for (const line of table) {
      const current = lines.get(line.key);
      if (!current) {
        lines.set(line.key, { ...line });
        continue;
      }
      current.objective = current.objective === null || line.objective === null ? null : current.objective + line.objective;
      current.counted += line.counted;
      current.proposes += line.proposes;
      current.attribues += line.attribues;
      current.refus += line.refus;
      current.retours += line.retours;
    }
  }
  return [...lines.values()].map((line) => ({
    ...line,
    ...(line.key === "bailleur" ? { label: "Non réservé — ensemble des bailleurs" } : {}),
    rate: line.objective ? share(line.counted, line.objective) : null,
    prorata: null,
  }));
}

function breakdown(key: Breakdown["key"], title: string, cases: readonly DecompteCase[], keyOf: (e: LedgerEvent) => string, labels: (key: string) => string, order?: readonly string[]): Breakdown {
  const rows = new Map<string, BreakdownRow>();
  for (const k of order ?? []) rows.set(k, { key: k, label: labels(k), proposes: 0, attribues: 0 });
  const row = (k: string) => {
    let found = rows.get(k);
    if (!found) rows.set(k, (found = { key: k, label: labels(k), proposes: 0, attribues: 0 }));
    return found;
  };
  for (const c of cases) {
    const offer = proposed(c);
    if (offer) row(keyOf(offer)).proposes++;
    const decision = attributed(c);
    if (decision) row(keyOf(decision)).attribues++;
  }
  const list = [...rows.values()];
  if (!order) list.sort((a, b) => a.label.localeCompare(b.label, "fr") || (a.key < b.key ? -1 : 1));
  return { key, title, rows: list };
}

/** The bilan of a convention for a year or part of it. */
export function computeBilan(input: BilanInput): Bilan {
  const { year, rule } = input;
  const until = input.until !== null && input.until < `${year}-12-31` ? input.until : null;
  const partyKeys = new Set(input.parties.map((p) => p.key));
  const keep = (c: DecompteCase) => input.line === null || lineOf(c.holder, partyKeys) === input.line;
  const perTable = input.tables.map((table) => {
    const cases = casesOf(eventsUntil(table.events, until));
    return { table, cases, tallies: tallyCases(cases, rule, partyKeys) };
  });
  const tables: BilanTable[] = perTable.map(({ table, tallies }) => ({
    bailleur: table.bailleur,
    source: table.source,
    objectives: table.view !== null,
    lines: bilanLines(table.view, input.parties, tallies, { until, year }).filter((l) => input.line === null || l.key === input.line),
  }));
  const consolidated = tables.length > 1 ? sumLines(tables.map((t) => t.lines)) : null;
  const lines = consolidated ?? tables[0]?.lines ?? [];
  const cases = perTable.flatMap((t) => t.cases).filter(keep);

  const communes = input.communeNames;
  const breakdowns: Breakdown[] = [
    breakdown("typologie", "Par typologie", cases, (e) => e.typologie, (k) => k, TYPOLOGIES),
    breakdown("financement", "Par financement", cases, (e) => e.financement, (k) => (k === "autre" ? "Autre" : k), FINANCEMENTS),
    breakdown("qpv", "En ou hors quartier prioritaire", cases, (e) => (e.qpv ? "qpv" : "hors_qpv"), (k) => (k === "qpv" ? "En QPV" : "Hors QPV"), ["qpv", "hors_qpv"]),
    breakdown("commune", "Par commune", cases, (e) => e.commune, (k) => (communes[k] ? `${communes[k]} (${k})` : k)),
    breakdown("trimestre", "Par trimestre", cases, (e) => quarterOf(e.date), (k) => `${k.replace("T", "")}${k === "T1" ? "er" : "e"} trimestre`, ["T1", "T2", "T3", "T4"]),
  ];

  const refusals = new Map<string, { event: string; motif: string; label: string; count: number }>();
  let eventCount = 0;
  for (const c of cases) {
    eventCount += c.events.length;
    for (const e of c.events) {
      if (!REFUSAL_EVENTS.has(e.event)) continue;
      const motif = e.motif ?? "non_precise";
      const key = `${e.event}|${motif}`;
      const label = `${DECOMPTE_EVENTS[e.event].label} — ${e.motif ? REFUSAL_REASONS[e.motif].label : "motif non précisé"}`;
      const entry = refusals.get(key) ?? { event: e.event, motif, label, count: 0 };
      entry.count++;
      refusals.set(key, entry);
    }
  }

  // CCH L. 441-1: attributions followed by a signed lease of dwellings outside QPV, to first-quartile households;
  // attributions on the lines of collectivités and Action Logement, to priority (or DALO) households.
  const attributedCases = cases.filter((c) => attributed(c));
  const horsQpv = attributedCases.filter((c) => summarise(c).lease !== null && !attributed(c)!.qpv);
  const quartile = horsQpv.filter((c) => household(c)!.premierQuartile === true).length;
  const obliged = attributedCases.filter((c) => c.holder !== null && PRIORITY_OBLIGATION_KINDS.has(input.holderKinds[c.holder] ?? ""));
  const priority = obliged.filter((c) => household(c)!.prioritaire === true || household(c)!.dalo === true).length;
  const indicator = (key: Indicator["key"], label: string, numerator: number, denominator: number): Indicator => {
    const value = share(numerator, denominator);
    return { key, label, numerator, denominator, share: value, target: L441_TARGET, met: value === null ? null : numerator * 4 >= denominator };
  };

  const lineLabel = input.line === null ? null : (lines.find((l) => l.key === input.line)?.label ?? input.line);
  return {
    year,
    rule,
    ruleLabel: RULE_LABELS[rule],
    kind: until === null ? "annuel" : "intermediaire",
    from: `${year}-01-01`,
    to: until ?? `${year}-12-31`,
    line: input.line === null ? null : { key: input.line, label: lineLabel ?? input.line },
    tables,
    consolidated,
    lines,
    breakdowns,
    refusals: [...refusals.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "fr")),
    returned: cases.filter((c) => summarise(c).returned).length,
    indicators: [
      indicator("premier_quartile_hors_qpv", "Attributions hors QPV suivies d'un bail signé, à des ménages du premier quartile", quartile, horsQpv.length),
      indicator("prioritaires_collectivites_al", "Attributions des collectivités et d'Action Logement à des ménages prioritaires ou DALO", priority, obliged.length),
    ],
    totals: {
      events: eventCount,
      cases: cases.length,
      proposes: cases.filter((c) => proposed(c)).length,
      attribues: attributedCases.length,
      counted: lines.reduce((sum, l) => sum + l.counted, 0),
    },
  };
}
