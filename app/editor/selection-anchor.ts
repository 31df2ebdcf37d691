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
 * Where a DOM point of the selection sits in the document. A point inside an inline atom — a variable, among them the
 * clauses an option writes into the text — has no position of its own: the atom is taken whole, from before it when
 * the point starts the range and to after it when it ends it, so that a passage chosen inside an option's clause
 * anchors on that clause.
 */
function documentPosition(editor: Editor, node: Node, offset: number, side: "start" | "end"): number {
  const { view } = editor;
  let atom: { pos: number; size: number } | null = null;
  view.state.doc.descendants((child, pos) => {
    if (atom) return false;
    if (child.isAtom && child.isInline && !child.isText) {
      const dom = view.nodeDOM(pos);
      if (dom && (dom === node || dom.contains(node))) atom = { pos, size: child.nodeSize };
    }
    return !child.isInline;
  });
  if (atom) {
    const found = atom as { pos: number; size: number };
    return side === "start" ? found.pos : found.pos + found.size;
  }
  return view.posAtDOM(node, offset);
}

/** The article (its stable id) that a document position lies in, if any. */
export function articleAt(editor: Editor, position: number): string | null {
  let article: string | null = null;
  editor.state.doc.nodesBetween(0, Math.min(position, editor.state.doc.content.size), (node) => {
    if (node.type.name === "heading") article = node.attrs.section === "article" ? (node.attrs.articleId as string) : null;
    return false;
  });
  return article;
}

/**
 * The browser's selection inside the editor as relative positions. Read from the DOM selection rather than the
 * editor's state, so that read-only members (commentaire) can anchor comments too; the quote is the text the reader
 * selected as shown (a variable's value, not its name).
 */
export function selectionAnchor(editor: Editor): SelectionAnchor | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
  const dom = editor.view.dom;
  if (!dom.contains(selection.anchorNode) || !dom.contains(selection.focusNode)) return null;
  const range = selection.getRangeAt(0);
  let from: number;
  let to: number;
  try {
    from = documentPosition(editor, range.startContainer, range.startOffset, "start");
    to = documentPosition(editor, range.endContainer, range.endOffset, "end");
  } catch {
    return null;
  }
  if (to < from) [from, to] = [to, from];
  const quote = range.toString().replace(/\s+/g, " ").trim();
  if (!quote || to === from) return null;
  const sync = ySyncPluginKey.getState(editor.state) as { binding?: { type: Y.XmlFragment; mapping: Map<Y.AbstractType<unknown>, unknown> } } | undefined;
  if (!sync?.binding) return null;
  const relative = (pos: number) =>
    Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, sync.binding!.type, sync.binding!.mapping as never)) as Record<string, unknown>;
  return {
    from: relative(from),
    to: relative(to),
    quote: quote.length > MAX_QUOTE ? `${quote.slice(0, MAX_QUOTE - 1)}…` : quote,
    article: articleAt(editor, from),
  };
}
