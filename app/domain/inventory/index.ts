// Public surface of the inventory import: bytes in, validated rows and aggregates (or French errors) out, and the
// bridge from aggregates to a flux scenario.
export { importInventoryFile } from "./import-file";
export { importInventoryCsv, detectDelimiter } from "./csv";
export { importInventoryXlsx } from "./xlsx";
export { decodeInventoryText } from "./decode";
export { scenarioFromInventory } from "./scenario";
export type { InventoryScenarioOutcome } from "./scenario";
export type { InventoryImportResult, InventorySource } from "./importer";
export type { InventoryAggregates, CommuneAggregate } from "./aggregate";
export type { InventoryRow } from "./row";
export { INVENTORY_COLUMNS, INVENTORY_FIELDS, matchHeader, normalizeHeader } from "./columns";
export type { InventoryColumn, InventoryField } from "./columns";
export { EXCLUSION_REASONS, EXCLUSION_REASON_CODES, FINANCEMENTS, HABITATS, TYPOLOGIES } from "./cells";
export type { ExclusionReason, Financement, Habitat, Typologie } from "./cells";
export { inventoryMessages } from "./messages";
export type { InventoryErrorCode, InventoryIssue, InventoryWarning, InventoryWarningCode } from "./messages";
export * as inventoryLimits from "./limits";
