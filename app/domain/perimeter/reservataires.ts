// Réservataires as organisations: a line of an apportionment is an organisation holding rights of one kind (the préfet
// holds two kinds: publics prioritaires and agents de l'État). The codes an inventory uses are mapped to these by the
// register of the département (docs/domain.md, "Réservataires").
import { RESERVATAIRE_KINDS, type ReservataireKind } from "../flux/schema";

/** One holder of reservation rights: an organisation and the kind of its rights. */
export interface ReservataireRef {
  organisationId: string;
  kind: ReservataireKind;
}

/**
 * A code of an inventory in a département (see mappingKey) → its holder, or null for a dwelling no réservataire holds
 * (non réservé). Codes are per département: "cd" may be the Conseil départemental of two départements.
 */
export type CodeMapping = Record<string, ReservataireRef | null>;

/** The key of a code in a CodeMapping: "31|al". */
export function mappingKey(departement: string, code: string): string {
  return `${departement}|${code}`;
}

/** The stable key of a holder, used as the line id of every apportionment: "action_logement:<organisation id>". */
export function reservataireKey(ref: ReservataireRef): string {
  return `${ref.kind}:${ref.organisationId}`;
}

/** The holder of a key, or null when the key is not one (reservataireKey's inverse). */
export function parseReservataireKey(key: string): ReservataireRef | null {
  const colon = key.indexOf(":");
  if (colon < 0) return null;
  const kind = key.slice(0, colon) as ReservataireKind;
  const organisationId = key.slice(colon + 1);
  return RESERVATAIRE_KINDS.includes(kind) && organisationId ? { organisationId, kind } : null;
}

/** Kinds whose rights are attached to their territory (the rate on their former stock is given by commune). */
export const LOCAL_KINDS: ReadonlySet<ReservataireKind> = new Set(["commune", "epci"]);

/** The kind a party's organisation holds rights as, for each kind of organisation (the préfet: both of its kinds). */
export const LINE_KINDS_OF_PARTY: Record<string, readonly ReservataireKind[]> = {
  prefet: ["prefet_prioritaires", "prefet_fonctionnaires"],
  action_logement: ["action_logement"],
  commune: ["commune"],
  epci: ["epci"],
  departement: ["departement"],
  region: ["region"],
  autre: ["autre"],
};

const KIND_ORDER = new Map<string, number>(RESERVATAIRE_KINDS.map((kind, index) => [kind, index]));

/**
 * The canonical order of an apportionment's lines: by kind (préfet first), then name, then key. It does not depend on
 * the convention, so the rounding — whose ties go to the earlier line — gives every convention the same figures.
 */
export function compareHolders(a: { key: string; kind: string; name: string }, b: { key: string; kind: string; name: string }): number {
  return (
    (KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99) ||
    a.name.localeCompare(b.name, "fr") ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
