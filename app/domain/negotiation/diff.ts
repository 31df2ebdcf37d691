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
  if (midA.length * midB.length > MAX_DIFF_TOKENS * MAX_DIFF_TOKENS || midA.length === 0 || midB.length === 0) {
    push("removed", midA.join(""));
    push("added", midB.join(""));
  } else {
    // lengths[i][j]: LCS length of midA[i..] and midB[j..].
    const n = midA.length;
    const m = midB.length;
    const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lengths[i][j] = midA[i] === midB[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push("same", midA[i]);
        i++;
        j++;
      } else if (lengths[i + 1][j] >= lengths[i][j + 1]) push("removed", midA[i++]);
      else push("added", midB[j++]);
    }
    while (i < n) push("removed", midA[i++]);
    while (j < m) push("added", midB[j++]);
  }
  push("same", a.slice(endA).join(""));
  return parts;
}

/** The text on one side of a diff: `before` keeps same + removed, `after` keeps same + added. */
export function diffSide(parts: DiffPart[], side: "before" | "after"): string {
  return parts
    .filter((p) => p.op === "same" || p.op === (side === "before" ? "removed" : "added"))
    .map((p) => p.text)
    .join("");
}
