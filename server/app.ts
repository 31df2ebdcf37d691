import { EventLoopWatch } from "./event-loop";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import path from "node:path";
import type { Socket } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import { sql } from "drizzle-orm";
import express, { type NextFunction, type Request, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { ViteDevServer } from "vite";
import type { DbHandle } from "../db/client";
import { LoginThrottle } from "../app/lib/login-throttle.server";
import { MESSAGES } from "../app/lib/messages";
import { purgeExpiredSessions } from "../app/lib/session.server";
import { CollabRelay, type RelayOptions } from "./collab/relay";
import { drizzleDocumentStore } from "./collab/store";
import { conventionExtension, type ConventionParticipant } from "./conventions/extension";
import { log } from "./log";
import { limitRequestBodies, withBufferedBody } from "./body-limits";
import { refuseControlCharacters } from "./input-guard";
import { isAllowedOrigin, requestScheme } from "./origin";
import { openRedis } from "./redis";

export interface ConfluxServerOptions {
  database: DbHandle;
  /** production: serve build/; development: Vite middleware with HMR on the same port. */
  mode: "production" | "development";
  allowedOrigins?: string[];
  secureCookies?: "auto" | "true" | "false";
  /** Login attempts allowed per IP in 10 minutes. */
  loginPerIpLimit?: number;
  collab?: Partial<Omit<RelayOptions<ConventionParticipant>, "hooks">>;
  /** How long the journal gathers one author's edits into the same events (a minute by default; tests shorten it). */
  journalWindowMs?: number;
  build?: ServerBuild;
  /** Redis shared by several instances (docs/decisions/0013-scale-out-on-redis.md); absent for a single process. */
  redisUrl?: string;
  /** Event-loop delays at least this long are logged as stalls (default 100 ms). */
  stallLogMs?: number;
}

export interface ConfluxServer {
  http: Server;
  collab: CollabRelay<ConventionParticipant>;
  /** This instance's id on the bus (null for a single process). */
  instanceId: string | null;
  listen(port: number, host?: string): Promise<number>;
  /** Graceful stop: refuse new work, flush pending document writes, close sockets. The database stays open. */
  close(): Promise<void>;
}

const ROOT = process.cwd();

/** Assembles the whole HTTP pipeline in one place, top to bottom. */
export async function createConfluxServer(options: ConfluxServerOptions): Promise<ConfluxServer> {
  const { database, mode } = options;
  const allowedOrigins = options.allowedOrigins ?? [];
  const app = express();
  const http = createServer(app);
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  let vite: ViteDevServer | undefined;
  if (mode === "development") {
    const { createServer: createVite } = await import("vite");
    vite = await createVite({ server: { middlewareMode: true, hmr: { server: http } }, appType: "custom" });
  }

  const trustProxy = app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean;
  const schemeOf = (req: IncomingMessage) => requestScheme(req, trustProxy, options.secureCookies === "true");
  const redis = options.redisUrl ? openRedis(options.redisUrl) : null;
  // The relay speaks y-websocket and persists bytes; the convention extension brings every rule about conventions.
  const collab: CollabRelay<ConventionParticipant> = new CollabRelay<ConventionParticipant>({
    store: drizzleDocumentStore(database.db),
    allowedOrigins,
    schemeOf,
    bus: redis?.bus,
    ...options.collab,
    hooks: conventionExtension({ db: database.db, collab: () => collab, journalWindowMs: options.journalWindowMs }),
  });
  const loginThrottle = new LoginThrottle({}, redis?.failureLog);

  // 0. Probes for a load balancer: alive, and ready (database and, when configured, Redis reachable).
  const eventLoop = new EventLoopWatch(options.stallLogMs);
  app.get("/health", (_req, res) => void res.json({ status: "ok", instance: redis?.bus.instanceId ?? null, eventLoop: eventLoop.delays }));
  app.get("/ready", async (_req, res) => {
    const [databaseUp, redisUp] = await Promise.all([
      withTimeout(database.db.execute(sql`SELECT 1`).then(() => true), 2_000).catch(() => false),
      redis ? redis.bus.ping() : Promise.resolve(null),
    ]);
    const ready = databaseUp && redisUp !== false;
    res.status(ready ? 200 : 503).json({
      status: ready ? "pret" : "indisponible",
      database: databaseUp ? "ok" : "injoignable",
      redis: redisUp === null ? "non configuré" : redisUp ? "ok" : "injoignable",
      instance: redis?.bus.instanceId ?? null,
    });
  });

  // 1. Security headers, with a per-response nonce for Remix's inline scripts.
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy:
        mode === "development"
          ? false
          : {
              directives: {
                defaultSrc: ["'self'"],
                scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
                styleSrc: ["'self'", "'unsafe-inline'"],
                // Sockets to this site only: 'self' covers them in current browsers, the explicit ws(s) URL older ones.
                connectSrc: ["'self'", (req) => ownSocketSource(req as Request, schemeOf(req as Request))],
                imgSrc: ["'self'", "data:"],
                upgradeInsecureRequests: null,
              },
            },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: options.secureCookies === "true",
    }),
  );
  // 2. Compression.
  app.use(compression());
  // 3. Static assets: fingerprinted ones are immutable.
  if (vite) app.use(vite.middlewares);
  else {
    app.use("/assets", express.static(path.join(ROOT, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(ROOT, "build/client"), { maxAge: "1h" }));
  }
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, db: database.kind, ...collab.stats });
  });
  // 4. No cache may keep an API answer unless its route says so (they carry per-user data); rate limits; cross-site write protection; bounded
  // request bodies, read before the Remix handler.
  // A route that says otherwise keeps its own policy (the territory search, public data, is cached privately).
  app.use("/api", (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  });
  const loginLimiter = rateLimit({
    windowMs: 10 * 60 * 1000,
    limit: options.loginPerIpLimit ?? 60,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, res) => void res.status(429).type("text/plain; charset=utf-8").send(MESSAGES.AUTH_THROTTLED),
    // Counted across instances when they share Redis; while Redis is down, requests pass rather than fail.
    ...(redis ? { store: redis.rateLimitStore("login"), passOnStoreError: true } : {}),
  });
  app.post("/login", loginLimiter);
  const apiLimiter = rateLimit({
    windowMs: 60 * 1000,
    limit: 600,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, res) => void res.status(429).json({ code: "RATE_LIMITED", message: MESSAGES.RATE_LIMITED }),
    ...(redis ? { store: redis.rateLimitStore("api"), passOnStoreError: true } : {}),
  });
  app.use("/api", apiLimiter);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (isAllowedOrigin(req.headers.origin, req.headers.host, allowedOrigins, schemeOf(req))) return next();
    res.status(403).json({ code: "ORIGIN_REFUSED", message: MESSAGES.ORIGIN_REFUSED });
  });
  app.use(limitRequestBodies());
  app.use(refuseControlCharacters());
  // 5. The Remix handler.
  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : (options.build ?? ((await import(path.join(ROOT, "build/server/index.js"))) as ServerBuild));
  const remix = createRequestHandler({
    build,
    mode,
    getLoadContext: (req, res) => ({
      db: database.db,
      dbKind: database.kind,
      collab,
      loginThrottle,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "",
      cspNonce: res.locals.cspNonce as string,
      secureCookies: options.secureCookies ?? "auto",
    }),
  });
  // The adapter reads the body from the request stream: it gets the bytes limitRequestBodies read and bounded.
  app.all("*", (req, res, next) => remix(withBufferedBody(req, res), res, next));

  // 6. WebSocket upgrades: the collaboration endpoint; in development, Vite's HMR socket too.
  http.on("upgrade", (req, socket, head) => {
    // The relay checks the Origin (scheme and host, through `schemeOf`) and closes a foreign one with 4403.
    if (collab.matches(req)) collab.handleUpgrade(req, socket, head);
    else if (!vite) socket.destroy();
  });

  const sockets = new Set<Socket>();
  http.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const purge = setInterval(() => void purgeExpiredSessions(database.db).catch(() => {}), 60 * 60 * 1000);
  purge.unref();

  return {
    http,
    collab,
    instanceId: redis?.bus.instanceId ?? null,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, host, () => {
          http.off("error", reject);
          const address = http.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    // 7. Graceful shutdown.
    async close() {
      clearInterval(purge);
      eventLoop.stop();
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      await collab.close();
      await redis?.close();
      http.closeIdleConnections();
      for (const s of sockets) s.destroy();
      await vite?.close();
      await stopped;
      log.info("server stopped");
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("délai dépassé")), ms).unref())]);
}

// A Host header is the client's to write: only a plain host[:port] goes into the policy.
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The collaboration socket's origin for the CSP, `ws://host` or `wss://host`, or 'self' alone for an odd Host. */
function ownSocketSource(req: Request, scheme: "http" | "https"): string {
  const host = req.headers.host ?? "";
  return HOST.test(host) ? `${scheme === "https" ? "wss" : "ws"}://${host}` : "'self'";
}
