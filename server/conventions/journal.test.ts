// The journal's reading of a transaction on its own (no server): blocks inserted or removed are placed under the
// article whose heading precedes them, in a body long enough that a whole-body scan would show.
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { DOC_KEYS } from "../../app/domain/convention/state";
import type { AuditInput } from "../../app/models/audit.server";
import { EditJournal } from "./journal";

function heading(articleId: string, title: string) {
  const h = new Y.XmlElement("heading");
  h.setAttribute("section", "article");
  h.setAttribute("articleId", articleId);
  h.insert(0, [new Y.XmlText(title)]);
  return h;
}
function paragraph(text: string) {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

const author = { userId: "u1", organisationId: "o1" };

async function journalOf(edit: (body: Y.XmlFragment) => void) {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment(DOC_KEYS.body);
  const blocks: Y.XmlElement[] = [];
  for (let a = 1; a <= 40; a++) {
    blocks.push(heading(`a${a}`, `Titre ${a}`));
    for (let p = 0; p < 5; p++) blocks.push(paragraph(`Alinéa ${p} de l'article ${a}.`));
  }
  body.insert(0, blocks);
  const written: AuditInput[] = [];
  const journal = new EditJournal({ windowMs: 60_000, write: async (events) => void written.push(...events) });
  journal.open("c1", doc);
  doc.on("afterTransaction", (transaction: Y.Transaction) => {
    if (transaction.origin === "client") journal.note("c1", doc, transaction, author);
  });
  doc.transact(() => edit(body), "client");
  await journal.close();
  return written.map((e) => e.details as { places: { id: string; number: number }[]; edits: number });
}

describe("the journal of live edits, read from transactions", () => {
  it("places an inserted block under its article", async () => {
    // Heading of article 7 is block 36; its paragraphs 37–41.
    const [event] = await journalOf((body) => body.insert(39, [paragraph("Nouvel alinéa.")]));
    expect(event.places.map((p) => [p.id, p.number])).toEqual([["a7", 7]]);
  });

  it("places a removed block under its article, and an edit inside a block under its own", async () => {
    const [event] = await journalOf((body) => {
      body.delete(6 * 30 + 2, 1); // a paragraph of article 31
      ((body.get(6 * 2 + 1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Ajout. "); // article 3
    });
    expect(event.places.map((p) => p.id).sort()).toEqual(["a3", "a31"]);
  });

  it("does not record an empty paragraph inserted alone", async () => {
    expect(await journalOf((body) => body.insert(10, [new Y.XmlElement("paragraph")]))).toEqual([]);
  });
});
