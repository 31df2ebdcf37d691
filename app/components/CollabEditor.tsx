import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { BODY_FRAGMENT, FINAL_CLOSE_CODES } from "~/collab/document";
import { baseExtensions } from "~/editor/extensions";
import { CommentHighlights, commentHighlightsKey, type CommentHighlight } from "~/editor/comment-highlights";
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

export type CollabStatus = "connecting" | "connected" | "disconnected" | "refused";

const STATUS_TEXT: Record<CollabStatus, string> = {
  connecting: "Connexion…",
  connected: "Connecté — modifications enregistrées en direct",
  disconnected: "Hors ligne — reconnexion en cours ; vos modifications seront envoyées au retour de la connexion",
  refused: "Accès refusé ou session expirée : rechargez la page pour vous reconnecter.",
};

/** One convention's Yjs document and its y-websocket connection, for the lifetime of the page. */
export function useCollabDocument(conventionId: string, user: CollabUser) {
  const doc = useMemo(() => new Y.Doc(), [conventionId]);
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const [status, setStatus] = useState<CollabStatus>("connecting");
  const [presence, setPresence] = useState<PresenceEntry[]>([]);

  useEffect(() => {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const p = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, conventionId, doc, { maxBackoffTime: 5_000 });
    p.awareness.setLocalStateField("user", user);
    const onStatus = ({ status: s }: { status: string }) =>
      setStatus((prev) => (prev === "refused" ? prev : s === "connected" ? "connected" : s === "connecting" ? "connecting" : "disconnected"));
    const onClose = (event: CloseEvent | null) => {
      // Retrying cannot fix an expired session or a refused party: stop and say so.
      if (event && FINAL_CLOSE_CODES.has(event.code)) {
        setStatus("refused");
        p.disconnect();
      }
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
    p.on("status", onStatus);
    p.on("connection-close", onClose);
    p.awareness.on("change", onAwareness);
    onAwareness();
    setProvider(p);
    return () => {
      p.awareness.off("change", onAwareness);
      p.destroy();
      setProvider(null);
    };
  }, [conventionId, doc, user]);

  useEffect(() => () => doc.destroy(), [doc]);
  return { doc, provider, status, presence };
}

export function CollabStatusBar({ status, presence }: { status: CollabStatus; presence: PresenceEntry[] }) {
  return (
    <div className="collab-bar">
      <p className={`collab-status status-${status}`} role="status" aria-live="polite">
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
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...baseExtensions(browserNodeViews()),
        Collaboration.configure({ document: doc, field: BODY_FRAGMENT }),
        CollaborationCaret.configure({ provider, user }),
        CommentHighlights.configure({ highlights: () => highlightsRef.current }),
      ],
      editorProps: {
        attributes: {
          class: "editor-content",
          "aria-label": "Texte de la convention",
          role: "textbox",
          "aria-multiline": "true",
          "aria-readonly": String(!editable),
        },
      },
    },
    [doc, provider],
  );
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, true));
  }, [editor, highlights]);
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
