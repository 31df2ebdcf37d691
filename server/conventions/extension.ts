// The convention extension of the relay: who may open a convention's document and with which rights, what the server
// owns in it, how client changes are checked, and what a client's edit does to the negotiation status. The relay
// (server/collab/) knows none of this (docs/decisions/0009-relay-hooks-and-acknowledged-saves.md).
import type { IncomingMessage } from "node:http";
import type { Db } from "../../db/client";
import { CLOSE_CODES } from "../../app/collab/document";
import type { CollabService } from "../../app/collab/service";
import { loadServerData } from "../../app/models/convention-data.server";
import { getConventionAccess } from "../../app/models/convention.server";
import { noteClientEdit } from "../../app/models/negotiation.server";
import { getSessionUser, readSessionToken } from "../../app/lib/session.server";
import type { Role } from "../../app/lib/roles";
import { ROLE_LABELS } from "../../app/lib/roles";
import { log } from "../log";
import { Connection, type Participant, type Room } from "../collab/room";
import type { Refusal, RelayHooks } from "../collab/relay";
import { recordAuditEvents } from "../../app/models/audit.server";
import { ConventionGuard } from "./guard";
import { EditJournal } from "./journal";
import { NEGOTIATION_MAP, NEGOTIATION_REV } from "../../app/domain/negotiation/live";

/** What the extension keeps about each participant. */
export interface ConventionParticipant {
  organisationId: string;
  organisationName: string;
  role: Role;
}

/** A signed convention is frozen: every connection is read-only, whatever the party's role. */
const readOnlyFor = (role: Role, status: string) => role !== "edition" || status === "signee";

/** One minute: the journal gathers an author's edits of a minute into the same events. */
export const JOURNAL_WINDOW_MS = 60_000;

export function conventionExtension(options: { db: Db; collab: () => CollabService; journalWindowMs?: number }): RelayHooks<ConventionParticipant> {
  const { db } = options;
  const guards = new Map<string, ConventionGuard>();
  /** Open rooms, for the journal to tell their pages that it wrote (a closed room has no page to tell). */
  const open = new Map<string, Room>();
  const journal = new EditJournal({
    windowMs: options.journalWindowMs ?? JOURNAL_WINDOW_MS,
    write: (events) => recordAuditEvents(db, events),
    written: (conventionId) => open.get(conventionId)?.transactAsServer((doc) => doc.getMap(NEGOTIATION_MAP).set(NEGOTIATION_REV, `${Date.now()}-journal`)),
  });
  /** Per room, the latest editor whose change must be checked against a "prête pour signature" status. */
  const demotions = new Map<string, { running: boolean; next: { userId: string; organisationId: string } | null }>();

  async function participantFor(token: string | undefined, conventionId: string): Promise<Participant<ConventionParticipant> | Refusal> {
    const user = await getSessionUser(db, token);
    if (!user || !token) return { close: CLOSE_CODES.unauthorized, reason: "Session absente ou expirée" };
    const access = await getConventionAccess(db, user.organisationId, conventionId);
    // A missing convention and a convention the user is not party to look the same from outside.
    if (!access) return { close: CLOSE_CODES.forbidden, reason: "Accès refusé" };
    const status = guards.get(conventionId)?.status ?? access.convention.status;
    return {
      userId: user.id,
      sessionKey: token,
      readOnly: readOnlyFor(access.role, status),
      presence: { name: user.name, organisation: user.organisationName, role: ROLE_LABELS[access.role] },
      data: { organisationId: user.organisationId, organisationName: user.organisationName, role: access.role },
    };
  }

  // Typing makes many transactions: one status check at a time per room, and at most one more queued behind it.
  function demoteIfReady(room: Room, editor: { userId: string; organisationId: string }) {
    let state = demotions.get(room.name);
    if (!state) demotions.set(room.name, (state = { running: false, next: null }));
    state.next = editor;
    if (state.running) return;
    const queue = state;
    queue.running = true;
    void (async () => {
      while (queue.next) {
        const who = queue.next;
        queue.next = null;
        try {
          if (await noteClientEdit({ db, collab: options.collab() }, room.name, who)) await options.collab().refreshAccess(room.name);
        } catch (error) {
          log.error("negotiation status check failed", { conventionId: room.name, userId: who.userId, error });
        }
      }
      queue.running = false;
    })();
  }

  return {
    authenticate(request: IncomingMessage, conventionId: string) {
      return participantFor(readSessionToken(request.headers.cookie), conventionId);
    },

    async onLoadDocument(room) {
      const server = await loadServerData(db, room.name);
      if (!server) throw new Error(`convention ${room.name} not found`);
      guards.set(room.name, new ConventionGuard(room, server));
      journal.open(room.name, room.doc);
      open.set(room.name, room);
    },

    onChange(room, origin, transaction) {
      const guard = guards.get(room.name);
      if (!guard) return;
      // Before the guard: a change it puts back then amends the author's journal window to the value kept.
      const author = origin instanceof Connection && !origin.readOnly ? (origin as Connection<ConventionParticipant>).participant : null;
      journal.note(room.name, room.doc, transaction, author && { userId: author.userId, organisationId: author.data.organisationId });
      const edited = guard.onChange(origin, transaction);
      // An edit of a ready convention sends it back to negotiation; only a ready one needs the database's word.
      if (edited && origin instanceof Connection && !origin.readOnly && guard.status === "prete_pour_signature") {
        const data = (origin as Connection<ConventionParticipant>).participant.data;
        demoteIfReady(room, { userId: origin.participant.userId, organisationId: data.organisationId });
      }
    },

    async revalidate(participant, conventionId) {
      return participantFor(participant.sessionKey, conventionId);
    },

    async onRefresh(room, conventionId) {
      const guard = guards.get(conventionId);
      if (!room || !guard) return;
      const server = await loadServerData(db, conventionId);
      if (server) guard.mirror(server);
    },

    async onUnload(room) {
      open.delete(room.name);
      guards.delete(room.name);
      demotions.delete(room.name);
      await journal.close(room.name);
    },
  };
}
