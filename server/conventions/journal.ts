// The journal of live edits: every change a client makes to a convention's document — its text, its options, its
// settings — lands in the convention's journal (audit_events), coalesced per author over a window (a minute by
// default): one "text" event naming the places of the text touched, one event per option or setting with its value
// before the window and after it. The relay applies each client update before the hooks see it, so this module reads
// what a transaction changed, not the message (docs/decisions/0603-vocabulary-and-journal.md).
import * as Y from "yjs";
import type { TouchedPlace } from "../../app/domain/vocabulary/journal";
import { DOC_KEYS } from "../../app/domain/convention/state";
import type { AuditInput } from "../../app/models/audit.server";
import { log } from "../log";

export interface EditJournalOptions {
  /** How long one author's edits are gathered into the same journal events. */
  windowMs: number;
  /** Writes the events of a window (one INSERT); a failure is logged and the events are lost, the document is not. */
  write(events: AuditInput[]): Promise<void>;
  /** After a window is written: open pages refetch the journal. */
  written?(conventionId: string): void;
}

interface Author {
  userId: string;
  organisationId: string;
}

interface Window {
  conventionId: string;
  author: Author;
  timer: NodeJS.Timeout;
  edits: number;
  /** Top-level elements of the body already resolved to a place, and those places in order of first touch. */
  seen: Map<AnyType, string>;
  places: Map<string, TouchedPlace>;
  options: Map<string, { from: unknown; to: unknown }>;
  parameters: Map<string, { from: unknown; to: unknown }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its shared types by their event type.
type AnyType = Y.AbstractType<any>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Plain text of a heading element (its XmlText children). */
function headingText(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toDelta().map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : "")).join("") : ""))
    .join("")
    .trim();
}

const isHeading = (type: unknown): type is Y.XmlElement => type instanceof Y.XmlElement && type.nodeName === "heading";

/** The top-level elements of the body that a transaction touched: edited inside, inserted or deleted. */
function touchedTopLevel(body: Y.XmlFragment, transaction: Y.Transaction): Set<AnyType> {
  const touched = new Set<AnyType>();
  for (const type of [...transaction.changed.keys(), ...transaction.changedParentTypes.keys()]) {
    let current: AnyType | null = type as AnyType;
    while (current && current._item && current._item.parent !== body) current = current._item.parent as AnyType | null;
    if (current && current._item?.parent === body) touched.add(current);
  }
  if (transaction.changed.has(body as unknown as AnyType)) {
    // Blocks inserted or removed: their items were created in this transaction or are in its delete set. Only those
    // structs are visited (not the whole body), so the cost follows the size of the change, not of the document.
    const consider = (struct: Y.AbstractStruct, inserted: boolean) => {
      if (!(struct instanceof Y.Item) || struct.parent !== body || !(struct.content instanceof Y.ContentType)) return;
      // An empty paragraph inserted is no edit of its own (the editor adds one after a final table; Enter makes one):
      // the text typed into it is what gets recorded. A removed block always counts (its children are gone with it).
      const type = struct.content.type;
      if (inserted && !struct.deleted && type instanceof Y.XmlElement && type.nodeName === "paragraph" && type.length === 0) return;
      touched.add(type as AnyType);
    };
    const structsIn = (client: number, from: number, to: number, inserted: boolean) => {
      const structs = transaction.doc.store.clients.get(client);
      if (!structs || from >= to) return;
      for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i].id.clock < to; i++) consider(structs[i], inserted);
    };
    for (const [client, after] of transaction.afterState) structsIn(client, transaction.beforeState.get(client) ?? 0, after, true);
    for (const [client, ranges] of transaction.deleteSet.clients)
      for (const { clock, len } of ranges) structsIn(client, clock, clock + len, false);
  }
  return touched;
}

/** The place (article, préambule, annexe…) of each touched element: the heading that precedes it in the body. */
function placesOf(body: Y.XmlFragment, targets: Set<AnyType>): Map<AnyType, TouchedPlace> {
  const found = new Map<AnyType, TouchedPlace>();
  let place: TouchedPlace = { section: "titre" };
  let articles = 0;
  for (let item = body._start; item && found.size < targets.size; item = item.right) {
    const type = item.content instanceof Y.ContentType ? (item.content.type as AnyType) : null;
    if (type && !item.deleted && isHeading(type)) {
      const section = String(type.getAttribute("section") ?? "");
      if (section === "article") {
        articles += 1;
        place = { section, id: (type.getAttribute("articleId") as string | undefined) ?? null, number: articles, title: headingText(type) };
      } else if (section) place = { section, title: headingText(type) };
    }
    if (type && targets.has(type)) found.set(type, { ...place });
  }
  return found;
}

const placeKey = (place: TouchedPlace) => (place.section === "article" ? `article:${place.id ?? place.number}` : `${place.section}:${place.title ?? ""}`);

