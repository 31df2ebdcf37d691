import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { holdsMore } from "./room";

describe("holdsMore", () => {
  it("tells whether another copy of a document counts an edit this one lacks", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getArray("x").push(["a1"]);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const vector = (doc: Y.Doc) => Y.encodeStateVector(doc);
    expect(holdsMore(vector(a), vector(b))).toBe(false);
    a.getArray("x").push(["a2"]);
    expect(holdsMore(vector(a), vector(b))).toBe(true);
    expect(holdsMore(vector(b), vector(a))).toBe(false);
    // Each side with an edit of its own: both have something to send.
    b.getArray("x").push(["b1"]);
    expect(holdsMore(vector(a), vector(b))).toBe(true);
    expect(holdsMore(vector(b), vector(a))).toBe(true);
  });
});
