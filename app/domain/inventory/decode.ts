// Bytes of a CSV inventory to text: UTF-8 (with or without BOM) when the bytes are valid UTF-8, Windows-1252
// otherwise (what Excel's "CSV (séparateur : point-virgule)" writes on French Windows), and a refusal for bytes that
// are text in neither (binaries, archives, UTF-16).
import { type InventoryIssue, inventoryMessages } from "./messages";

export type DecodedText =
  | { ok: true; text: string; encoding: "utf-8" | "windows-1252" }
  | { ok: false; issue: InventoryIssue };

// Control characters never found in a CSV export; in Windows-1252 the five unassigned bytes decode to U+0081,
// U+008D, U+008F, U+0090 and U+009D, which betrays a binary just as well.
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0081\u008D\u008F\u0090\u009D]/;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let position = text.indexOf("\n"); position !== -1 && position < index; position = text.indexOf("\n", position + 1)) {
    line++;
  }
  return line;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Why bytes are not readable text, independently of the file they belong to (the caller words the message). */
export type UnreadableText = { reason: "utf-16" } | { reason: "binary"; line: number; offset: number };

/**
 * Decodes the bytes of a CSV file, detecting its encoding: the reading shared by every import of a tabular file
 * (inventories, décompte events), each of which words its own refusal.
 */
export function decodeText(bytes: Uint8Array): { ok: true; text: string; encoding: "utf-8" | "windows-1252" } | ({ ok: false } & UnreadableText) {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { ok: false, reason: "utf-16" };
  let text: string;
  let encoding: "utf-8" | "windows-1252";
  try {
    // ignoreBOM: false (the default) drops a leading UTF-8 BOM.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    encoding = "utf-8";
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
    encoding = "windows-1252";
  }
  const bad = NOT_TEXT.exec(text);
  // Both encodings keep ASCII at the same offsets, so the character index is the byte offset in Windows-1252
  // and a close enough position in UTF-8 for a human to find the culprit.
  if (bad) return { ok: false, reason: "binary", line: lineAt(text, bad.index), offset: bad.index + 1 };
  return { ok: true, text, encoding };
}

/** Decodes the bytes of a CSV inventory, detecting its encoding; refuses what is not text. */
export function decodeInventoryText(bytes: Uint8Array): DecodedText {
  const decoded = decodeText(bytes);
  if (decoded.ok) return decoded;
  if (decoded.reason === "utf-16") {
    return {
      ok: false,
      issue: {
        code: "INVENTAIRE_ENCODAGE_NON_PRIS_EN_CHARGE",
        message: inventoryMessages.INVENTAIRE_ENCODAGE_NON_PRIS_EN_CHARGE("UTF-16"),
      },
    };
  }
  return {
    ok: false,
    issue: {
      code: "INVENTAIRE_ENCODAGE_INVALIDE",
      message: inventoryMessages.INVENTAIRE_ENCODAGE_INVALIDE(decoded.line, decoded.offset),
      line: decoded.line,
    },
  };
}
