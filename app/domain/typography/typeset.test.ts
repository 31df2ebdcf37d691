import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { APOSTROPHE as Q, NBHYPHEN as H, NBSP as S, NNBSP as N } from "./characters";
import { frenchText, typeset, typesetPieces } from "./typeset";

describe("punctuation spaces", () => {
  it.each([
    ["Article 3 : objet", `Article${S}3${N}: objet`],
    ["les délais ; la suite", `les délais${N}; la suite`],
    ["Attention !", `Attention${N}!`],
    ["Pourquoi ?", `Pourquoi${N}?`],
    ["Note: suite", `Note${N}: suite`],
    ["Attention!", `Attention${N}!`],
    ["fin;", `fin${N};`],
    [`Note${S}: suite`, `Note${N}: suite`],
    ["Quoi ?!", `Quoi${N}?!`],
    ["« en flux »", `«${N}en flux${N}»`],
    ["«en flux»", `«${N}en flux${N}»`],
    ["«  en flux  »", `«${N}en flux${N}»`],
  ])("%j → %j", (input, expected) => expect(frenchText(input)).toBe(expected));

  it("collapses double spaces, keeping the strongest no-break space of a run", () => {
    expect(frenchText("le  flux   annuel")).toBe("le flux annuel");
    expect(frenchText(`14 ${N}476`)).toBe(`14${N}476`);
  });

  it.each([
    ["rendez-vous à 12:30", "rendez-vous à 12:30"],
    ["un ratio de 1:2", "un ratio de 1:2"],
    ["voir https://www.legifrance.gouv.fr/a?b=1 : texte", `voir https://www.legifrance.gouv.fr/a?b=1${N}: texte`],
    ["écrire à contact@conflux.fr ; merci", `écrire à contact@conflux.fr${N}; merci`],
    ["la variable option:decompte reste", "la variable option:decompte reste"],
    ["la variable {{flux.total}} ; suite", `la variable {{flux.total}}${N}; suite`],
    ["le code `a ;b` ici", "le code `a ;b` ici"],
  ])("leaves times, ratios, links, addresses and code alone: %j", (input, expected) => expect(frenchText(input)).toBe(expected));
});

describe("apostrophes", () => {
  it("turns elisions into the typographic apostrophe", () => {
    expect(frenchText("l'assiette d'Action Logement, aujourd'hui, qu'il")).toBe(`l${Q}assiette d${Q}Action Logement, aujourd${Q}hui, qu${Q}il`);
  });

  it("leaves links, file names, code and quotes of code alone", () => {
    expect(frenchText("https://exemple.fr/l'avis et `l'id` et 'mot'")).toBe("https://exemple.fr/l'avis et `l'id` et 'mot'");
  });
});

describe("legal references and numbers of texts", () => {
  it.each([
    ["l'article R. 441-5", `l${Q}article${S}R.${S}441${H}5`],
    ["L. 441-1", `L.${S}441${H}1`],
    ["R.441-5-2", `R.${S}441${H}5${H}2`],
    ["D. 331-1", `D.${S}331${H}1`],
    ["le décret n° 2020-145 du 20 février 2020", `le décret n°${S}2020${H}145 du 20${S}février 2020`],
    ["N°2018-1021", `N°${S}2018${H}1021`],
    ["articles 3 et 4", `articles${S}3${S}et 4`],
  ])("%j → %j", (input, expected) => expect(frenchText(input)).toBe(expected));

  it("does not take an initial and a year for a reference", () => {
    expect(frenchText("M. R. Dupont")).toBe("M. R. Dupont");
  });
});

describe("numbers and units", () => {
  it.each([
    ["4,9 %", `4,9${N}%`],
    ["27,22%", `27,22${N}%`],
    [`30${S}%`, `30${N}%`],
    ["100 €", `100${S}€`],
    ["14 476 logements", `14${N}476${S}logements`],
    ["1 234 567 euros", `1${N}234${N}567${S}euros`],
    ["6 ans", `6${S}ans`],
    ["843,50 attributions", `843,50${S}attributions`],
    ["le 1er janvier", `le 1er${S}janvier`],
    ["au 31 décembre 2026", `au 31${S}décembre 2026`],
  ])("%j → %j", (input, expected) => expect(frenchText(input)).toBe(expected));

  it("does not group a year with the number after it, nor a decimal part", () => {
    expect(frenchText("en 2026 250 logements")).toBe(`en 2026 250${S}logements`);
    expect(frenchText("0,125 000")).toBe("0,125 000");
  });

  it("keeps nouns singular below two", () => {
    expect(frenchText("0 logements")).toBe(`0${S}logement`);
    expect(frenchText("1 logements sociaux")).toBe(`1${S}logement social`);
    expect(frenchText("1,5 logements")).toBe(`1,5${S}logement`);
    expect(frenchText("1 droits uniques et 0 ans")).toBe(`1${S}droit unique et 0${S}an`);
    expect(frenchText("2 logements, 10 logements, 1 043 logements")).toBe(`2${S}logements, 10${S}logements, 1${N}043${S}logements`);
  });
});

