// Reading the réservataire codes of an inventory (docs/domain.md, "Réservataires"): RPLS's contingent codes (field 63)
// have a meaning of their own — 1 agents de l'État, 2 and 5 the préfet's priority publics, 3 Action Logement, 7 non
// réservé; 4 (collectivités) and 6 (others) name no one and must be said —, and the register of each département
// gives the local codes ("cd31", "ville-de-blagnac"…) the organisation they stand for.
import type { ReservataireKind } from "../flux/schema";

/** A code as the register keeps it: lower case, no accents, single spaces ("Action  Logement" → "action logement"). */
export function normalizeCode(code: string): string {
  return code
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** What a code means by itself, before any register: an organisation kind to find, or non réservé. */
export type BuiltInMeaning = { kind: ReservataireKind; organisationKind: "prefet" | "action_logement" } | { nonReserve: true };

const BUILT_IN: Record<string, BuiltInMeaning> = {
  "1": { kind: "prefet_fonctionnaires", organisationKind: "prefet" },
  "2": { kind: "prefet_prioritaires", organisationKind: "prefet" },
  "5": { kind: "prefet_prioritaires", organisationKind: "prefet" },
  "3": { kind: "action_logement", organisationKind: "action_logement" },
  "7": { nonReserve: true },
  "action logement": { kind: "action_logement", organisationKind: "action_logement" },
  "action logement services": { kind: "action_logement", organisationKind: "action_logement" },
  "1% logement": { kind: "action_logement", organisationKind: "action_logement" },
};

/** The meaning RPLS (or an unambiguous name) gives a code, or null when only the register can tell. */
export function builtInMeaning(code: string): BuiltInMeaning | null {
  return BUILT_IN[normalizeCode(code)] ?? null;
}

/** Labels of RPLS's contingent codes, for the import's preview. */
export const RPLS_CONTINGENTS: Record<string, string> = {
  "1": "Contingent de l'État — fonctionnaires",
  "2": "Contingent de l'État — publics prioritaires",
  "3": "Employeurs, Action Logement",
  "4": "Collectivités territoriales, établissements publics, EPCI",
  "5": "Réservations conventionnelles de l'État",
  "6": "Autres réservataires",
  "7": "Non réservé",
};
