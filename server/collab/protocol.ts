import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";

// The y-websocket wire format: a varUint message type, then the payload.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export type ClientMessage =
  | { type: "sync-step1"; stateVector: Uint8Array }
  | { type: "sync-step2"; update: Uint8Array }
  | { type: "sync-update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" }
  | { type: "auth" };

export class ProtocolError extends Error {}

/** Decodes one client message entirely before anything acts on it; throws ProtocolError on malformed input. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) message = { type: "sync-step1", stateVector: payload };
        else if (syncType === syncProtocol.messageYjsSyncStep2) message = { type: "sync-step2", update: payload };
        else if (syncType === syncProtocol.messageYjsUpdate) message = { type: "sync-update", update: payload };
        else throw new ProtocolError(`unknown sync message ${syncType}`);
        break;
      }
      case MESSAGE_AWARENESS:
        message = { type: "awareness", update: decoding.readVarUint8Array(decoder) };
        break;
      case MESSAGE_QUERY_AWARENESS:
        message = { type: "query-awareness" };
        break;
      case MESSAGE_AUTH:
        message = { type: "auth" };
        break;
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed message: ${(error as Error).message}`);
  }
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(syncProtocol.messageYjsSyncStep1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(syncProtocol.messageYjsSyncStep2, update);
export const encodeUpdate = (update: Uint8Array) => encodeSync(syncProtocol.messageYjsUpdate, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Parses an awareness update (varUint count, then clientID, clock and a JSON state per entry). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    if (count > 10_000) throw new ProtocolError("too many awareness entries");
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const state = JSON.parse(decoding.readVarString(d)) as unknown;
      if (state !== null && (typeof state !== "object" || Array.isArray(state)))
        throw new ProtocolError("awareness state must be an object or null");
      entries.push({ clientID, clock, state: state as Record<string, unknown> | null });
    }
    return entries;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed awareness update: ${(error as Error).message}`);
  }
}

export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientID);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

export { encodePersistence } from "../../app/collab/persistence";
export { awarenessProtocol, syncProtocol };
