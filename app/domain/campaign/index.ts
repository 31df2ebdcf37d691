// The yearly état des lieux campaign and the view of a territory (docs/domain.md, "Deadlines of the yearly cycle" and
// "La vue du territoire"): each bailleur sends its état des lieux of year n to every réservataire before 28 February
// of year n, and the State (or an EPCI) follows, pair by pair, where each bailleur × réservataire stands. Pure: the
// server gathers the rows, this module decides.
import type { InventoryAggregates } from "../inventory/aggregate";
import { countTerritory } from "../perimeter/counts";
import { parseReservataireKey, type CodeMapping } from "../perimeter/reservataires";

/** Last day, inclusive, to send the état des lieux of `year`: 28 February of that year. */
export function envoiDeadline(year: number): string {
  return `${year}-02-28`;
}

export const ENVOI_STATUSES = ["envoye_a_temps", "envoye_en_retard", "a_envoyer", "en_retard"] as const;
export type EnvoiStatus = (typeof ENVOI_STATUSES)[number];

export const ENVOI_LABELS: Record<EnvoiStatus, string> = {
  envoye_a_temps: "Envoyé à temps",
  envoye_en_retard: "Envoyé en retard",
  a_envoyer: "À envoyer",
  en_retard: "Non envoyé, en retard",
};

/**
 * Where a pair stands for the état des lieux of `year`: sent on `sentOn` (its first sending, an ISO date in Paris
 * time), on time when on or before 28 February; not sent, late once `today` is past that day.
 */
export function envoiStatus(sentOn: string | null, year: number, today: string): EnvoiStatus {
  const deadline = envoiDeadline(year);
  if (sentOn !== null) return sentOn <= deadline ? "envoye_a_temps" : "envoye_en_retard";
  return today <= deadline ? "a_envoyer" : "en_retard";
}

export const CONVENTION_STATES = ["aucune", "brouillon", "en_negociation", "prete_pour_signature", "signee"] as const;
export type ConventionState = (typeof CONVENTION_STATES)[number];

export const CONVENTION_STATE_LABELS: Record<ConventionState, string> = {
  aucune: "Aucune convention",
  brouillon: "Brouillon",
  en_negociation: "En négociation",
  prete_pour_signature: "Prête pour signature",
  signee: "Signée",
};

/** Organisation kinds that hold reservation rights (a bailleur never is a réservataire of another). */
const RESERVATAIRE_ORGANISATION_KINDS = new Set(["prefet", "action_logement", "commune", "epci", "departement", "region", "autre"]);

/** The kinds in the order a territory view lists réservataires: the State first, then Action Logement, then the rest. */
const KIND_ORDER = ["prefet", "action_logement", "departement", "region", "epci", "commune", "autre"];

export interface CampaignOrganisation {
  id: string;
  name: string;
  kind: string;
}

export interface CampaignBailleur {
  id: string;
  name: string;
  /** Its current, confirmed état des lieux of the year, or null. */
  inventory: { importId: string; aggregates: InventoryAggregates; mapping: CodeMapping } | null;
}

export interface CampaignConvention {
  id: string;
  title: string;
  status: Exclude<ConventionState, "aucune">;
  /** Accepted parties (an invited bailleur is not yet a party). */
  partyIds: readonly string[];
  /** Options of the convention without consensus, and deadlines past without consensus (unsigned conventions). */
  optionsWithoutConsensus: number;
  overdueDeadlines: number;
  /** The year's bilan per pair (pairKey), when its bailleur imported the year's events: objective vs counted. */
  bilan?: Readonly<Record<string, PairBilan>>;
}

/** A réservataire's objective in a bailleur's table (its lines together; null without a table) and what was counted. */
export interface PairBilan {
  objective: number | null;
  counted: number;
}

export interface PairConvention {
  id: string;
  title: string;
  status: Exclude<ConventionState, "aucune">;
  optionsWithoutConsensus: number;
  overdueDeadlines: number;
}

export interface TerritoryPair {
  bailleur: { id: string; name: string };
  reservataire: CampaignOrganisation;
  /** Dwellings of the bailleur's état des lieux inside the territory that this réservataire holds (every class). */
  reservedDwellings: number;
  conventions: PairConvention[];
  /** The most advanced status among the pair's conventions, "aucune" without one. */
  conventionState: ConventionState;
  envoi: { status: EnvoiStatus; sentOn: string | null };
  /** The bilan of the pair's most advanced convention, or null when the bailleur has imported no events for the year. */
  bilan: PairBilan | null;
}

