import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

/**
 * Read-only text that a keyboard can still walk and select: a non-editable ProseMirror view cannot take a caret, so a
 * commentaire or lecture member could not select a passage to comment without a mouse (RGAA: every action by keyboard).
 * The view stays editable and this plugin refuses every change of the text that does not come from the Yjs binding
 * (other people's edits), and cancels input before the browser writes it into the page. The relay drops a read-only
 * socket's updates anyway (docs/ARCHITECTURE.md); this is what the person sees.
 */
export const ReadOnlyText = Extension.create<{ readOnly: () => boolean }>({
  name: "readOnlyText",
  addOptions() {
    return { readOnly: () => false };
  },
  addProseMirrorPlugins() {
    const readOnly = () => this.options.readOnly();
    const refuse = (event: Event) => {
      if (!readOnly()) return false;
      event.preventDefault();
      return true;
    };
    return [
      new Plugin({
        key: new PluginKey("readOnlyText"),
        filterTransaction: (tr) => !readOnly() || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
        props: {
          handleDOMEvents: { beforeinput: (_view, event) => refuse(event), drop: (_view, event) => refuse(event) },
          handlePaste: (_view, event) => refuse(event),
        },
      }),
    ];
  },
});
