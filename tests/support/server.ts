import WS from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import type { DbHandle } from "../../db/client";
import { createSession } from "../../app/lib/session.server";
import { createConfluxServer, type ConfluxServer, type ConfluxServerOptions } from "../../server/app";

export interface TestServer {
  server: ConfluxServer;
  port: number;
  base: string;
  close(): Promise<void>;
}

/** A real Conflux server on port 0, in production mode, over the given database. */
export async function startTestServer(
  database: DbHandle,
  options: Partial<Omit<ConfluxServerOptions, "database">> = {},
): Promise<TestServer> {
  // Test machines run many servers and browsers at once: only stalls of seconds are worth a line in the test output.
  const server = await createConfluxServer({ database, mode: "production", stallLogMs: 2_000, ...options });
  // Client and server share this process: after a long stall both timers fire late, and a socket the server closes
  // as idle can be the one the client just reused (ECONNRESET). Sockets stay open for a minute here.
  server.http.keepAliveTimeout = 60_000;
  const port = await server.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  return { server, port, base, close: () => server.close() };
}

/** A session cookie for a user, made directly: tests other than the login ones skip the login form. */
export async function cookieFor(database: DbHandle, userId: string): Promise<string> {
  return `conflux_session=${await createSession(database.db, userId)}`;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  destroy(): void;
}

/** A y-websocket client in Node, with its own cookie; BroadcastChannel off so that only the server can relay. */
export function connectClient(
  base: string,
  conventionId: string,
  cookie: string | null,
  options: { origin?: string; doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const headers: Record<string, string> = { origin: options.origin ?? base };
  if (cookie) headers.cookie = cookie;
  class CookieWS extends WS {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const closes: number[] = [];
  const provider = new WebsocketProvider(base.replace(/^http/, "ws") + "/collab", conventionId, doc, {
    WebSocketPolyfill: CookieWS as unknown as typeof WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
    },
  };
}

/** Polls until the predicate holds or the deadline passes; returns whether it held. */
export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return predicate();
}
