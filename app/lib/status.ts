export const CONVENTION_STATUSES = ["brouillon", "en_negociation", "prete_pour_signature", "signee"] as const;
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number];

export const STATUS_LABELS: Record<ConventionStatus, string> = {
  brouillon: "Brouillon",
  en_negociation: "En négociation",
  prete_pour_signature: "Prête pour signature",
  signee: "Signée",
};
