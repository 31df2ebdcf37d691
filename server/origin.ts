/**
 * Cross-site protection for cookie-authenticated writes and sockets: a browser always sends Origin, so an Origin
 * that is neither this host nor an allowed one is refused. Requests without Origin come from non-browser clients,
 * which cannot ride a victim's cookie, and are let through.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  if (origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host && parsed.host === host) return true;
  return allowed.includes(parsed.origin);
}
