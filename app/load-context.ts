import type { Db, DbKind } from "../db/client";
import type { CollabService } from "./collab/service";
import type { LoginThrottle } from "./lib/login-throttle.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Db;
    dbKind: DbKind;
    collab: CollabService;
    loginThrottle: LoginThrottle;
    /** The client's address (X-Forwarded-For when the peer is the trusted proxy), for per-address limits. */
    clientIp: string;
    /** Per-response nonce for the Content-Security-Policy's inline scripts. */
    cspNonce: string;
    /** "auto": Secure cookies when the request came over https. */
    secureCookies: "auto" | "true" | "false";
  }
}

export {};
