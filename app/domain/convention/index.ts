// Public surface of the convention model: templates → state → flux scenario → blocks, variables and articles.
// Callers (editor, routes, read API, DOCX export) should import from here only.

/** Template shape (zod) and its types; BLOCK_NAMES lists the computed blocks, PARTY_KINDS the party kinds. */
export {
  BLOCK_NAMES,
  CONSTRAINT_CODES,
  OptionChoiceSchema,
  OptionDefinitionSchema,
  OptionParamSchema,
  PARTY_KINDS,
  RESERVATAIRE_PARTY_KINDS,
  TemplateSchema,
  TemplateSectionSchema,
} from "./template-schema";
export type {
  BlockName,
  ConventionTemplate,
  ConventionTemplateInput,
  OptionChoice,
  OptionDefinition,
  OptionParam,
  PartyKind,
  TemplateArticle,
  TemplateSection,
} from "./template-schema";

/** expandTemplate: template + wizard input → initial state; the authoring-form converters and id helpers. */
export {
  annexeIdOf,
  articleIdOf,
  authoredBlockToNodes,
  defaultOptions,
  expandTemplate,
  inlineNodes,
  slugify,
} from "./expand";
export type { ExpandInput, ExpandedConvention } from "./expand";

/** computeConventionFlux: every bailleur's apportionment on the territory, the consolidated table, the quoted figures. */
export { computeConventionFlux, optionalExclusions, partyHolders, rotationDefinition } from "./scenario";
export type { BailleurFlux, ConventionFlux, MainFigures } from "./scenario";

/** Option catalogue and validation: validateOptionValue (one option), validateConventionState (whole state, refusals),
 * coherenceIssues (option text vs flux parameters, warnings). */
export {
  MIN_REQUALIFICATION,
  OPTION_CATALOGUE,
  coherenceIssues,
  currentOptionValue,
  defaultOptionValue,
  validateConventionState,
  validateOptionValue,
} from "./options";
export type { OptionKey } from "./options";

/** Stable codes and French messages of the convention model. */
export { conventionMessages } from "./messages";
export type { ConventionIssue, ConventionIssueCode, RenderErrorCode } from "./messages";

/** renderBlock: one computed block as a table model (never throws); blockPlainText: that model as text. */
export { blockPlainText, fluxErrorMessage, renderBlock } from "./blocks";
export type { TableColumn, TableModel, TableRow } from "./blocks";

/** resolveVariable: a variable's text or French message; listVariables: the insertion menu; variableLabel: its label. */
export { listVariables, resolveVariable, variableLabel } from "./variables";
export type { VariableEntry, VariableGroup, VariableResolution } from "./variables";

/** Reading the body back: sections, articles, annexes, unresolved variables, approval fingerprints. */
export {
  articleFingerprint,
  articleParameters,
  canonicalJson,
  extractAnnexes,
  extractArticles,
  splitSections,
  unresolvedVariables,
} from "./articles";
export type { BodySection, ExtractOptions, ExtractedArticle, SectionKind } from "./articles";

/** French labels of party kinds, roles, rotation methods, line kinds and départements. */
export {
  LINE_KIND_LABELS,
  PARTY_KIND_LABELS,
  ROLE_LABELS,
  departementLabel,
  joinFrench,
} from "./labels";

/** The shared document's state (schemas, DOC_KEYS, types). */
export * from "./state";
