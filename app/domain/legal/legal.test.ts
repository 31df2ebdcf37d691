import { describe, expect, it } from "vitest";
import {
  DESIGNATION_BLANK,
  SignatureBlockInputSchema,
  capitalizeFirst,
  disputeClause,
  disputeCourt,
  formatSiren,
  legalFormsFor,
  legalName,
  partyDesignation,
  signatureBlockGaps,
  signatureBlockRefusal,
  signatureHeading,
  sirenChecksumValid,
  type LegalParty,
} from "./index";

const state: LegalParty = {
  kind: "prefet",
  name: "DDETS de la Haute-Garonne",
  signatory: {
    civility: "Mme",
    name: "Nadia Ferrand",
    title: "directrice départementale de l'emploi, du travail et des solidarités",
    delegation: true,
    act: { number: "31-2025-09-01-00004", date: "2025-09-01" },
  },
};
const commune: LegalParty = {
  kind: "commune",
  name: "Ville de Blagnac",
  legal: { name: "Commune de Blagnac", form: "commune", siren: "500123450", address: "Hôtel de ville, 31700 Blagnac" },
  signatory: { civility: "M.", name: "Bernard Lacoste", title: "maire", act: { number: "2025-112", date: "2025-11-18" } },
};
const esh: LegalParty = {
  kind: "bailleur",
  name: "Garonne Habitat Solidaire",
  legal: { name: "Garonne Habitat Solidaire", form: "esh", siren: "399123454", address: "12 allée des Tilleuls, 31000 Toulouse" },
  signatory: { civility: "Mme", name: "Claire Dumas", title: "directrice générale" },
};
const al: LegalParty = {
  kind: "action_logement",
  name: "Action Logement Services",
  legal: { name: "Action Logement Services", form: "sas", siren: "777123456", address: "21 quai d'Austerlitz, 75013 Paris" },
  signatory: { civility: "Mme", name: "Sonia Benali", title: "directrice régionale Occitanie" },
};

describe("SIREN", () => {
  it("checks INSEE's key (Luhn) on nine digits and prints three groups", () => {
    expect(sirenChecksumValid("399123454")).toBe(true);
    expect(sirenChecksumValid("243100518")).toBe(true);
    expect(sirenChecksumValid("399123455")).toBe(false);
    expect(sirenChecksumValid("39912345")).toBe(false);
    expect(sirenChecksumValid("39912345a")).toBe(false);
    expect(formatSiren("399123454")).toBe("399 123 454");
  });
});

describe("SignatureBlockInputSchema", () => {
  const parse = (value: unknown) => SignatureBlockInputSchema.safeParse(value);
  const messages = (value: unknown) => {
    const result = parse(value);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")} : ${issue.message}`);
  };

  it("accepts a complete block, spaces in the SIREN, and empty fields as not yet given", () => {
    const result = parse({
      legal: { name: " Garonne Habitat Solidaire ", form: "esh", siren: "399 123 454", address: "" },
      signatory: { civility: "", name: "Claire Dumas", title: "", act: { number: "", date: "" } },
    });
    expect(result.success && result.data).toEqual({
      legal: { name: "Garonne Habitat Solidaire", form: "esh", siren: "399123454" },
      signatory: { name: "Claire Dumas", act: {} },
    });
  });

  it("refuses with a French message naming the field and the value", () => {
    expect(messages({ legal: { name: "X", form: "esh", siren: "399123455" }, signatory: {} })).toEqual([
      "legal.siren : Le numéro SIREN « 399123455 » n'est pas valide : il compte 9 chiffres, dont le dernier est une clé de contrôle (algorithme de Luhn). Vérifiez-le sur l'avis de situation INSEE.",
    ]);
    expect(messages({ signatory: { act: { date: "2025-02-30" } } })).toEqual([
      "signatory.act.date : La date de l'acte « 2025-02-30 » n'est pas valide : indiquez une date réelle au format aaaa-mm-jj (par exemple 2025-11-18).",
    ]);
    expect(messages({ signatory: { civility: "Dr" } })).toEqual(["signatory.civility : La civilité du signataire est « M. » ou « Mme »."]);
    expect(messages({ legal: { name: "", form: "sarl" }, signatory: {} })).toEqual([
      "legal.name : Indiquez la dénomination de la personne morale (1 à 200 caractères), telle qu'elle doit figurer dans la convention.",
      "legal.form : Choisissez la forme juridique dans la liste proposée (par exemple office public de l'habitat, société anonyme d'HLM, commune).",
    ]);
    expect(messages({ signatory: { name: "x".repeat(121) } })).toEqual(["signatory.name : Le nom du signataire ne peut dépasser 120 caractères."]);
    expect(parse({ signatory: {}, role: "edition" }).success).toBe(false);
  });
});

