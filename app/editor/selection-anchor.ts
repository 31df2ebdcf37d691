import type { Editor } from "@tiptap/core";
import { absolutePositionToRelativePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/** A text range of the shared document, as the comments API stores it: Yjs relative positions survive edits. */
export interface SelectionAnchor {
  from: Record<string, unknown>;
  to: Record<string, unknown>;
  quote: string;
  /** The article the range starts in, when it is inside one. */
  article: string | null;
}

const MAX_QUOTE = 500;

/**
 * The browser's selection inside the editor as relative positions. Read from the DOM selection rather than the
 * editor's state, so that read-only members (commentaire) can anchor comments too.
 */
export function selectionAnchor(editor: Editor): SelectionAnchor | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
  const dom = editor.view.dom;
  if (!dom.contains(selection.anchorNode) || !dom.contains(selection.focusNode)) return null;
  let a: number;
  let b: number;
  try {
    a = editor.view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    b = editor.view.posAtDOM(selection.focusNode, selection.focusOffset);
  } catch {
    return null;
  }
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  const quote = editor.state.doc.textBetween(from, to, " ").trim();
  if (!quote) return null;
  const sync = ySyncPluginKey.getState(editor.state) as { binding?: { type: Y.XmlFragment; mapping: Map<Y.AbstractType<unknown>, unknown> } } | undefined;
  if (!sync?.binding) return null;
  const relative = (pos: number) =>
    Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, sync.binding!.type, sync.binding!.mapping as never)) as Record<string, unknown>;
  let article: string | null = null;
  editor.state.doc.nodesBetween(0, from, (node) => {
    if (node.type.name === "heading" && node.attrs.section === "article") article = node.attrs.articleId as string;
    return false;
  });
  return { from: relative(from), to: relative(to), quote: quote.length > MAX_QUOTE ? `${quote.slice(0, MAX_QUOTE - 1)}…` : quote, article };
}
