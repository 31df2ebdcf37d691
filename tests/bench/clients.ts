// y-websocket clients for the benchmarks: in this process, with their own cookie and Origin, BroadcastChannel off so
// that only the server relays.
import WS from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface BenchClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export function benchClient(serverUrl: string, room: string, headers: { origin: string; cookie?: string | null }): BenchClient {
  const doc = new Y.Doc();
  const sent: Record<string, string> = { origin: headers.origin };
  if (headers.cookie) sent.cookie = headers.cookie;
  class CookieWS extends WS {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: sent });
    }
  }
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: CookieWS as unknown as typeof WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  return { doc, provider };
}

export async function until(pred: () => boolean, ms: number) {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error("délai dépassé");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The p-th percentile of sorted samples (nearest rank). */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
