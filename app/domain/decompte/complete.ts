// The checks of an events file that need the bailleur's état des lieux, and the dwelling's facts read from it: each
// event's dwelling must be in the état des lieux of the year (by RPLS number), its date in the year; commune, QPV,
// typologie and financement come from the file when it gives them, from the état des lieux otherwise. All or nothing,
// like the reading: one unknown dwelling refuses the file with its line and column.
import type { Financement, Typologie } from "../inventory/cells";
import type { DecompteHeader } from "./importer";
import { MAX_REPORTED_ERRORS } from "./limits";
import { decompteMessages, type DecompteIssue } from "./messages";
import { fieldLocation, type DecompteRow } from "./row";

/** What the état des lieux says of a dwelling. */
export interface DwellingFacts {
  departement: string;
  commune: string;
  qpv: boolean;
  typologie: Typologie;
  financement: Financement;
}

/** An event with its dwelling's facts settled: what is stored and counted. */
export interface CompletedEvent extends Omit<DecompteRow, "commune" | "qpv" | "typologie" | "financement"> {
  departement: string;
  commune: string;
  qpv: boolean;
  typologie: Typologie;
  financement: Financement;
}

export type CompletionResult = { ok: true; events: CompletedEvent[] } | { ok: false; issues: DecompteIssue[]; errorCount: number };

/** Completes every row, or reports every row whose dwelling is unknown or whose date is outside `year`. */
export function completeEvents(rows: readonly DecompteRow[], header: DecompteHeader, year: number, dwellings: ReadonlyMap<string, DwellingFacts>): CompletionResult {
  const issues: DecompteIssue[] = [];
  let errorCount = 0;
  const report = (issue: DecompteIssue) => {
    errorCount++;
    if (issues.length < MAX_REPORTED_ERRORS) issues.push(issue);
  };
  const events: CompletedEvent[] = [];
  const prefix = `${year}-`;
  for (const row of rows) {
    let valid = true;
    if (!row.date.startsWith(prefix)) {
      valid = false;
      const at = fieldLocation("date", header.positions, header.names, row.line);
      report({ code: "DECOMPTE_DATE_HORS_ANNEE", message: decompteMessages.DECOMPTE_DATE_HORS_ANNEE(at.location, row.date, year), line: row.line, column: at.column, columnName: at.columnName });
    }
    const dwelling = dwellings.get(row.rpls);
    if (!dwelling) {
      valid = false;
      const at = fieldLocation("rpls", header.positions, header.names, row.line);
      report({ code: "DECOMPTE_RPLS_INCONNU", message: decompteMessages.DECOMPTE_RPLS_INCONNU(at.location, row.rpls, year), line: row.line, column: at.column, columnName: at.columnName });
    }
    if (!valid || !dwelling || errorCount > 0) continue;
    events.push({
      ...row,
      departement: dwelling.departement,
      commune: row.commune ?? dwelling.commune,
      qpv: row.qpv ?? dwelling.qpv,
      typologie: row.typologie ?? dwelling.typologie,
      financement: row.financement ?? dwelling.financement,
    });
  }
  if (errorCount > 0) {
    if (errorCount > issues.length) issues.push({ code: "DECOMPTE_ERREURS_TRONQUEES", message: decompteMessages.DECOMPTE_ERREURS_TRONQUEES(issues.length, errorCount) });
    return { ok: false, issues, errorCount };
  }
  return { ok: true, events };
}
