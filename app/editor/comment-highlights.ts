import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/** A commented passage: the thread's id and its range as Yjs relative positions (JSON). */
export interface CommentHighlight {
  id: string;
  from: Record<string, unknown>;
  to: Record<string, unknown>;
}

export const commentHighlightsKey = new PluginKey<DecorationSet>("commentHighlights");

function decorations(state: EditorState, highlights: CommentHighlight[]): DecorationSet {
  const sync = ySyncPluginKey.getState(state) as { doc?: Y.Doc; binding?: { doc: Y.Doc; type: Y.XmlFragment; mapping: Map<unknown, unknown> } } | undefined;
  const binding = sync?.binding;
  if (!binding || highlights.length === 0) return DecorationSet.empty;
  const found: Decoration[] = [];
  for (const h of highlights) {
    try {
      const absolute = (json: Record<string, unknown>) =>
        relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(json), binding.mapping as never);
      const from = absolute(h.from);
      const to = absolute(h.to);
      // A passage deleted since the comment resolves to an empty range: nothing to underline.
      if (from !== null && to !== null && to > from && to <= state.doc.content.size)
        found.push(Decoration.inline(from, to, { class: "comment-anchor", "data-comment": h.id }));
    } catch {
      // An anchor that no longer resolves (its text was removed) is simply not shown.
    }
  }
  return DecorationSet.create(state.doc, found);
}

/**
 * Underlines the passages that comment threads are anchored to. The anchors are Yjs relative positions, resolved
 * against the live document after every change, so the underline follows concurrent edits.
 */
export const CommentHighlights = Extension.create<{ highlights: () => CommentHighlight[] }>({
  name: "commentHighlights",
  addOptions() {
    return { highlights: () => [] };
  },
  addProseMirrorPlugins() {
    const read = this.options.highlights;
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => decorations(state, read()),
          apply: (tr, previous, _old, state) =>
            tr.docChanged || tr.getMeta(commentHighlightsKey) ? decorations(state, read()) : previous.map(tr.mapping, tr.doc),
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state),
        },
      }),
    ];
  },
});
