// French names of départements, EPCIs and communes, with the article INSEE records for each (its TNCC): "la
// Haute-Garonne", "de la Haute-Garonne", "du Nord", "de l'Ain", "des Bouches-du-Rhône", "du Havre". Display helpers
// never throw: an unknown code comes back as the code itself (resolveTerritory is where codes are checked).
import { formatInteger } from "../format";
import type { Geography, Tncc } from "./geography";

/** `nom`: "Haute-Garonne"; `article`: "la Haute-Garonne"; `de`: "de la Haute-Garonne". */
export type NameForm = "nom" | "article" | "de";

const ARTICLES: Record<Tncc, { article: string; de: string; leading?: RegExp }> = {
  0: { article: "", de: "de " },
  1: { article: "", de: "d'" },
  2: { article: "le ", de: "du ", leading: /^Le /u },
  3: { article: "la ", de: "de la " },
  4: { article: "les ", de: "des ", leading: /^Les /u },
  5: { article: "l'", de: "de l'" },
  6: { article: "aux ", de: "des ", leading: /^Aux /u },
  7: { article: "las ", de: "de las " },
  8: { article: "los ", de: "de los " },
};

/** A name recorded without its article (départements): `("Haute-Garonne", 3, "de")` → "de la Haute-Garonne". */
export function nameWithArticle(nom: string, tncc: Tncc, form: NameForm): string {
  if (form === "nom") return nom;
  return (form === "article" ? ARTICLES[tncc].article : ARTICLES[tncc].de) + nom;
}

/**
 * A name that carries its own article (communes: "Le Havre"): only the `de` form changes, contracting le, les and
 * aux: `("Le Havre", 2, "de")` → "du Havre", `("La Rochelle", 3, "de")` → "de La Rochelle".
 */
export function communeNameWith(nom: string, tncc: Tncc, form: NameForm): string {
  if (form !== "de") return nom;
  const { leading } = ARTICLES[tncc];
  if (leading?.test(nom)) return ARTICLES[tncc].de + nom.replace(leading, "");
  return (tncc === 1 ? "d'" : "de ") + nom;
}

/** `departementLabel("31", geo)` → "Haute-Garonne"; with `form`, "la Haute-Garonne" or "de la Haute-Garonne". */
export function departementLabel(code: string, geography: Geography, form: NameForm = "nom"): string {
  const departement = geography.departements.get(code);
  return departement ? nameWithArticle(departement.nom, departement.tncc, form) : code;
}

/** The commune's name: "Blagnac"; with `form: "de"`, "de Blagnac", "du Havre". A former code gives its former name. */
export function communeName(code: string, geography: Geography, form: NameForm = "nom"): string {
  const commune = geography.communes.get(code);
  if (commune) return communeNameWith(commune.nom, commune.tncc, form);
  return geography.formerCommunes.get(code)?.nom ?? code;
}

/** "Blagnac (31069)": how the portal and the DOCX print a commune, homonyms told apart by their code. */
export function communeLabel(code: string, geography: Geography): string {
  const name = communeName(code, geography);
  return name === code ? code : `${name} (${code})`;
}

/** "Toulouse Métropole". */
export function epciLabel(siren: string, geography: Geography): string {
  return geography.epcis.get(siren)?.nom ?? siren;
}

/** "37 communes", "1 commune", with French thousands separators. */
export function communeCount(count: number): string {
  return `${formatInteger(count)} commune${count > 1 ? "s" : ""}`;
}

/** A French list: ["A"] → "A", ["A", "B", "C"] → "A, B et C". */
export function joinFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}
