// The vocabulary: one place for the French words of every code a person may see (docs/decisions/0603-vocabulary-and-journal.md).
export * from "./labels";
export { choiceLabel, optionCodes, optionLabel, optionValueText, parameterLabel, valuePathLabel, valuePathLabels } from "./options";
export { describeAuditEvent, placeLabel, type JournalChange, type JournalContext, type JournalText, type TouchedPlace } from "./journal";
export { vocabularyCodes, vocabularyLabels } from "./codes";
export { exclusionReasonLabel, rplsContingentLabel } from "./inventory";
