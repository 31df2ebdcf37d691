import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffSide, wordDiff } from "./diff";

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