describe("ordinals", () => {
  it("sets the letters of an ordinal apart as a superscript segment", () => {
    expect(typeset("le 1er janvier, la 1re fois, le 2e alinéa")).toEqual([
      { text: "le 1" },
      { text: "er", superscript: true },
      { text: `${S}janvier, la 1` },
      { text: "re", superscript: true },
      { text: `${S}fois, le 2` },
      { text: "e", superscript: true },
      { text: `${S}alinéa` },
    ]);
  });

  it("respells the old forms", () => {
    expect(frenchText("le 2ème alinéa, la 1ère fois, les 3èmes")).toBe(`le 2e${S}alinéa, la 1re${S}fois, les 3es`);
  });

  it("finds no ordinal inside a fingerprint, a number or a link", () => {
    for (const text of ["045d3e8298ba30f6", "3e8", "https://exemple.fr/2e-partie", "12e5"]) {
      expect(typeset(text).some((segment) => segment.superscript), text).toBe(false);
    }
  });
});

describe("prepositions before names", () => {
  it.each([
    ["de Action Logement Services", `d${Q}Action Logement Services`],
    ["De Action Logement", `D${Q}Action Logement`],
    ["de EPCI", `d${Q}EPCI`],
    ["de Habitat 31", `d${Q}Habitat 31`],
    ["de Haute-Garonne", "de Haute-Garonne"],
    ["de onze logements", "de onze logements"],
    ["de le Nord", "du Nord"],
    ["de les Hauts-de-Seine", "des Hauts-de-Seine"],
    ["à le Département", "au Département"],
    ["à les Landes", "aux Landes"],
    ["il convient de le faire", "il convient de le faire"],
    ["dans le département de Haute-Garonne (31)", "dans le département de la Haute-Garonne (31)"],
    ["département de Ain", `département de l${Q}Ain`],
    ["département de Landes", "département des Landes"],
    ["département de Nord", "département du Nord"],
    ["département de Paris", "département de Paris"],
    ["département de Eure-et-Loir", `département d${Q}Eure-et-Loir`],
    ["département de la Haute-Garonne", "département de la Haute-Garonne"],
  ])("%j → %j", (input, expected) => expect(frenchText(input)).toBe(expected));
});

describe("pieces of a paragraph", () => {
  it("typesets across the seams and gives each character back to its piece", () => {
    const pieces = ["La convention de ", "Action Logement Services", " vaut pour ", "0", " logements à compter du ", "1er janvier 2026", " :"];
    const result = typesetPieces(pieces);
    expect(result.map((segments) => segments.map((segment) => segment.text).join(""))).toEqual([
      `La convention d${Q}`,
      "Action Logement Services",
      " vaut pour ",
      "0",
      `${S}logement à compter du `,
      `1er${S}janvier 2026`,
      `${N}:`,
    ]);
    expect(result[5]).toEqual([{ text: "1" }, { text: "er", superscript: true }, { text: `${S}janvier 2026` }]);
  });

  it("keeps a protected span whole across pieces", () => {
    const result = typesetPieces(["voir https://exemple", ".fr/l'avis ", ": ici"]);
    expect(result.map((segments) => segments.map((segment) => segment.text).join(""))).toEqual(["voir https://exemple", `.fr/l'avis${N}`, ": ici"]);
  });
});

const frenchish = fc.string({
  unit: fc.constantFrom(
    ..."ade lLRnN°1023 ,.;:!?«»'%-àéÉ".split(""),
    " ",
    S,
    N,
    "\n",
    "Action ",
    "le ",
    "les ",
    "Haute-Garonne",
    "département ",
    "logements",
    "er",
    "ème",
    "https://x.fr/",
    "{{a.b}}",
  ),
  maxLength: 40,
});

describe("properties", () => {
  it("is idempotent: typeset text stays as it is", () => {
    fc.assert(fc.property(frenchish, (text) => frenchText(frenchText(text)) === frenchText(text)), { numRuns: 2000 });
  });

  it("gives the same text however the paragraph is cut into pieces", () => {
    fc.assert(
      fc.property(fc.array(frenchish, { maxLength: 5 }), (pieces) => {
        const joined = typesetPieces(pieces)
          .flat()
          .map((segment) => segment.text)
          .join("");
        return joined === frenchText(pieces.join(""));
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves text without spaces, punctuation or digits as it was", () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-zA-Zéèàç]*$/), (word) => frenchText(word) === word));
  });
});

describe("figures already formatted", () => {
  it("are returned as they are", () => {
    for (const figure of [`14${N}476`, `27,22${N}%`, "843,00", "-3", ""]) expect(frenchText(figure)).toBe(figure);
    expect(typesetPieces([`1${N}043`, ""])).toEqual([[{ text: `1${N}043` }], []]);
  });
});
