import { getSchema, type JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { baseExtensions } from "../editor/extensions";
import { BODY_FRAGMENT } from "./document";
import { readConventionData, replaceConventionData, type ClientData, type ServerData } from "./state";

let schema: ReturnType<typeof getSchema> | undefined;
export const editorSchema = () => (schema ??= getSchema(baseExtensions()));

/** Writes a ProseMirror JSON body into a document's body fragment (which must be empty). */
export function writeBody(doc: Y.Doc, content: JSONContent) {
  prosemirrorJSONToYXmlFragment(editorSchema(), content, doc.getXmlFragment(BODY_FRAGMENT));
}

/** Encodes a ProseMirror JSON document (and optionally the convention's data) as the first Yjs update of a convention. */
export function documentToUpdate(content: JSONContent, data?: Partial<ClientData & ServerData>): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    writeBody(doc, content);
    if (data) replaceConventionData(doc, data);
  });
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

export { readConventionData };
