import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { BODY_FRAGMENT, FINAL_CLOSE_CODES } from "~/collab/document";
import { ACKS_PARAM, MESSAGE_PERSISTENCE, ownChangesSaved, readPersistence } from "~/collab/persistence";
import { baseExtensions } from "~/editor/extensions";
import { CommentHighlights, commentHighlightsKey, type CommentHighlight } from "~/editor/comment-highlights";
import { ReadOnlyText } from "~/editor/read-only";
import { browserNodeViews } from "~/editor/node-views";
import { selectionAnchor, type SelectionAnchor } from "~/editor/selection-anchor";

export interface CollabUser {
  name: string;
  organisation: string;
  color: string;
}

interface PresenceEntry {
  clientId: number;
  name: string;
  organisation: string;
  color: string;
  role?: string;
}

/** What the status bar says: the socket's state, and whether this browser's own changes are in the database. */
export type CollabStatus = "connecting" | "saved" | "saving" | "unsaved" | "offline" | "refused";

const STATUS_TEXT: Record<CollabStatus, string> = {
  connecting: "Connexion…",
  saved: "Connecté — modifications enregistrées",
  saving: "Connecté — enregistrement en cours…",
  unsaved:
    "Non enregistré — le serveur ne peut pas enregistrer pour le moment ; vos modifications sont gardées dans ce navigateur et seront enregistrées dès que possible",
  offline: "Hors ligne — vos modifications seront envoyées à la reconnexion",
  refused: "Accès refusé ou session expirée : rechargez la page pour vous reconnecter.",
};

/** Own changes not acknowledged after this long are shown as « non enregistré ». */
const UNSAVED_AFTER_MS = 4_000;

/** Name of this browser's copy of a convention (per user: two people sharing a browser never see each other's copy). */
export const localCopyName = (conventionId: string, userId: string) => `conflux-${conventionId}-${userId}`;

/**
 * One convention's Yjs document and its y-websocket connection, for the lifetime of the page. Editors keep a copy in
 * IndexedDB, so that what was typed survives a closed tab or a crashed server until the server acknowledges it;
 * « enregistré » is shown only for changes the server says are in the database (docs/decisions/0009-relay-hooks-and-acknowledged-saves.md).
 */
export function useCollabDocument(conventionId: string, user: CollabUser & { id: string }, options: { keepLocalCopy: boolean }) {
  const doc = useMemo(() => new Y.Doc(), [conventionId]);
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const [connection, setConnection] = useState<"connecting" | "connected" | "offline" | "refused">("connecting");
  const [persistence, setPersistence] = useState<{ saved: Uint8Array | null; failing: boolean }>({ saved: null, failing: false });
  const [ownChangesPending, setOwnChangesPending] = useState(false);
  const [pendingSince, setPendingSince] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const [presence, setPresence] = useState<PresenceEntry[]>([]);
  const { keepLocalCopy } = options;

  useEffect(() => {
    const local = keepLocalCopy ? new IndexeddbPersistence(localCopyName(conventionId, user.id), doc) : null;
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const p = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, conventionId, doc, {
      maxBackoffTime: 5_000,
      params: { [ACKS_PARAM]: "1" },
    });
    p.messageHandlers[MESSAGE_PERSISTENCE] = (_encoder, decoder) => setPersistence(readPersistence(decoder));
    p.awareness.setLocalStateField("user", { name: user.name, organisation: user.organisation, color: user.color });
    // Once the socket was open, a retry is still « hors ligne » for the reader: « connexion… » is for the first opening.
    const onStatus = ({ status: s }: { status: string }) =>
      setConnection((prev) => {
        if (prev === "refused") return prev;
        if (s === "connected") return navigator.onLine === false ? "offline" : "connected";
        return s === "connecting" && prev === "connecting" ? "connecting" : "offline";
      });
    const onClose = (event: CloseEvent | null) => {
      // Retrying cannot fix an expired session or a refused party: stop and say so.
      if (event && FINAL_CLOSE_CODES.has(event.code)) {
        setConnection("refused");
        p.disconnect();
      }
    };
    // The browser knows at once when the network goes; the socket may take much longer to notice.
    const onOffline = () => setConnection((prev) => (prev === "refused" ? prev : "offline"));
    const onOnline = () => {
      // The socket may have survived a short outage: then it is connected again at once.
      if (p.wsconnected) setConnection((prev) => (prev === "refused" ? prev : "connected"));
      else p.connect();
    };
    const onAwareness = () => {
      const entries: PresenceEntry[] = [];
      p.awareness.getStates().forEach((state, clientId) => {
        const u = state.user as Partial<PresenceEntry> | undefined;
        if (u?.name) entries.push({ clientId, name: u.name, organisation: u.organisation ?? "", color: u.color ?? "#6b7280", role: u.role });
      });
      entries.sort((a, b) => a.name.localeCompare(b.name, "fr"));
      setPresence(entries);
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // Local edits have no provider origin; the provider's own applications are the server's data.
      if (origin !== p && origin !== local) setOwnChangesPending(true);
    };
    p.on("status", onStatus);
    p.on("connection-close", onClose);
    p.awareness.on("change", onAwareness);
    doc.on("update", onUpdate);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    onAwareness();
    setProvider(p);
    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      doc.off("update", onUpdate);
      p.awareness.off("change", onAwareness);
      p.destroy();
      void local?.destroy();
      setProvider(null);
    };
  }, [conventionId, doc, user, keepLocalCopy]);

  // Whether this browser's own changes are all in the database, recomputed at each acknowledgement.
  useEffect(() => {
    if (!ownChangesPending) return;
    if (ownChangesSaved(doc, persistence.saved)) {
      setOwnChangesPending(false);
      setPendingSince(null);
    } else setPendingSince((since) => since ?? Date.now());
  }, [doc, persistence, ownChangesPending]);

  // A change waiting too long turns « non enregistré » even without news from the server.
  useEffect(() => {
    if (pendingSince === null) return;
    const timer = setTimeout(() => setNow(Date.now()), UNSAVED_AFTER_MS);
    return () => clearTimeout(timer);
  }, [pendingSince]);

  useEffect(() => () => doc.destroy(), [doc]);

  let status: CollabStatus = connection === "connected" ? "saved" : connection;
  if (connection === "connected" && ownChangesPending) {
    const late = pendingSince !== null && Math.max(now, Date.now()) - pendingSince >= UNSAVED_AFTER_MS;
    status = persistence.failing || late ? "unsaved" : "saving";
  }
  return { doc, provider, status, presence };
}