export interface TerritoryPairsInput {
  year: number;
  /** Today in Paris, ISO date. */
  today: string;
  /** Whether a commune (INSEE code, in a département) is in the territory viewed. */
  inTerritory: (insee: string, departement: string) => boolean;
  bailleurs: readonly CampaignBailleur[];
  /** Réservataire organisations that may appear (holders of the bailleurs' files, parties of the conventions). */
  organisations: ReadonlyMap<string, CampaignOrganisation>;
  /** The conventions of the year on the territory. */
  conventions: readonly CampaignConvention[];
  /** First sending of the year per bailleur × réservataire (ISO date, Paris time). */
  firstSent: ReadonlyMap<string, string>;
}

export const pairKey = (bailleurId: string, reservataireId: string) => `${bailleurId}|${reservataireId}`;

const STATE_RANK: Record<ConventionState, number> = { aucune: 0, brouillon: 1, en_negociation: 2, prete_pour_signature: 3, signee: 4 };

/**
 * Every bailleur × réservataire pair of a territory for a year: a réservataire that holds dwellings of the bailleur
 * on the territory, or that is a party with it to a convention there. Sorted by bailleur, then réservataire kind and
 * name.
 */
export function territoryPairs(input: TerritoryPairsInput): TerritoryPair[] {
  const pairs: TerritoryPair[] = [];
  for (const bailleur of input.bailleurs) {
    const reserved = new Map<string, number>();
    if (bailleur.inventory) {
      const counts = countTerritory(bailleur.inventory.aggregates, input.inTerritory, bailleur.inventory.mapping);
      for (const cell of Object.values(counts.classes)) {
        for (const [key, n] of Object.entries(cell?.reserved ?? {})) {
          const holder = parseReservataireKey(key);
          if (holder) reserved.set(holder.organisationId, (reserved.get(holder.organisationId) ?? 0) + n);
        }
      }
    }
    const conventions = input.conventions.filter((c) => c.partyIds.includes(bailleur.id));
    const reservataires = new Set([...reserved.keys(), ...conventions.flatMap((c) => c.partyIds)]);
    for (const id of reservataires) {
      const organisation = input.organisations.get(id);
      if (!organisation || !RESERVATAIRE_ORGANISATION_KINDS.has(organisation.kind)) continue;
      const theirs = conventions
        .filter((c) => c.partyIds.includes(id))
        .map(({ id: conventionId, title, status, optionsWithoutConsensus, overdueDeadlines }) => ({ id: conventionId, title, status, optionsWithoutConsensus, overdueDeadlines }));
      const state = theirs.reduce<ConventionState>((best, c) => (STATE_RANK[c.status] > STATE_RANK[best] ? c.status : best), "aucune");
      const lead = conventions.find((c) => c.partyIds.includes(id) && c.status === state);
      const sentOn = input.firstSent.get(pairKey(bailleur.id, id)) ?? null;
      pairs.push({
        bailleur: { id: bailleur.id, name: bailleur.name },
        reservataire: organisation,
        reservedDwellings: reserved.get(id) ?? 0,
        conventions: theirs,
        conventionState: state,
        envoi: { status: envoiStatus(sentOn, input.year, input.today), sentOn },
        bilan: lead?.bilan?.[pairKey(bailleur.id, id)] ?? null,
      });
    }
  }
  const kindRank = (kind: string) => {
    const rank = KIND_ORDER.indexOf(kind);
    return rank < 0 ? KIND_ORDER.length : rank;
  };
  return pairs.sort(
    (a, b) =>
      a.bailleur.name.localeCompare(b.bailleur.name, "fr") ||
      a.bailleur.id.localeCompare(b.bailleur.id) ||
      kindRank(a.reservataire.kind) - kindRank(b.reservataire.kind) ||
      a.reservataire.name.localeCompare(b.reservataire.name, "fr"),
  );
}

export interface PairFilters {
  bailleur?: string;
  reservataire?: string;
  convention?: ConventionState;
  envoi?: EnvoiStatus;
}

export function filterPairs(pairs: readonly TerritoryPair[], filters: PairFilters): TerritoryPair[] {
  return pairs.filter(
    (p) =>
      (!filters.bailleur || p.bailleur.id === filters.bailleur) &&
      (!filters.reservataire || p.reservataire.id === filters.reservataire) &&
      (!filters.convention || p.conventionState === filters.convention) &&
      (!filters.envoi || p.envoi.status === filters.envoi),
  );
}
