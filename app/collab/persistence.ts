// The one message Conflux adds to the y-websocket protocol: the server tells the clients that asked for it how far
// the document is saved in the database, so that a screen says « enregistré » only for what is really persisted
// (docs/decisions/0009-relay-hooks-and-acknowledged-saves.md). Plain y-websocket clients never receive it: a client
// opts in with the `acks=1` query parameter of the socket URL.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

/** Message type, outside the range y-websocket uses (0–3). */
export const MESSAGE_PERSISTENCE = 100;
/** Query parameter of the socket URL by which a client asks for persistence messages. */
export const ACKS_PARAM = "acks";

export interface PersistenceStatus {
  /** State vector of what the database holds. */
  saved: Uint8Array;
  /** True while the server cannot write (the database is unreachable); the updates stay in memory and are retried. */
  failing: boolean;
}

export function encodePersistence(status: PersistenceStatus): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_PERSISTENCE);
  encoding.writeVarUint(e, status.failing ? 1 : 0);
  encoding.writeVarUint8Array(e, status.saved);
  return encoding.toUint8Array(e);
}

/** Reads the payload after the message type (what a y-websocket message handler receives). */
export function readPersistence(decoder: decoding.Decoder): PersistenceStatus {
  const failing = decoding.readVarUint(decoder) === 1;
  return { failing, saved: decoding.readVarUint8Array(decoder) };
}

/**
 * Whether every change this client made is in the database: its own clock in the local document against the clock the
 * server reports saved for it. Changes received from others are theirs to wait for.
 */
export function ownChangesSaved(doc: Y.Doc, saved: Uint8Array | null): boolean {
  const mine = Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
  if (mine === 0) return true;
  if (!saved) return false;
  return (Y.decodeStateVector(saved).get(doc.clientID) ?? 0) >= mine;
}