describe("signatureBlockRefusal", () => {
  const today = "2026-02-10";
  it("keeps each form to the organisations it fits, the State without identity, the delegation to the State, acts in the past", () => {
    expect(signatureBlockRefusal("commune", "Commune", { legal: { name: "X", form: "esh" }, signatory: {} }, today)).toMatchObject({
      code: "FORME_NON_PERMISE",
      field: "legal.form",
      message: "La forme juridique « société anonyme d'habitations à loyer modéré » ne convient pas à une organisation de type « Commune » : choisissez l'une de « commune ».",
    });
    expect(signatureBlockRefusal("prefet", "Préfet (DDETS)", { legal: { name: "État", form: "etat" }, signatory: {} }, today)?.code).toBe("IDENTITE_ETAT");
    expect(signatureBlockRefusal("bailleur", "Bailleur social", { signatory: { delegation: true } }, today)?.code).toBe("DELEGATION_ETAT_SEULEMENT");
    expect(signatureBlockRefusal("commune", "Commune", { signatory: { act: { date: "2026-02-11" } } }, today)).toMatchObject({
      code: "DATE_ACTE_FUTURE",
      message: "La date de la délibération (2026-02-11) est postérieure à aujourd'hui : un acte qui habilite le signataire est déjà pris.",
    });
    expect(signatureBlockRefusal("bailleur", "Bailleur social", { legal: { name: "X", form: "oph" }, signatory: { act: { date: today } } }, today)).toBeNull();
    expect(legalFormsFor("bailleur").map((form) => form.code)).toEqual(["oph", "esh", "sem", "coop_hlm"]);
  });
});

describe("signatureBlockGaps", () => {
  it("is empty for complete blocks of every kind", () => {
    for (const party of [state, commune, esh, al]) expect(signatureBlockGaps(party)).toEqual([]);
  });

  it("names each missing field in French, by kind: the arrêté for a delegated State, the délibération for a collectivité", () => {
    expect(signatureBlockGaps({ kind: "prefet", name: "DDETS", signatory: { name: "Nadia Ferrand", delegation: true } }).map((gap) => gap.label)).toEqual([
      "civilité du signataire",
      "qualité du signataire",
      "numéro de l'arrêté de délégation",
      "date de l'arrêté de délégation",
    ]);
    // The préfet signing himself needs no arrêté, and the State no legal identity.
    expect(signatureBlockGaps({ kind: "prefet", name: "DDETS", signatory: { civility: "M.", name: "Pierre Martin", title: "préfet" } })).toEqual([]);
    expect(signatureBlockGaps({ ...commune, signatory: { ...commune.signatory!, act: { number: "2025-112" } } })).toEqual([{ field: "signatory.act.date", label: "date de la délibération" }]);
    expect(signatureBlockGaps({ kind: "bailleur", name: "Habitat" }).map((gap) => gap.field)).toEqual([
      "legal.name",
      "legal.form",
      "legal.siren",
      "legal.address",
      "signatory.civility",
      "signatory.name",
      "signatory.title",
    ]);
  });
});

