// The one way API actions read JSON: bounded nesting, checked before parsing, and no control characters in any
// string. Deeply nested input made zod and the comment anchors recurse past the stack (a 500); a NUL reached
// PostgreSQL, which refuses it in text (another 500). Both are the client's mistake: 400, with a French message.
import { findControlCharacter } from "./control-characters";
import { JSON_LIMITS } from "./limits";

export type JsonBodyRefusal = { code: "JSON_INVALID" | "JSON_TOO_DEEP" | "CONTROL_CHARACTER"; field?: string };
export type JsonBodyResult = { ok: true; value: unknown } | ({ ok: false } & JsonBodyRefusal);

/** The deepest nesting of objects and arrays in a JSON text, counted without parsing it (strings skipped). */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

/** Parses a request's JSON text; an empty body reads as `{}` (actions without parameters). */
export function parseJsonBody(text: string, maxDepth: number = JSON_LIMITS.maxDepth): JsonBodyResult {
  if (text.trim() === "") return { ok: true, value: {} };
  if (jsonDepth(text, maxDepth) > maxDepth) return { ok: false, code: "JSON_TOO_DEEP" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: "JSON_INVALID" };
  }
  const field = findControlCharacter(value);
  if (field !== null) return { ok: false, code: "CONTROL_CHARACTER", field };
  return { ok: true, value };
}
