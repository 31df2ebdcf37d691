/** What a party's members may do on a convention, from least to most. */
export const ROLES = ["lecture", "commentaire", "edition"] as const;
export type Role = (typeof ROLES)[number];

// Labels live in the vocabulary (app/domain/vocabulary); re-exported here for the modules that import them from here.
export { ORGANISATION_KIND_LABELS, ROLE_LABELS } from "../domain/vocabulary/labels";

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export const ORGANISATION_KINDS = [
  "bailleur",
  "prefet",
  "action_logement",
  "commune",
  "epci",
  "departement",
  "region",
  "autre",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

