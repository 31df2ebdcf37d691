// French renderings of numbers and dates, shared by computed blocks, variables, the read API and the DOCX export so
// that a figure reads the same everywhere. Inputs are decimal strings (the flux engine's output) or numbers; rounding
// goes through decimal.js, half-up, never through floats.
// The spaces come from the typography module, which owns the rules of prose (docs/decisions/0302-french-typography.md):
// this module owns how a number is written, that one how text around it is set.
import Decimal from "decimal.js";
import { NBSP, NNBSP } from "./typography/characters";

/** Narrow no-break space (U+202F): the thousands separator and the space before "%" in French typography. */
export { NNBSP };

const FrenchDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });

type Numeric = string | number | bigint;

function toDecimal(value: Numeric): Decimal {
  const text = typeof value === "string" ? value.trim().replace(",", ".") : value.toString();
  return new FrenchDecimal(text);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
}

function render(fixed: string): string {
  const negative = fixed.startsWith("-");
  const [integerPart, fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  const body = groupThousands(integerPart) + (fraction ? `,${fraction}` : "");
  // "-0,00" after rounding reads as an error in a table: a zero has no sign.
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** A whole number with thousands separators: 15000 → "15 000" (U+202F), -1234 → "-1 234". */
export function formatInteger(value: Numeric): string {
  return render(toDecimal(value).toFixed(0));
}

/**
 * A decimal rounded half-up to `decimals` places, with a decimal comma: ("26.24", 2) → "26,24", ("3.8", 2) →
 * "3,80"; with `trim`, trailing zeros go: ("3.80", 2, { trim: true }) → "3,8", ("128", 2, { trim: true }) → "128".
 */
export function formatDecimal(value: Numeric, decimals: number, options: { trim?: boolean } = {}): string {
  let fixed = toDecimal(value).toFixed(decimals);
  if (options.trim && fixed.includes(".")) fixed = fixed.replace(/\.?0+$/, "");
  return render(fixed);
}

/**
 * A share (0.205) as a French percentage: "20,5 %" with U+202F before "%"; at most `decimals` places (2 by
 * default), trailing zeros trimmed unless `fixed`.
 */
export function formatPercent(share: Numeric, decimals = 2, options: { fixed?: boolean } = {}): string {
  const percent = toDecimal(share).times(100);
  return `${formatDecimal(percent.toFixed(), decimals, { trim: !options.fixed })}${NNBSP}%`;
}

/**
 * A share as it is printed in tables and in the clauses that quote them: always two decimals, so that a column
 * reads alike and a clause quotes the table's exact characters: 0.049 → "4,90 %", 1 → "100,00 %".
 */
export function formatShare(share: Numeric): string {
  return formatPercent(share, 2, { fixed: true });
}

/**
 * A volume of attributions in running text: no decimals when it is whole at two decimals, two otherwise:
 * "843" → "843", "843.5" → "843,50", "842.999" → "843". Tables keep two decimals in every row (`formatDecimal`).
 */
export function formatVolume(value: Numeric): string {
  const fixed = toDecimal(value).toFixed(2);
  return render(fixed.endsWith(".00") ? fixed.slice(0, -3) : fixed);
}

/** Parses a French or plain decimal ("0,25", "0.25", "25 %") into a plain decimal string ("0.25"), or undefined. */
export function parseFrenchDecimal(text: string): string | undefined {
  const compact = text.replace(/[\s\u00A0\u202F]/g, "").replace(",", ".");
  const percent = compact.endsWith("%");
  const digits = percent ? compact.slice(0, -1) : compact;
  if (!/^\d+(\.\d+)?$/.test(digits)) return undefined;
  const value = new FrenchDecimal(digits);
  return (percent ? value.dividedBy(100) : value).toFixed();
}

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

function splitIsoDate(iso: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** A date in words: "2026-01-01" → "1er janvier 2026", "2026-03-15" → "15 mars 2026". */
export function formatDateLong(iso: string): string {
  const [year, month, day] = splitIsoDate(iso);
  return `${day === 1 ? "1er" : day} ${MONTHS[month - 1]} ${year}`;
}

/** A date in figures: "2026-12-31" → "31/12/2026". */
export function formatDateShort(iso: string): string {
  const [year, month, day] = splitIsoDate(iso);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

/**
 * A count with its noun, bound by a no-break space, singular below two as French has it: (0, "logement",
 * "logements") → "0 logement", (1, "an", "ans") → "1 an", (6, "an", "ans") → "6 ans", (2500, …) → "2 500 …".
 */
export function formatCount(count: number, singular: string, plural: string): string {
  return `${formatInteger(count)}${NBSP}${Math.abs(count) >= 2 ? plural : singular}`;
}