/** Forgets this browser's copies of every convention (at logout: the next person on this browser must not find them). */
export async function forgetLocalCopies(): Promise<void> {
  const databases = typeof indexedDB.databases === "function" ? await indexedDB.databases() : [];
  await Promise.all(
    databases
      .filter((d) => d.name?.startsWith("conflux-"))
      .map((d) => new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(d.name!);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      })),
  );
}

export function CollabStatusBar({ status, presence }: { status: CollabStatus; presence: PresenceEntry[] }) {
  return (
    <div className="collab-bar">
      <p className={`collab-status status-${status}`} role="status" aria-live="polite" data-save-state={status}>
        {STATUS_TEXT[status]}
      </p>
      <ul className="presence" aria-label="Participants connectés">
        {presence.map((p) => (
          <li key={p.clientId} style={{ borderColor: p.color }} title={p.organisation}>
            <span className="presence-dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
            <span className="muted"> — {p.organisation}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The live convention text: a Tiptap editor bound to the document's body, with remote carets. */
export function CollabEditor(props: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: CollabUser;
  editable: boolean;
  /** Called with the selected range (for comments) when the user selects text in the editor, null when cleared. */
  onSelection?: (anchor: SelectionAnchor | null) => void;
  /** Passages that comment threads are anchored to, underlined in the text. */
  highlights?: CommentHighlight[];
}) {
  const { doc, provider, user, editable, onSelection, highlights = [] } = props;
  // The plugin reads the latest list through a ref, so the editor is not rebuilt when comments change.
  const highlightsRef = useRef<CommentHighlight[]>(highlights);
  highlightsRef.current = highlights;
  // The view itself stays editable (a caret, keyboard selection); ReadOnlyText refuses the changes of a reader.
  const readOnlyRef = useRef(!editable);
  readOnlyRef.current = !editable;
  const editor = useEditor(
    {
      immediatelyRender: false,
      extensions: [
        ...baseExtensions(browserNodeViews()),
        Collaboration.configure({ document: doc, field: BODY_FRAGMENT }),
        CollaborationCaret.configure({ provider, user }),
        CommentHighlights.configure({ highlights: () => highlightsRef.current }),
        ReadOnlyText.configure({ readOnly: () => readOnlyRef.current }),
      ],
      editorProps: {
        // A function: ProseMirror reads it again at each update, so « lecture seule » follows a change of role or status.
        attributes: () => ({
          class: "editor-content",
          "aria-label": "Texte de la convention",
          role: "textbox",
          "aria-multiline": "true",
          "aria-readonly": String(readOnlyRef.current),
        }),
      },
    },
    [doc, provider],
  );
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, true));
  }, [editor, highlights]);
  useEffect(() => {
    // An empty transaction makes the view read its attributes again (aria-readonly).
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta("readOnlyText", editable ? "edition" : "lecture"));
  }, [editor, editable]);
  // A link to an article (#article-<id>) puts the caret at the start of that article's text, so that a keyboard user
  // lands where the link points and can read or select from there. The text may arrive after the page: retried at
  // each transaction until the article is there.
  useEffect(() => {
    if (!editor) return;
    let pending = false;
    const go = () => {
      const match = /^#article-(.+)$/.exec(decodeURIComponent(window.location.hash));
      if (!match || editor.isDestroyed) return (pending = false);
      let target = -1;
      editor.state.doc.forEach((node, offset) => {
        if (target < 0 && node.type.name === "heading" && node.attrs.articleId === match[1]) target = offset + node.nodeSize;
      });
      if (target < 0) return (pending = true);
      pending = false;
      editor.chain().setTextSelection(Math.min(target + 1, editor.state.doc.content.size)).scrollIntoView().run();
      editor.view.focus();
      return false;
    };
    const onTransaction = () => {
      if (pending) go();
    };
    go();
    window.addEventListener("hashchange", go);
    editor.on("transaction", onTransaction);
    return () => {
      window.removeEventListener("hashchange", go);
      editor.off("transaction", onTransaction);
    };
  }, [editor]);
  useEffect(() => {
    if (!editor || !onSelection) return;
    // Selections elsewhere (the comment form) keep the last anchor; a collapsed selection in the text clears it.
    const onChange = () => {
      const selection = window.getSelection();
      if (!selection?.anchorNode || !editor.view.dom.contains(selection.anchorNode)) return;
      onSelection(selectionAnchor(editor));
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [editor, onSelection]);
  return <EditorContent editor={editor} className="editor" />;
}
