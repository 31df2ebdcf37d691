// The column types of an inventory row, for moving validated rows between threads as typed columns
// (app/lib/columnar.ts). `satisfies` makes a field added to InventoryRow fail to compile until it is listed here.
import type { ColumnSpec } from "../../lib/columnar";
import type { InventoryRow } from "./row";

export const INVENTORY_ROW_COLUMNS = {
  line: "number",
  rpls: "string",
  reservataire: "string",
  departement: "string",
  epci: "string",
  commune: "string",
  qpv: "boolean",
  typologie: "string",
  financement: "string",
  habitat: "string",
  rotationBailleur: "string",
  rotationExReservataire: "string",
  conventionStart: "string",
  conventionEnd: "string",
  exclusion: "string",
} as const satisfies ColumnSpec<InventoryRow>;
