import type * as Y from "yjs";
import { readConventionData, type ConventionData, type DataIssue } from "../../app/collab/state";
import { DOC_KEYS } from "../../app/domain/convention/state";
import { log } from "../log";
import { Connection, SERVER_ORIGIN, type Room } from "./room";

/** Checks the structured data of a convention beyond its schema (option constraints, caps…). */
export type DataValidator = (data: ConventionData, conventionId: string) => DataIssue[];

export interface Refusal {
  path: string;
  message: string;
  userId: string | null;
  at: string;
}

/**
 * The server's second check of the negotiated data: after each client change, the document's parameters, options and
 * lines are validated again; if they are invalid, the server puts back the last valid values in a new change and
 * writes the French reason into the document's `refusals` map, where the author's screen shows it. Relay has already
 * happened (Yjs updates cannot be refused after the fact without the client diverging), so the correction is a
 * forward change that every client receives.
 */
export function guardRoom(room: Room, validate: DataValidator) {
  let lastValid: ConventionData | null = null;
  const check = () => {
    const { data, issues } = readConventionData(room.doc);
    const all = data ? [...issues, ...validate(data, room.conventionId)] : issues;
    return { data, issues: all };
  };
  // Only changes of the structured data need checking: text edits (the vast majority of updates) skip the guard.
  let dirty = false;
  const markDirty = () => (dirty = true);
  const watched = [
    room.doc.getMap(DOC_KEYS.meta),
    room.doc.getMap(DOC_KEYS.parameters),
    room.doc.getMap(DOC_KEYS.options),
    room.doc.getArray(DOC_KEYS.lines),
  ];
  for (const type of watched) type.observeDeep(markDirty);
  const initial = check();
  if (initial.data && initial.issues.length === 0) lastValid = initial.data;

  const stop = room.onChange((origin) => {
    if (!dirty) return;
    dirty = false;
    const { data, issues } = check();
    if (issues.length === 0 && data) {
      lastValid = data;
      return;
    }
    // The server's own changes (inventory, restore) are trusted; only clients' changes are corrected.
    if (origin === SERVER_ORIGIN || !(origin instanceof Connection) || !lastValid) return;
    const relevant = issues;
    const restore = lastValid;
    log.warn("convention data refused", {
      conventionId: room.conventionId,
      userId: origin.participant.userId,
      issues: relevant.map((i) => i.path),
    });
    room.transactAsServer((doc) => {
      restoreData(doc, restore);
      const refusals = doc.getMap<Refusal>(DOC_KEYS.refusals);
      for (const issue of relevant)
        refusals.set(issue.path, {
          path: issue.path,
          message: issue.message,
          userId: origin.participant.userId,
          at: new Date().toISOString(),
        });
    });
    // The correction itself marked the data dirty; it is valid by construction.
    dirty = false;
  });
  return () => {
    stop();
    for (const type of watched) type.unobserveDeep(markDirty);
  };
}

// Writes back only what differs, so that the correction is as small as the refused change.
function restoreData(doc: Y.Doc, valid: ConventionData) {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const [key, target] of [
    [DOC_KEYS.parameters, valid.parameters],
    [DOC_KEYS.options, valid.options],
    [DOC_KEYS.meta, valid.meta],
  ] as const) {
    const map = doc.getMap(key);
    const wanted = target as Record<string, unknown>;
    for (const k of [...map.keys()]) if (!(k in wanted)) map.delete(k);
    for (const [k, v] of Object.entries(wanted)) if (!same(map.get(k), v)) map.set(k, v);
  }
  const lines = doc.getArray(DOC_KEYS.lines);
  if (!same(lines.toJSON(), valid.lines)) {
    lines.delete(0, lines.length);
    lines.push(valid.lines);
  }
}
