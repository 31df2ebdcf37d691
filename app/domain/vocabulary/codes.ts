// Every code the vocabulary gives a label to, for the checks that no screen prints one (tests/e2e/codes.browser.test.ts).
import { EXCLUSION_REASON_CODES } from "../inventory/cells";
import * as labels from "./labels";
import { optionCodes } from "./options";

const MAPS = [
  labels.ROLE_LABELS,
  labels.ORGANISATION_KIND_LABELS,
  labels.PARTY_KIND_LABELS,
  labels.STATUS_LABELS,
  labels.POSITION_LABELS,
  labels.CONSENSUS_LABELS,
  labels.REVIEW_STATE_LABELS,
  labels.LINE_KIND_LABELS,
  labels.IMPORT_STATUS_LABELS,
  labels.INVITATION_LABELS,
  labels.BAILLEUR_STATUS_LABELS,
  labels.EXCLUSION_RULE_LABELS,
  labels.CODE_SOURCE_LABELS,
  labels.VERSION_CHANGE_LABELS,
  labels.SECTION_LABELS,
  labels.DEDUCTION_LABELS,
  labels.PARAMETER_LABELS,
  labels.AUDIT_KIND_LABELS,
  labels.AUDIT_ACTION_LABELS,
  labels.EXPORT_FORMAT_LABELS,
] as const;

/** The codes with a French label: option keys and choices, roles, statuses, positions, kinds, reasons, journal kinds… */
export function vocabularyCodes(): string[] {
  const { options, choices } = optionCodes();
  return [...new Set([...MAPS.flatMap((map) => Object.keys(map)), ...EXCLUSION_REASON_CODES, ...options, ...choices])].sort();
}

/** Every French label of the vocabulary (the words a code may legitimately share with the text). */
export function vocabularyLabels(): string[] {
  return MAPS.flatMap((map) => Object.values(map).filter((v): v is string => typeof v === "string"));
}
