import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffBlocks, diffSide, wordDiff, type DiffPart } from "./diff";

describe("wordDiff", () => {
  it.each([
    ["a b c", "a b c", [{ op: "same", text: "a b c" }]],
    ["a c", "a b c", [{ op: "same", text: "a " }, { op: "added", text: "b " }, { op: "same", text: "c" }]],
    ["a b c", "a c", [{ op: "same", text: "a " }, { op: "removed", text: "b " }, { op: "same", text: "c" }]],
    ["30 %", "35 %", [{ op: "removed", text: "30" }, { op: "added", text: "35" }, { op: "same", text: " %" }]],
    ["", "nouveau", [{ op: "added", text: "nouveau" }]],
  ])("%j → %j", (a, b, expected) => {
    expect(wordDiff(a, b)).toEqual(expected);
  });

  it("gives back both texts exactly", () => {
    const words = fc.array(fc.constantFrom("le", "bailleur", "flux", "30 %", " ", "\n", "réservataire"), { maxLength: 30 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(words, words, (a, b) => {
        const parts = wordDiff(a, b);
        return diffSide(parts, "before") === a && diffSide(parts, "after") === b;
      }),
    );
  });
});

describe("diffBlocks", () => {
  const same = (text: string): DiffPart => ({ op: "same", text });
  const removed = (text: string): DiffPart => ({ op: "removed", text });
  const added = (text: string): DiffPart => ({ op: "added", text });
  const before = "Répartition 2026\nLigne | Part | Volume\nPréfet | 30,00 % | 253\nAction Logement | 20,00 % | 168\nLe bailleur garde le reste.";
  const after = "Répartition 2026\nLigne | Part | Volume\nPréfet | 30,00 % | 260\nAction Logement | 20,00 % | 168\nCommune | 5,00 % | 40\nLe bailleur garde tout le reste.";

  it("lays a table's lines out as rows of cells, a changed figure in its cell, an added row as a row of its own", () => {
    expect(diffBlocks(wordDiff(before, after))).toEqual([
      { kind: "paragraph", parts: [same("Répartition 2026")] },
      {
        kind: "table",
        rows: [
          [[same("Ligne")], [same("Part")], [same("Volume")]],
          [[same("Préfet")], [same("30,00 %")], [removed("253"), added("260")]],
          [[same("Action Logement")], [same("20,00 %")], [same("168")]],
          [[added("Commune")], [added("5,00 %")], [added("40")]],
        ],
      },
      { kind: "paragraph", parts: [same("Le bailleur garde "), added("tout "), same("le reste.")] },
    ]);
  });

  it("keeps a removed row apart from an added paragraph, and a row whose cells changed in number as two rows", () => {
    expect(diffBlocks(wordDiff("A | 1\nB | 2", "A | 1\nB | 2 | 3\nFin."))).toEqual([
      {
        kind: "table",
        rows: [[[same("A")], [same("1")]], [[removed("B")], [removed("2")]], [[added("B")], [added("2")], [added("3")]]],
      },
      { kind: "paragraph", parts: [added("Fin.")] },
    ]);
  });

  it("shows, per side, exactly the text of that side", () => {
    // One side's text: its paragraphs, and its rows (a row with no cell on that side belongs to the other side only).
    const side = (blocks: ReturnType<typeof diffBlocks>, other: "removed" | "added") => {
      const text = (parts: DiffPart[]) => parts.filter((p) => p.op !== other).map((p) => p.text).join("");
      return blocks
        .flatMap((block) =>
          block.kind === "paragraph"
            ? [text(block.parts)]
            : block.rows.filter((row) => row.some((cell) => text(cell) !== "")).map((row) => row.map(text).join(" | ")),
        )
        .filter((line) => line !== "")
        .join("\n");
    };
    const blocks = diffBlocks(wordDiff(before, after));
    expect(side(blocks, "added")).toBe(before);
    expect(side(blocks, "removed")).toBe(after);
  });
});
