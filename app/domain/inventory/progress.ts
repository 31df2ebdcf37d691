// How far the reading of an inventory has gone, reported by the parser while it works so that the import page shows a
// progress bar with the rows read (docs/ARCHITECTURE.md, "Inventory parsing").

/** Stages of an import: the file is read (a workbook is unpacked), its rows are checked, then stored. */
export type InventoryStage = "lecture" | "verification" | "enregistrement";

export interface InventoryProgress {
  stage: InventoryStage;
  /** Rows done in this stage. */
  rows: number;
  /** Rows this stage will go through, when known. */
  total: number | null;
}

export type ProgressListener = (progress: InventoryProgress) => void;

/** Rows between two reports: often enough for a smooth bar, rarely enough to cost nothing (≈ 100 reports for 200 000 rows). */
export const PROGRESS_EVERY_ROWS = 2_000;

export const STAGE_LABELS: Record<InventoryStage, string> = {
  lecture: "Lecture du fichier",
  verification: "Vérification des lignes",
  enregistrement: "Enregistrement des logements",
};