describe("partyDesignation", () => {
  it("names the State represented by the préfet, and by delegation the signatory with the arrêté", () => {
    expect(capitalizeFirst(partyDesignation(state, "31"))).toBe(
      "L'État, représenté par le préfet de la Haute-Garonne, et par délégation, Mme\u00A0Nadia Ferrand, directrice départementale de l'emploi, du travail et des solidarités (arrêté n° 31-2025-09-01-00004 du 1er septembre 2025)",
    );
    expect(partyDesignation({ kind: "prefet", name: "DDETS", signatory: { civility: "M.", name: "Pierre Martin", title: "Préfet de la Haute-Garonne" } }, "31")).toBe(
      "l'État, représenté par le préfet de la Haute-Garonne, M.\u00A0Pierre Martin",
    );
    expect(signatureHeading(state, "31")).toEqual(["Pour l'État", "Pour le préfet de la Haute-Garonne et par délégation"]);
    expect(partyDesignation({ kind: "prefet", name: "DDETS" }, "01")).toBe(`l'État, représenté par le préfet de l’Ain, ${DESIGNATION_BLANK}`);
  });

  it("names a commune represented by its maire, empowered by the délibération of its council", () => {
    expect(capitalizeFirst(partyDesignation(commune, "31"))).toBe(
      "La commune de Blagnac, SIREN 500 123 450, dont le siège est Hôtel de ville, 31700 Blagnac, représentée par son maire, M.\u00A0Bernard Lacoste, dûment habilité par délibération du conseil municipal n° 2025-112 du 18 novembre 2025",
    );
    const deputy = { ...commune, signatory: { ...commune.signatory!, civility: "Mme" as const, name: "Lise Roque", title: "adjointe au maire déléguée au logement" } };
    expect(partyDesignation(deputy, "31")).toContain("représentée par Mme\u00A0Lise Roque, adjointe au maire déléguée au logement, dûment habilitée par délibération");
    expect(legalName(commune)).toBe("la commune de Blagnac");
  });

  it("names an EPCI and a company with their form, SIREN, registered office and representative", () => {
    const metropole: LegalParty = {
      kind: "epci",
      name: "Toulouse Métropole",
      legal: { name: "Toulouse Métropole", form: "metropole", siren: "243100518", address: "6 rue René Leduc, 31000 Toulouse" },
      signatory: { civility: "M.", name: "Henri Castex", title: "président", act: { number: "DEL-25-0871", date: "2025-12-11" } },
    };
    expect(partyDesignation(metropole, "31")).toBe(
      "Toulouse Métropole, SIREN 243 100 518, dont le siège est 6 rue René Leduc, 31000 Toulouse, représentée par son président, M.\u00A0Henri Castex, dûment habilité par délibération du conseil de la métropole n° DEL-25-0871 du 11 décembre 2025",
    );
    expect(partyDesignation(esh, "31")).toBe(
      "Garonne Habitat Solidaire, société anonyme d'habitations à loyer modéré, SIREN 399 123 454, dont le siège est 12 allée des Tilleuls, 31000 Toulouse, représentée par Mme\u00A0Claire Dumas, directrice générale",
    );
    const oph: LegalParty = { ...esh, legal: { ...esh.legal!, name: "Haute-Garonne Habitat", form: "oph" }, signatory: { civility: "M.", name: "Yves Rolland", title: "directeur général" } };
    expect(partyDesignation(oph, "31")).toContain("Haute-Garonne Habitat, office public de l'habitat, SIREN 399 123 454, dont le siège est 12 allée des Tilleuls, 31000 Toulouse, représenté par M.\u00A0Yves Rolland");
  });

  it("prints dotted blanks for what a party has not given yet, and its portal name without a legal one", () => {
    expect(partyDesignation({ kind: "bailleur", name: "Habitat 31" }, "31")).toBe(
      `Habitat 31, ${DESIGNATION_BLANK}, SIREN ${DESIGNATION_BLANK}, dont le siège est ${DESIGNATION_BLANK}, représenté par ${DESIGNATION_BLANK}, ${DESIGNATION_BLANK}`,
    );
    expect(partyDesignation({ ...commune, signatory: undefined }, "31")).toContain(`dûment habilité par délibération du conseil municipal n° ${DESIGNATION_BLANK} du ${DESIGNATION_BLANK}`);
  });
});

describe("disputeCourt and disputeClause", () => {
  it("goes to the administrative court with a public person, to the judicial one between private persons, after an amicable step", () => {
    expect(disputeCourt([esh, state])?.court).toBe("administratif");
    expect(disputeCourt([esh, al])).toEqual({ court: "judiciaire", publicParties: [] });
    expect(disputeCourt([{ ...esh, legal: { ...esh.legal!, form: "oph" } }, al])?.court).toBe("administratif");
    // An undeclared form decides nothing unless a public person is already there; Action Logement is private by law.
    expect(disputeCourt([{ kind: "bailleur", name: "Habitat" }, al])).toBeUndefined();
    expect(disputeCourt([esh, { kind: "action_logement", name: "Action Logement Services" }])?.court).toBe("judiciaire");
    expect(disputeClause([{ kind: "bailleur", name: "Habitat" }, al])).toMatch(/juridiction territorialement compétente, administrative si une personne publique est partie à la convention, judiciaire sinon\.$/);
    expect(disputeCourt([{ kind: "bailleur", name: "Habitat" }, commune])?.court).toBe("administratif");
    expect(disputeClause([esh, state, commune])).toMatch(
      /^Tout différend .* recherche d'accord amiable .* tribunal administratif territorialement compétent, la convention étant un contrat administratif : l'État et la commune de Blagnac y sont parties en qualité de personnes publiques\.$/,
    );
    expect(disputeClause([esh, al])).toMatch(/tribunal judiciaire territorialement compétent, aucune des parties n'étant une personne publique\.$/);
  });
});
