// The baseline of bench:collab: the same y-websocket protocol with nothing else — no auth, no persistence, no
// awareness rewriting. One Y.Doc per room name, every update relayed to every other socket.
import { createServer } from "node:http";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocketServer, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<WebSocket>;
}
const rooms = new Map<string, Room>();

function room(name: string): Room {
  const r = rooms.get(name);
  if (r) return r;
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const created: Room = { doc, awareness, conns: new Set() };
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    const msg = encoding.toUint8Array(e);
    for (const c of created.conns) if (c !== origin) c.send(msg);
  });
  awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
    const msg = encoding.toUint8Array(e);
    for (const c of created.conns) c.send(msg);
  });
  rooms.set(name, created);
  return created;
}

const http = createServer();
const wss = new WebSocketServer({ server: http });
wss.on("connection", (ws, req) => {
  const r = room((req.url ?? "/").slice(1).split("?")[0]);
  r.conns.add(ws);
  ws.binaryType = "arraybuffer";
  ws.on("message", (data: ArrayBuffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const encoder = encoding.createEncoder();
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, r.doc, ws);
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(r.awareness, decoding.readVarUint8Array(decoder), ws);
    }
  });
  ws.on("close", () => r.conns.delete(ws));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeSyncStep1(e, r.doc);
  ws.send(encoding.toUint8Array(e));
});
http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = http.address();
  process.stdout.write(`CONFLUX_READY port=${typeof address === "object" && address ? address.port : 0}\n`);
});