/** One convention extension's journal of edits; `room` is the document's name (the convention id). */
export class EditJournal {
  private readonly windows = new Map<string, Window>();
  /** Per open document, the options and settings as last seen: the "before" of the next change. */
  private readonly values = new Map<string, { options: Record<string, unknown>; parameters: Record<string, unknown> }>();

  constructor(private readonly options: EditJournalOptions) {}

  /** The document is loaded: its options and settings are the reference for the first changes. */
  open(conventionId: string, doc: Y.Doc) {
    this.values.set(conventionId, { options: doc.getMap(DOC_KEYS.options).toJSON(), parameters: doc.getMap(DOC_KEYS.parameters).toJSON() });
  }

  /** After every transaction of the document: a client's edit is recorded, the server's corrections amend it. */
  note(conventionId: string, doc: Y.Doc, transaction: Y.Transaction, author: Author | null) {
    const values = this.values.get(conventionId);
    if (!values) return;
    const options = doc.getMap(DOC_KEYS.options);
    const parameters = doc.getMap(DOC_KEYS.parameters);
    const changedOptions = transaction.changed.get(options as unknown as AnyType) ?? new Set<string | null>();
    const changedParameters = transaction.changed.get(parameters as unknown as AnyType) ?? new Set<string | null>();
    if (!author) {
      // The server put a value back (a refused change) or restored a version: open windows end on the actual value.
      for (const window of this.windows.values()) {
        if (window.conventionId !== conventionId) continue;
        for (const key of changedOptions) if (key && window.options.has(key)) window.options.get(key)!.to = options.get(key);
        for (const key of changedParameters) if (key && window.parameters.has(key)) window.parameters.get(key)!.to = parameters.get(key);
      }
    } else {
      const body = doc.getXmlFragment(DOC_KEYS.body);
      const touched = touchedTopLevel(body, transaction);
      if (touched.size > 0 || changedOptions.size > 0 || changedParameters.size > 0) {
        const window = this.windowOf(conventionId, author);
        if (touched.size > 0) {
          window.edits += 1;
          const unknown = new Set([...touched].filter((t) => !window.seen.has(t)));
          if (unknown.size > 0)
            for (const [type, place] of placesOf(body, unknown)) {
              const key = placeKey(place);
              window.seen.set(type, key);
              if (!window.places.has(key)) window.places.set(key, place);
            }
        }
        for (const key of changedOptions) {
          if (!key) continue;
          const entry = window.options.get(key);
          if (entry) entry.to = options.get(key);
          else window.options.set(key, { from: values.options[key], to: options.get(key) });
        }
        for (const key of changedParameters) {
          if (!key) continue;
          const entry = window.parameters.get(key);
          if (entry) entry.to = parameters.get(key);
          else window.parameters.set(key, { from: values.parameters[key], to: parameters.get(key) });
        }
      }
    }
    for (const key of changedOptions) if (key) values.options[key] = options.get(key);
    for (const key of changedParameters) if (key) values.parameters[key] = parameters.get(key);
  }

  private windowOf(conventionId: string, author: Author): Window {
    const id = `${conventionId}\u0000${author.userId}`;
    let window = this.windows.get(id);
    if (!window) {
      const timer = setTimeout(() => void this.flush(id), this.options.windowMs);
      timer.unref();
      window = { conventionId, author, timer, edits: 0, seen: new Map(), places: new Map(), options: new Map(), parameters: new Map() };
      this.windows.set(id, window);
    }
    return window;
  }

  private async flush(id: string) {
    const window = this.windows.get(id);
    if (!window) return;
    this.windows.delete(id);
    clearTimeout(window.timer);
    const base = { conventionId: window.conventionId, organisationId: window.author.organisationId, userId: window.author.userId };
    const events: AuditInput[] = [];
    if (window.edits > 0) events.push({ ...base, kind: "text", details: { places: [...window.places.values()], edits: window.edits } });
    for (const [option, { from, to }] of window.options)
      if (!same(from, to)) events.push({ ...base, kind: "option", details: { option, from: from ?? null, to: to ?? null } });
    for (const [parameter, { from, to }] of window.parameters)
      if (!same(from, to)) events.push({ ...base, kind: "parameter", details: { parameter, from: from ?? null, to: to ?? null } });
    if (events.length === 0) return;
    try {
      await this.options.write(events);
      this.options.written?.(window.conventionId);
    } catch (error) {
      log.error("journal write failed", { conventionId: window.conventionId, userId: window.author.userId, error });
    }
  }

  /** Writes the open windows of one document now (it leaves memory), or of every document (shutdown). */
  async close(conventionId?: string) {
    const ids = [...this.windows.entries()].filter(([, w]) => !conventionId || w.conventionId === conventionId).map(([id]) => id);
    await Promise.all(ids.map((id) => this.flush(id)));
    if (conventionId) this.values.delete(conventionId);
    else this.values.clear();
  }
}
