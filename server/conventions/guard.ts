// The convention's rules applied to its live document, for one open room (docs/decisions/0010-server-owned-convention-data.md):
// - server-owned shared types are written by the server only: a client's change to one is put back in the same tick;
// - the negotiated data clients write is validated after each change against the template of the database row; an
//   invalid change is put back to the last valid values, and the French reason is written where the author sees it.
// The relay applies a client's update before we see it (a Yjs update cannot be refused after the fact without the
// sender diverging), so every correction is a forward change; the relay sends it with the update that caused it.
import type * as Y from "yjs";
import { getTemplate } from "../../templates";
import { readClientData, replaceConventionData, replaceMap, type ClientData, type DataIssue } from "../../app/collab/state";
import { conventionMessages } from "../../app/domain/convention/messages";
import { validateConventionState } from "../../app/domain/convention/options";
import { CLIENT_DATA_KEYS, DOC_KEYS, SERVER_OWNED_KEYS } from "../../app/domain/convention/state";
import type { ServerConventionData } from "../../app/models/convention-data.server";
import { log } from "../log";
import { Connection, type Room } from "../collab/room";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its shared types by their event type.
type SharedType = Y.AbstractType<any>;

export interface Refusal {
  path: string;
  message: string;
  userId: string | null;
  at: string;
}

/** What each server-owned type holds, in the words of the refusal a forging client reads. */
const SERVER_OWNED_LABELS: Record<(typeof SERVER_OWNED_KEYS)[number], string> = {
  meta: "Le modèle, le titre, le territoire et les dates de la convention",
  flux: "Les données du flux (états des lieux, données de rotation, termes négociés)",
  refusals: "La liste des modifications refusées",
  server: "Le statut et les parties de la convention",
  negotiation: "La révision de la négociation",
};

/** The checks of the negotiated data beyond their schema: option constraints, préfet caps, choices that exist… */
export function validateClientData(data: ClientData, server: ServerConventionData, conventionId: string): DataIssue[] {
  const template = server.templateId ? getTemplate(server.templateId) : undefined;
  if (!template) return [];
  return validateConventionState({ id: conventionId, ...data, meta: server.meta, parties: [], flux: null, body: { type: "doc", content: [] } }, template)
    .filter((i) => i.path.startsWith("options") || i.path.startsWith("parameters") || i.path.startsWith("lines"))
    .map((i) => ({ path: i.path, message: i.message }));
}

/** The mirror of the server data, as written into the document. */
function mirrorOf(server: ServerConventionData) {
  return { meta: server.meta, flux: server.flux, status: server.status, parties: server.parties };
}

export class ConventionGuard {
  /** What the server last wrote in each server-owned type: the values a client's change is put back to. */
  private readonly owned = new Map<string, Record<string, unknown>>();
  private lastValid: ClientData | null = null;
  private readonly serverTypes: Map<SharedType, string>;
  private readonly clientTypes: Set<SharedType>;

  constructor(
    private readonly room: Room,
    private server: ServerConventionData,
  ) {
    const doc = room.doc;
    this.serverTypes = new Map(SERVER_OWNED_KEYS.map((key) => [doc.getMap(key) as SharedType, key]));
    this.clientTypes = new Set(CLIENT_DATA_KEYS.map((key) => doc.getMap(key) as SharedType));
    this.mirror(server);
    const initial = this.check();
    if (initial.data && initial.issues.length === 0) this.lastValid = initial.data;
  }

  get status() {
    return this.server.status;
  }

  /** Writes the server data into the document (when it changed in the database) and makes it the reference. */
  mirror(server: ServerConventionData) {
    this.server = server;
    this.room.transactAsServer((doc) => replaceConventionData(doc, mirrorOf(server)));
    for (const key of SERVER_OWNED_KEYS) this.owned.set(key, this.room.doc.getMap(key).toJSON());
  }

  private check() {
    const { data, issues } = readClientData(this.room.doc);
    return { data, issues: data ? [...issues, ...validateClientData(data, this.server, this.room.name)] : issues };
  }

  /** Called after every transaction of the room; returns true when a client changed something beyond server-owned types. */
  onChange(origin: unknown, transaction: Y.Transaction): boolean {
    const changedServer = [...transaction.changed.keys()].flatMap((type) => {
      const key = this.serverTypes.get(type);
      return key ? [key] : [];
    });
    const changedClient = [...transaction.changedParentTypes.keys(), ...transaction.changed.keys()].some((type) => this.clientTypes.has(type));
    if (!(origin instanceof Connection)) {
      // The server's own writes are the reference for what it owns, and valid client data it writes (a restore) too; so
      // are another instance's, which checked its own clients' changes (docs/decisions/0013-scale-out-on-redis.md).
      for (const key of changedServer) this.owned.set(key, this.room.doc.getMap(key).toJSON());
      if (changedClient) {
        const { data, issues } = this.check();
        if (data && issues.length === 0) this.lastValid = data;
      }
      return false;
    }
    const refusals: { path: string; message: string }[] = [];
    const forged = changedServer;
    for (const key of forged)
      refusals.push({ path: `serveur.${key}`, message: conventionMessages.DONNEE_TENUE_PAR_LE_SERVEUR(SERVER_OWNED_LABELS[key as keyof typeof SERVER_OWNED_LABELS]) });
    let restoreClient: ClientData | null = null;
    if (changedClient) {
      const { data, issues } = this.check();
      if (issues.length === 0 && data) this.lastValid = data;
      else if (this.lastValid) {
        restoreClient = this.lastValid;
        refusals.push(...issues);
      }
    }
    if (forged.length > 0 || restoreClient) {
      log.warn("convention change refused", {
        conventionId: this.room.name,
        userId: origin.participant.userId,
        issues: refusals.map((r) => r.path),
      });
      const owned = this.owned;
      const client = restoreClient;
      this.room.transactAsServer((doc) => {
        for (const key of forged) replaceMap(doc.getMap(key), owned.get(key) ?? {});
        if (client) replaceConventionData(doc, client);
        const map = doc.getMap<Refusal>(DOC_KEYS.refusals);
        const at = new Date().toISOString();
        for (const r of refusals) map.set(r.path, { path: r.path, message: r.message, userId: origin.participant.userId, at });
      });
    }
    return [...transaction.changed.keys(), ...transaction.changedParentTypes.keys()].some((type) => !this.serverTypes.has(type));
  }
}
