// The column types of an events row, for moving parsed rows between threads as typed columns (app/lib/columnar.ts).
// `satisfies` makes a field added to DecompteRow fail to compile until it is listed here.
import type { ColumnSpec } from "../../lib/columnar";
import type { DecompteRow } from "./row";

export const DECOMPTE_ROW_COLUMNS = {
  line: "number",
  rpls: "string",
  reservataire: "string",
  date: "string",
  event: "string",
  motif: "string",
  adaptee: "boolean",
  prioritaire: "boolean",
  dalo: "boolean",
  premierQuartile: "boolean",
  commune: "string",
  qpv: "boolean",
  typologie: "string",
  financement: "string",
} as const satisfies ColumnSpec<DecompteRow>;
