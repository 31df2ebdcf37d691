import Decimal from "decimal.js";

/** Reads a percentage typed the French way ("8,2", "8,2 %", "8.2") as a share decimal string ("0.082"). */
export function percentToShare(text: string): string | null {
  const cleaned = text.replace(/[\s\u202F\u00A0%]/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return new Decimal(cleaned).div(100).toFixed();
}

/** Shows a share decimal string ("0.082") as a French percentage without the sign ("8,2"). */
export function shareToPercent(share: string | undefined): string {
  if (!share) return "";
  return new Decimal(share).mul(100).toFixed().replace(".", ",");
}

/** A whole number ≥ 0 typed in a form, or null. */
export function parseCount(text: string): number | null {
  const cleaned = text.replace(/[\s\u202F\u00A0]/g, "");
  return /^\d{1,9}$/.test(cleaned) ? Number(cleaned) : null;
}
