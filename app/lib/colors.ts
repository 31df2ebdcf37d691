// Dark enough for white caret labels on them (contrast ≥ 4.5:1, WCAG 1.4.3).
const PALETTE = ["#1d4e89", "#9c1487", "#1d6f66", "#b03a1a", "#6a4c93", "#a3101b", "#3a5a40", "#7d5200"];

/** A stable colour per user, the same in every browser, for carets and presence. */
export function userColor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
