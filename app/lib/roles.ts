/** What a party's members may do on a convention, from least to most. */
export const ROLES = ["lecture", "commentaire", "edition"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  edition: "Édition",
  commentaire: "Commentaire",
  lecture: "Lecture",
};

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

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  bailleur: "Bailleur social",
  prefet: "Préfet (DDETS)",
  action_logement: "Action Logement",
  commune: "Commune",
  epci: "EPCI",
  departement: "Département",
  region: "Région",
  autre: "Autre réservataire",
};
