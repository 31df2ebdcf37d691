// What instances of the relay tell each other when several serve the same documents
// (docs/decisions/0013-scale-out-on-redis.md): a room's updates and presence, how far each instance has saved what it
// published, the state a room needs when it opens, and the control messages that must reach every socket (a refresh
// of access or server data, a logout). The relay depends on this interface; Redis is one implementation.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export type BusMessage =
  /** An update applied by the instance `from` (from its clients or its server side), numbered `seq` in that room. */
  | { type: "update"; doc: string; from: string; seq: number; update: Uint8Array }
  | { type: "awareness"; doc: string; from: string; update: Uint8Array }
  /** The instance `from` has saved, for this room, every update it published up to `seq`. */
  | { type: "saved"; doc: string; from: string; seq: number }
  /** The instance `from` opened the room with this state: the others answer with what it lacks. */
  | { type: "sync-request"; doc: string; from: string; stateVector: Uint8Array }
  | { type: "sync-reply"; doc: string; from: string; to: string; update: Uint8Array }
  /** Server data, status or membership of the document changed: re-mirror and re-check sockets everywhere. */
  | { type: "refresh"; doc: string; from: string }
  /** A session ended: close its sockets everywhere. */
  | { type: "logout"; from: string; sessionKey: string };

export type DocMessage = Extract<BusMessage, { doc: string }> & { type: "update" | "awareness" | "saved" | "sync-request" | "sync-reply" };
export type ControlMessage = Extract<BusMessage, { type: "refresh" | "logout" }>;

export interface RelayBus {
  /** This instance's id, unique per process. */
  readonly instanceId: string;
  /** Receives a document's messages (other instances' only) until `leave`; resolves once subscribed, or at once while the bus is down. */
  join(doc: string, onMessage: (message: DocMessage) => void): Promise<void>;
  leave(doc: string): Promise<void>;
  /** Receives control messages from other instances. */
  onControl(handler: (message: ControlMessage) => void): void;
  /** Called after the bus comes back from an outage: rooms must catch up on what they missed. */
  onReconnect(handler: () => void): void;
  /** Best effort: while the bus is down, messages are dropped (rooms catch up on reconnect). */
  publish(message: BusMessage): void;
  readonly connected: boolean;
  /** Round-trip check for readiness probes. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const TYPES = ["update", "awareness", "saved", "sync-request", "sync-reply", "refresh", "logout"] as const;

export class BusDecodeError extends Error {}

export function encodeBusMessage(message: BusMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, TYPES.indexOf(message.type));
  encoding.writeVarString(e, message.from);
  switch (message.type) {
    case "update":
      encoding.writeVarString(e, message.doc);
      encoding.writeVarUint(e, message.seq);
      encoding.writeVarUint8Array(e, message.update);
      break;
    case "awareness":
      encoding.writeVarString(e, message.doc);
      encoding.writeVarUint8Array(e, message.update);
      break;
    case "saved":
      encoding.writeVarString(e, message.doc);
      encoding.writeVarUint(e, message.seq);
      break;
    case "sync-request":
      encoding.writeVarString(e, message.doc);
      encoding.writeVarUint8Array(e, message.stateVector);
      break;
    case "sync-reply":
      encoding.writeVarString(e, message.doc);
      encoding.writeVarString(e, message.to);
      encoding.writeVarUint8Array(e, message.update);
      break;
    case "refresh":
      encoding.writeVarString(e, message.doc);
      break;
    case "logout":
      encoding.writeVarString(e, message.sessionKey);
      break;
  }
  return encoding.toUint8Array(e);
}

/** Decodes a bus message; anything malformed or with bytes left over throws BusDecodeError. */
export function decodeBusMessage(bytes: Uint8Array): BusMessage {
  try {
    const d = decoding.createDecoder(bytes);
    const type = TYPES[decoding.readVarUint(d)];
    if (!type) throw new BusDecodeError("type inconnu");
    const from = decoding.readVarString(d);
    let message: BusMessage;
    switch (type) {
      case "update":
        message = { type, from, doc: decoding.readVarString(d), seq: decoding.readVarUint(d), update: decoding.readVarUint8Array(d) };
        break;
      case "awareness":
        message = { type, from, doc: decoding.readVarString(d), update: decoding.readVarUint8Array(d) };
        break;
      case "saved":
        message = { type, from, doc: decoding.readVarString(d), seq: decoding.readVarUint(d) };
        break;
      case "sync-request":
        message = { type, from, doc: decoding.readVarString(d), stateVector: decoding.readVarUint8Array(d) };
        break;
      case "sync-reply":
        message = { type, from, doc: decoding.readVarString(d), to: decoding.readVarString(d), update: decoding.readVarUint8Array(d) };
        break;
      case "refresh":
        message = { type, from, doc: decoding.readVarString(d) };
        break;
      case "logout":
        message = { type, from, sessionKey: decoding.readVarString(d) };
        break;
    }
    if (decoding.hasContent(d)) throw new BusDecodeError("octets en trop");
    return message;
  } catch (error) {
    if (error instanceof BusDecodeError) throw error;
    throw new BusDecodeError(error instanceof Error ? error.message : String(error));
  }
}
