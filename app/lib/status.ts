export const CONVENTION_STATUSES = ["brouillon", "en_negociation", "prete_pour_signature", "signee"] as const;
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number];

/** French labels: app/domain/vocabulary. */
export { STATUS_LABELS } from "../domain/vocabulary/labels";
