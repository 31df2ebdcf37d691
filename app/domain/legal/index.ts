// Parties as legal persons: forms, identities, signatories, designations, completeness and the dispute clause
// (docs/decisions/0602-legal-persons-and-signature-blocks.md).
export * from "./forms";
export * from "./identity";
export * from "./party";
export * from "./completeness";
export * from "./designation";
export * from "./jurisdiction";
export { legalMessages, type LegalRefusalCode } from "./messages";
export * from "./checks";
