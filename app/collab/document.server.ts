import { getSchema, type JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { baseExtensions } from "../editor/extensions";
import { BODY_FRAGMENT } from "./document";

let schema: ReturnType<typeof getSchema> | undefined;
export const editorSchema = () => (schema ??= getSchema(baseExtensions()));

/** Encodes a ProseMirror JSON document as the first Yjs update of a convention. */
export function documentToUpdate(content: JSONContent): Uint8Array {
  const doc = prosemirrorJSONToYDoc(editorSchema(), content, BODY_FRAGMENT);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Reads the body of a Yjs document back as ProseMirror JSON. */
export function bodyAsJSON(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(BODY_FRAGMENT)) as JSONContent;
}

/** The plain text of a ProseMirror JSON node, blocks separated by newlines. */
export function plainText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  const inner = (node.content ?? []).map(plainText);
  const isBlockContainer = (node.content ?? []).some((c) => c.type !== "text" && c.type !== "hardBreak");
  return isBlockContainer ? inner.join("\n") : inner.join("");
}
