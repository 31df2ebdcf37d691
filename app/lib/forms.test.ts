import { describe, expect, it } from "vitest";
import { safeRedirect } from "./forms";

describe("safeRedirect", () => {
  it("keeps same-site absolute paths, query and fragment included", () => {
    for (const to of ["/", "/conventions/4f1c", "/conventions/4f1c?version=v2#article-3", "/recherche?q=a%20b", "/inventaires"]) {
      expect(safeRedirect(to)).toBe(to);
    }
  });

  it("refuses every way out of the site, raw or percent-decoded", () => {
    const attempts = [
      "/\t/evil.example/phish", // the reproduced one: %2F%09%2Fevil.example%2Fphish once the query is decoded
      "/%09/evil.example",
      "//evil.example",
      "/\\evil.example",
      "/%5Cevil.example",
      "/%2F/evil.example",
      "/%2f%2fevil.example",
      "/\n/evil.example",
      "/\r\nSet-Cookie: a=b",
      "/%0d%0aSet-Cookie:%20a=b",
      " /evil",
      "/ /evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil.example",
      "/\u3000/evil.example",
      "/é",
      "/%E0%A4%A",
      "",
    ];
    for (const to of attempts) expect(safeRedirect(to), JSON.stringify(to)).toBe("/");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/inventaires")).toBe("/inventaires");
  });
});
