import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

export type Scheme = "http" | "https";

/**
 * Cross-site protection for cookie-authenticated writes and sockets: a browser always sends Origin, so an Origin
 * that is neither this site (same scheme and host) nor an allowed one is refused. `scheme` is the scheme this site
 * is served with (see requestScheme); an `http://` page is foreign to an `https://` site even on the same host.
 * Without it only the host is compared, as callers that cannot know the scheme did before. Requests without Origin
 * come from non-browser clients, which cannot ride a victim's cookie, and are let through.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: string[], scheme?: Scheme): boolean {
  if (!origin) return true;
  if (origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host && parsed.host === host.toLowerCase() && (scheme === undefined || parsed.protocol === `${scheme}:`)) return true;
  return allowed.some((entry) => originOf(entry) === parsed.origin);
}

function originOf(entry: string): string | null {
  try {
    return new URL(entry.trim()).origin;
  } catch {
    return null;
  }
}

/**
 * The scheme the client used, as express computes `req.protocol`: X-Forwarded-Proto when the peer is a trusted proxy
 * (`trust proxy` in server/app.ts), the socket otherwise. `servedOverHttps` (CONFLUX_SECURE_COOKIES=true) says the
 * site is only ever reached through https, for a proxy that does not send X-Forwarded-Proto.
 */
export function requestScheme(
  req: IncomingMessage,
  trustProxy: (address: string | undefined, hop: number) => boolean,
  servedOverHttps = false,
): Scheme {
  if (servedOverHttps) return "https";
  const own: Scheme = (req.socket as TLSSocket).encrypted ? "https" : "http";
  if (!trustProxy(req.socket.remoteAddress, 0)) return own;
  const header = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0].trim().toLowerCase();
  return first === "https" || first === "http" ? first : own;
}
