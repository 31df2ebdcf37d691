// A word diff of two texts, for "what changed since you approved" and the version comparisons.

export type DiffPart = { op: "same" | "added" | "removed"; text: string };

/** Above this many tokens on both sides the LCS table would be too large: the diff becomes "all removed, all added". */
export const MAX_DIFF_TOKENS = 4_000;

const tokenize = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];

/** The word-level difference from `before` to `after`, as consecutive parts (longest common subsequence). */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffPart["op"], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push("same", a.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const walked = midA.length > 0 && midB.length > 0 && walkCommon(midA, midB, (op, i, j) => push(op, op === "added" ? midB[j] : midA[i]));
  if (!walked) {
    push("removed", midA.join(""));
    push("added", midB.join(""));
  }
  push("same", a.slice(endA).join(""));
  return parts;
}

/**
 * Walks `a` and `b` along their longest common subsequence, in order: `step("same", i, j)` for a common item,
 * `step("removed", i)` for an item of `a` only, `step("added", _, j)` for an item of `b` only. Returns false, without a
 * step, when the table would be too large (more than MAX_DIFF_TOKENS² cells).
 */
function walkCommon<T>(a: readonly T[], b: readonly T[], step: (op: DiffPart["op"], i: number, j: number) => void): boolean {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_DIFF_TOKENS * MAX_DIFF_TOKENS) return false;
  // lengths[i][j]: LCS length of a[i..] and b[j..].
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) step("same", i++, j++);
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) step("removed", i++, j);
    else step("added", i, j++);
  }
  while (i < n) step("removed", i++, j);
  while (j < m) step("added", i, j++);
  return true;
}

/** The text on one side of a diff: `before` keeps same + removed, `after` keeps same + added. */
export function diffSide(parts: readonly DiffPart[], side: "before" | "after"): string {
  return parts
    .filter((p) => p.op === "same" || p.op === (side === "before" ? "removed" : "added"))
    .map((p) => p.text)
    .join("");
}

/** A diff laid out for reading: paragraphs, and tables where consecutive lines hold cells separated by " | ". */
export type DiffBlock = { kind: "paragraph"; parts: DiffPart[] } | { kind: "table"; rows: DiffPart[][][] };

/** The separator of cells in a table's plain text (`blockPlainText` in app/domain/convention/blocks.ts). */
const CELL_SEPARATOR = " | ";

/** Cuts `parts` at the given offsets of their joined text, dropping `drop` characters after each cut. */
function cutParts(parts: readonly DiffPart[], cuts: readonly number[], drop: number): DiffPart[][] {
  const pieces: DiffPart[][] = [[]];
  let offset = 0;
  let next = 0;
  for (const part of parts) {
    let from = 0;
    while (from < part.text.length) {
      const cut = cuts[next];
      // Characters skipped after a cut (the separator itself), which may run over into the next part.
      if (cut !== undefined && offset + from >= cut && offset + from < cut + drop) {
        from = Math.min(part.text.length, cut + drop - offset);
        if (offset + from >= cut + drop) next++;
        continue;
      }
      const end = cut === undefined ? part.text.length : Math.min(part.text.length, cut - offset);
      if (end > from) pieces[pieces.length - 1].push({ op: part.op, text: part.text.slice(from, end) });
      from = Math.max(end, from);
      if (cut !== undefined && offset + from === cut) pieces.push([]);
    }
    offset += part.text.length;
  }
  return pieces;
}

/** All offsets of `needle` in `text`, without overlaps. */
function offsetsOf(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

/**
 * The diff line by line: unchanged lines as they are; where lines were replaced, the n-th removed line is compared
 * word by word with the n-th added one (a row whose figure changed stays one row), and the lines left over are
 * removed or added whole.
 */
function lineDiff(before: string, after: string): DiffPart[][] {
  const a = before.split("\n");
  const b = after.split("\n");
  const lines: DiffPart[][] = [];
  // A removed line is compared with the next added line of the same shape (as many cells), so that a paragraph is not
  // compared with a table row; an added line with no such partner is an insertion.
  const shape = (line: string) => offsetsOf(line, CELL_SEPARATOR).length;
  const changed = (removed: string[], added: string[]) => {
    let r = 0;
    let d = 0;
    while (r < removed.length || d < added.length) {
      if (r < removed.length && d < added.length && shape(removed[r]) === shape(added[d])) lines.push(wordDiff(removed[r++], added[d++]));
      else if (r < removed.length && added.slice(d + 1).some((line) => shape(line) === shape(removed[r]))) lines.push([{ op: "added", text: added[d++] }]);
      else if (r < removed.length) lines.push([{ op: "removed", text: removed[r++] }]);
      else lines.push([{ op: "added", text: added[d++] }]);
    }
  };
  const pairs: [number, number][] = [];
  if (!walkCommon(a, b, (op, i, j) => op === "same" && pairs.push([i, j]))) {
    changed(a, []);
    changed([], b);
    return lines;
  }
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as [number, number]]) {
    changed(a.slice(i, pi), b.slice(j, pj));
    if (pi < a.length) lines.push([{ op: "same", text: a[pi] }]);
    i = pi + 1;
    j = pj + 1;
  }
  return lines;
}

/**
 * Lays a diff out as its text is laid out: one paragraph per line, and the lines of a table (rows of cells separated
 * by " | ", as the read API writes a computed table) as rows of cells, each cell keeping what was removed and added in
 * it. Lines are compared first, so that an added or removed row is a row of its own.
 */
export function diffBlocks(parts: readonly DiffPart[]): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  for (const line of lineDiff(diffSide(parts, "before"), diffSide(parts, "after"))) {
    const text = line.map((p) => p.text).join("");
    const separators = offsetsOf(text, CELL_SEPARATOR);
    if (separators.length === 0) {
      if (text.trim() !== "") blocks.push({ kind: "paragraph", parts: line });
      continue;
    }
    const cells = cutParts(line, separators, CELL_SEPARATOR.length);
    const last = blocks.at(-1);
    if (last?.kind === "table") last.rows.push(cells);
    else blocks.push({ kind: "table", rows: [cells] });
  }
  return blocks;
}
