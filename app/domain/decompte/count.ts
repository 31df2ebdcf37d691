// Counting a year's events by a convention's décompte rule (docs/domain.md, « Le décompte des attributions »).
// Events are grouped into cases: one dwelling offered to one réservataire once (a vacancy). Each case counts at most
// once against its réservataire's objective, on the date of the event its rule names.
import type { Financement, Typologie } from "../inventory/cells";
import type { DecompteEvent, DecompteRule, RefusalReason } from "./events";

/** An event as the counting reads it: its holder is the réservataire line it is charged to (null = non réservé). */
export interface LedgerEvent {
  line: number;
  rpls: string;
  /** The holder's key (`kind:organisationId`), or null for the bailleur's own dwellings. */
  holder: string | null;
  date: string;
  event: DecompteEvent;
  motif: RefusalReason | null;
  adaptee: boolean | null;
  prioritaire: boolean | null;
  dalo: boolean | null;
  premierQuartile: boolean | null;
  commune: string;
  qpv: boolean;
  typologie: Typologie;
  financement: Financement;
}

/** One dwelling offered to one holder once, with its events in order. */
export interface DecompteCase {
  rpls: string;
  holder: string | null;
  events: LedgerEvent[];
}

const byDateThenLine = (a: LedgerEvent, b: LedgerEvent) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line);

/**
 * The cases of a set of events. Events of one dwelling and one holder, in date order (file order within a day), form
 * one case until a new mise à disposition opens another, or until the case closed (the household moved in, or the
 * dwelling went back to the bailleur) and anything else happens.
 */
export function casesOf(events: readonly LedgerEvent[]): readonly DecompteCase[] {
  const known = casesByEvents.get(events);
  if (known) return known;
  const cases = buildCases(events);
  casesByEvents.set(events, cases);
  return cases;
}

// Cases per list of events (by identity): lists are never changed once built, and the bilans of the conventions that
// read the same list (see app/models/decompte/events.server.ts) share its cases and, through them, their summaries.
const casesByEvents = new WeakMap<readonly LedgerEvent[], readonly DecompteCase[]>();

function buildCases(events: readonly LedgerEvent[]): DecompteCase[] {
  const groups = new Map<string, LedgerEvent[]>();
  for (const event of events) {
    const key = `${event.holder ?? ""}\u0000${event.rpls}`;
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  const cases: DecompteCase[] = [];
  for (const group of groups.values()) {
    group.sort(byDateThenLine);
    let current: DecompteCase | null = null;
    let closed = false;
    for (const event of group) {
      if (!current || closed || (event.event === "mise_a_disposition" && current.events.length > 0)) {
        current = { rpls: event.rpls, holder: event.holder, events: [] };
        cases.push(current);
        closed = false;
      }
      current.events.push(event);
      if (event.event === "entree_dans_les_lieux" || event.event === "retour_bailleur") closed = true;
    }
  }
  return cases.sort((a, b) => byDateThenLine(a.events[0], b.events[0]));
}

/** What the counting and the bilan read of a case, gathered in one pass over its events. */
export interface CaseSummary {
  /** The first mise à disposition or proposition: the dwelling was proposed. */
  offer: LedgerEvent | null;
  firstMiseADisposition: string | null;
  /** The first attribution (its date dates the attribution) and the last (its household is the one attributed). */
  firstAttribution: LedgerEvent | null;
  lastAttribution: LedgerEvent | null;
  lease: string | null;
  entry: string | null;
  /** The first refusal by a candidate of a proposal marked adapted to its demand. */
  adaptedRefusal: string | null;
  returned: boolean;
  refusals: number;
}

const summaries = new WeakMap<DecompteCase, CaseSummary>();

/** The summary of a case (computed once per case). */
export function summarise(c: DecompteCase): CaseSummary {
  const known = summaries.get(c);
  if (known) return known;
  const summary: CaseSummary = { offer: null, firstMiseADisposition: null, firstAttribution: null, lastAttribution: null, lease: null, entry: null, adaptedRefusal: null, returned: false, refusals: 0 };
  for (const e of c.events) {
    switch (e.event) {
      case "mise_a_disposition":
        summary.firstMiseADisposition ??= e.date;
        summary.offer ??= e;
        break;
      case "proposition":
        summary.offer ??= e;
        break;
      case "attribution":
        summary.firstAttribution ??= e;
        summary.lastAttribution = e;
        break;
      case "bail_signe":
        summary.lease ??= e.date;
        break;
      case "entree_dans_les_lieux":
        summary.entry ??= e.date;
        break;
      case "refus_candidat":
        summary.refusals++;
        if (e.adaptee === true) summary.adaptedRefusal ??= e.date;
        break;
      case "refus_caleol":
        summary.refusals++;
        break;
      case "retour_bailleur":
        summary.returned = true;
        break;
    }
  }
  summaries.set(c, summary);
  return summary;
}

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * The date a case counts against its holder's objective under `rule`, or null when it does not count:
 * - `mise_a_disposition`: its mise à disposition, whatever the candidates and the commission decide afterwards
 *   (refusals included), unless the dwelling went back to the bailleur (the offer withdrawn);
 * - `attribution`: the commission's first attribution; `signature_bail`: the signed lease;
 * - `entree_dans_les_lieux`: the household's entry, or earlier the candidate's refusal of a proposal marked adapted
 *   to its demand (the bailleur owes the means, not the result);
 * - the bailleur's own dwellings (non réservé) count at attribution whatever the rule: nothing is put at its disposal.
 */
export function countingDate(c: DecompteCase, rule: DecompteRule): string | null {
  const s = summarise(c);
  if (c.holder === null) return s.firstAttribution?.date ?? null;
  switch (rule) {
    case "mise_a_disposition":
      return s.returned ? null : s.firstMiseADisposition;
    case "attribution":
      return s.firstAttribution?.date ?? null;
    case "signature_bail":
      return s.lease;
    case "entree_dans_les_lieux":
      return earliest(s.entry, s.adaptedRefusal);
  }
}

/** The key counts are kept under: the holder's key, or "bailleur" for the non réservé line. */
export const lineKeyOf = (holder: string | null) => holder ?? "bailleur";

/** How many cases count per holder (key, or "bailleur") under `rule`. */
export function countCases(cases: readonly DecompteCase[], rule: DecompteRule): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) {
    if (countingDate(c, rule) === null) continue;
    const key = lineKeyOf(c.holder);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The events of a period, up to and including `until` (an ISO date), or all of them. */
export function eventsUntil<T extends { date: string }>(events: readonly T[], until: string | null): readonly T[] {
  return until === null ? events : events.filter((e) => e.date <= until);
}
