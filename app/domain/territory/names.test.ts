import { describe, expect, it } from "vitest";
import { communeLabel, communeName, communeNameWith, departementLabel, epciLabel, joinFrench, nameWithArticle } from "./names";
import { testGeography as geo } from "./test-geography";

describe("département names with their article (INSEE's TNCC)", () => {
  it.each([
    ["31", "Haute-Garonne", "la Haute-Garonne", "de la Haute-Garonne"],
    ["59", "Nord", "le Nord", "du Nord"],
    ["01", "Ain", "l'Ain", "de l'Ain"],
    ["13", "Bouches-du-Rhône", "les Bouches-du-Rhône", "des Bouches-du-Rhône"],
    ["28", "Eure-et-Loir", "Eure-et-Loir", "d'Eure-et-Loir"],
    ["974", "La Réunion", "La Réunion", "de La Réunion"],
  ])("%s: %s / %s / %s", (code, nom, article, de) => {
    expect(departementLabel(code, geo)).toBe(nom);
    expect(departementLabel(code, geo, "article")).toBe(article);
    expect(departementLabel(code, geo, "de")).toBe(de);
  });

  it("covers every TNCC, aux/las/los included", () => {
    expect(nameWithArticle("Marais", 6, "article")).toBe("aux Marais");
    expect(nameWithArticle("Marais", 6, "de")).toBe("des Marais");
    expect(nameWithArticle("Masos", 8, "de")).toBe("de los Masos");
    expect(nameWithArticle("Planes", 7, "article")).toBe("las Planes");
  });
});

describe("commune names", () => {
  it("prints a commune with its code, and contracts its own article after de", () => {
    expect(communeLabel("31069", geo)).toBe("Blagnac (31069)");
    expect(communeName("31069", geo, "de")).toBe("de Blagnac");
    expect(communeName("76351", geo, "de")).toBe("du Havre");
    expect(communeName("30011", geo, "de")).toBe("des Angles");
    expect(communeName("31561", geo, "de")).toBe("de L'Union");
    expect(communeName("32013", geo, "de")).toBe("d'Auch");
    expect(communeNameWith("La Rochelle", 3, "de")).toBe("de La Rochelle");
    expect(communeNameWith("Aux Marais", 6, "de")).toBe("des Marais");
  });

  it("names a former code after the commune it was, and returns an unknown code as is", () => {
    expect(communeLabel("01340", geo)).toBe("Saint-Bois (01340)");
    expect(communeLabel("31999", geo)).toBe("31999");
    expect(departementLabel("99", geo, "de")).toBe("99");
  });

  it("names EPCIs and joins lists the French way", () => {
    expect(epciLabel("243100518", geo)).toBe("Toulouse Métropole");
    expect(epciLabel("000000000", geo)).toBe("000000000");
    expect(joinFrench(["A"])).toBe("A");
    expect(joinFrench(["A", "B", "C"])).toBe("A, B et C");
  });
});
