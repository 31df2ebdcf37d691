import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

/**
 * The document schema shared by the browser editor and the server (which builds documents from templates and reads
 * them back as text). Collaboration replaces the editor's own history, so undo/redo is off here.
 */
export function baseExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: false,
      underline: false,
      code: false,
      codeBlock: false,
    }),
  ];
}
