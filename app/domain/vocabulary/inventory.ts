// Words of the état des lieux: exclusion reasons and RPLS contingents, whose codes and rules live with the import.
import { EXCLUSION_REASONS } from "../inventory/cells";
import { RPLS_CONTINGENTS } from "../perimeter/register";

/** "vente" → "Plan de vente". */
export function exclusionReasonLabel(code: string): string {
  return (EXCLUSION_REASONS as Record<string, { label: string }>)[code]?.label ?? code;
}

/** An RPLS contingent code ("1" … "7") → its label, or null for a code that is not one. */
export function rplsContingentLabel(code: string): string | null {
  return RPLS_CONTINGENTS[code.trim()] ?? null;
}
