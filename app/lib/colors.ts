const PALETTE = ["#1d4e89", "#b5179e", "#2a9d8f", "#e76f51", "#6a4c93", "#c1121f", "#3a5a40", "#d08c00"];

/** A stable colour per user, the same in every browser, for carets and presence. */
export function userColor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
