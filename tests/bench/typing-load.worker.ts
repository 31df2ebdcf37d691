// The typing load of `npm run bench:cluster`, in a worker thread, so that its work does not queue in front of the
// measured clients' messages on the bench's main thread. Load clients speak the y-websocket protocol on real sockets
// (sync step 1, then one update message per keystroke, made by a real Y.Doc) but do not apply what they receive: the
// servers do exactly the work they would do for a browser, and the bench does not spend the machine's two cores
// replaying every keystroke of the room in 70 client documents (a browser does that on its user's machine).
import { parentPort } from "node:worker_threads";
import * as encoding from "lib0/encoding";
import WS from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { until } from "./clients";

const MESSAGE_SYNC = 0;

class LoadClient {
  readonly doc = new Y.Doc();
  readonly socket: WS;
  synced = false;

  constructor(spec: LoadSpec) {
    this.socket = new WS(`${spec.url}/${spec.room}`, { headers: { origin: spec.origin, cookie: spec.cookie } });
    this.socket.binaryType = "nodebuffer";
    this.socket.on("open", () => {
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(step1, this.doc);
      this.socket.send(encoding.toUint8Array(step1));
    });
    // The server's sync step 2 (its document) arrives first: from then on, keystrokes are accepted.
    this.socket.on("message", () => (this.synced = true));
    this.socket.on("error", () => undefined);
    this.doc.on("update", (update: Uint8Array) => {
      if (this.socket.readyState !== WS.OPEN) return;
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, MESSAGE_SYNC);
      syncProtocol.writeUpdate(message, update);
      this.socket.send(encoding.toUint8Array(message));
    });
  }

  destroy() {
    this.socket.terminate();
    this.doc.destroy();
  }
}

export interface LoadSpec {
  url: string;
  room: string;
  cookie: string;
  origin: string;
  /** One character typed every `everyMs`, from a random phase: people do not type in step. */
  everyMs: number;
}

export type LoadRequest = { type: "add"; specs: LoadSpec[] } | { type: "stop" };
export type LoadReply = { type: "ready"; total: number } | { type: "error"; message: string } | { type: "stopped" };

const clients: LoadClient[] = [];
const timers: NodeJS.Timeout[] = [];

/**
 * Each load client types at the end of its own text: a client that does not apply what it receives must not insert
 * where others do, or every insertion would conflict with all the earlier blind ones (Yjs resolves such conflicts by
 * scanning them, which grows without bound; a browser, knowing the document, never produces them).
 */
function typeEvery(client: LoadClient, everyMs: number) {
  const text = client.doc.getText(`saisie-${clients.indexOf(client)}`);
  const start = setTimeout(() => {
    timers.push(setInterval(() => text.insert(text.length, "x"), everyMs));
  }, Math.random() * everyMs);
  timers.push(start);
}

const port = parentPort!;
port.on("message", async (request: LoadRequest) => {
  if (request.type === "stop") {
    for (const timer of timers) clearTimeout(timer);
    for (const c of clients) c.destroy();
    port.postMessage({ type: "stopped" } satisfies LoadReply);
    return;
  }
  const added = request.specs.map((spec) => ({ spec, client: new LoadClient(spec) }));
  clients.push(...added.map((a) => a.client));
  try {
    await until(() => added.every((a) => a.client.synced), 60_000);
  } catch (error) {
    port.postMessage({ type: "error", message: String(error) } satisfies LoadReply);
    return;
  }
  for (const { spec, client } of added) typeEvery(client, spec.everyMs);
  port.postMessage({ type: "ready", total: clients.length } satisfies LoadReply);
});
