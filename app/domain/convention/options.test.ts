import { describe, expect, it } from "vitest";
import { actionLogement } from "../../../templates/action-logement";
import { epciMultipartite } from "../../../templates/epci-multipartite";
import { prefectoral } from "../../../templates/prefectoral";
import { NNBSP } from "../format";
import {
  OPTION_CATALOGUE,
  coherenceIssues,
  currentOptionValue,
  defaultOptionValue,
  validateConventionState,
  validateOptionValue,
} from "./options";
import type { ConventionState } from "./state";
import { OptionDefinitionSchema, TemplateSchema } from "./template-schema";
import { termsIssues } from "../perimeter/terms";
import { HOLDER, exampleParties, exampleState } from "./test-fixtures";

const al = TemplateSchema.parse(actionLogement);
const multi = TemplateSchema.parse(epciMultipartite);
const prefet = TemplateSchema.parse(prefectoral);
const [bailleur, prefetParty, alParty] = exampleParties();
const alState = (): ConventionState => exampleState(al, { parties: [bailleur, alParty] });
const codes = (issues: { code: string }[]) => issues.map((issue) => issue.code);

describe("OPTION_CATALOGUE", () => {
  it("holds valid option definitions", () => {
    for (const option of Object.values(OPTION_CATALOGUE)) expect(OptionDefinitionSchema.safeParse(option).success).toBe(true);
  });

  it("gives the default choice with its figures", () => {
    const mixte = OptionDefinitionSchema.parse({ ...OPTION_CATALOGUE.gestion_action_logement, default: "mixte" });
    expect(defaultOptionValue(mixte)).toEqual({ choice: "mixte", params: { requalification: "0.30" } });
    expect(defaultOptionValue(OptionDefinitionSchema.parse(OPTION_CATALOGUE.decompte))).toEqual({ choice: "mise_a_disposition" });
  });

  it("reads the document's value, then the template's default", () => {
    const state = alState();
    delete state.options.decompte;
    expect(currentOptionValue(al, "decompte", state)).toEqual({ choice: "mise_a_disposition" });
    state.options.decompte = { choice: "attribution" };
    expect(currentOptionValue(al, "decompte", state)).toEqual({ choice: "attribution" });
    expect(currentOptionValue(al, "inconnue", state)).toBeUndefined();
  });
});

describe("mixed management of Action Logement", () => {
  const mixte = (requalification?: string) => ({ choice: "mixte", ...(requalification === undefined ? {} : { params: { requalification } }) });

  it("refuses a requalification of 25 % with a French message", () => {
    const issues = validateOptionValue(al, "gestion_action_logement", mixte("0.25"), alState());
    expect(issues).toEqual([
      {
        path: "options.gestion_action_logement.params.requalification",
        code: "REQUALIFICATION_INSUFFISANTE",
        message: `Gestion mixte d'Action Logement : la part du flux annuel requalifiée hors AL'in doit être d'au moins 30${NNBSP}% (valeur proposée : 25${NNBSP}%). En deçà, le référentiel interbailleurs ne reconnaît pas la gestion mixte.`,
      },
    ]);
  });

  it.each(["0.30", "0.3", "0,30", "30 %", "0.45", "1"])("accepts %s", (value) => {
    expect(validateOptionValue(al, "gestion_action_logement", mixte(value), alState())).toEqual([]);
  });

  it("refuses 29,99 %, a missing, unreadable or out-of-range share", () => {
    expect(codes(validateOptionValue(al, "gestion_action_logement", mixte("0.2999")))).toEqual(["REQUALIFICATION_INSUFFISANTE"]);
    expect(codes(validateOptionValue(al, "gestion_action_logement", mixte()))).toEqual(["OPTION_PARAMETRE_MANQUANT"]);
    expect(codes(validateOptionValue(al, "gestion_action_logement", mixte("beaucoup")))).toEqual(["OPTION_PARAMETRE_INVALIDE"]);
    const tooHigh = validateOptionValue(al, "gestion_action_logement", mixte("1.5"));
    expect(codes(tooHigh)).toEqual(["OPTION_PARAMETRE_HORS_BORNES"]);
    expect(tooHigh[0].message).toContain(`compris entre 30${NNBSP}% et 100${NNBSP}%`);
  });

  it("refuses it in the whole state too, and accepts directe without figures", () => {
    const state = alState();
    state.options.gestion_action_logement = mixte("0.25");
    expect(codes(validateConventionState(state, al))).toEqual(["REQUALIFICATION_INSUFFISANTE"]);
    state.options.gestion_action_logement = { choice: "directe" };
    expect(validateConventionState(state, al)).toEqual([]);
  });
});

describe("choices", () => {
  it("refuses an unknown option, an unknown choice and a malformed value", () => {
    expect(codes(validateOptionValue(prefet, "gestion_action_logement", { choice: "directe" }))).toEqual(["OPTION_INCONNUE"]);
    const unknown = validateOptionValue(prefet, "decompte", { choice: "au_hasard" });
    expect(unknown[0].code).toBe("OPTION_CHOIX_INCONNU");
    expect(unknown[0].message).toContain("« mise_a_disposition », « attribution », « signature_bail », « entree_dans_les_lieux »");
    expect(codes(validateOptionValue(prefet, "decompte", "attribution"))).toEqual(["OPTION_CHOIX_INCONNU"]);
  });

  it.each(["mise_a_disposition", "attribution", "signature_bail", "entree_dans_les_lieux"])("accepts the décompte event %s", (choice) => {
    expect(validateOptionValue(prefet, "decompte", { choice })).toEqual([]);
  });

  it("states the refusals rule with entrée dans les lieux", () => {
    const clause = OPTION_CATALOGUE.decompte.choices.find((c) => c.value === "entree_dans_les_lieux")?.clause;
    expect(clause).toMatch(/refuse une proposition adaptée/);
  });
});

describe("coherenceIssues", () => {
  it("asks the droits-de-suite option to match Action Logement's terms", () => {
    const state = alState();
    state.options.droits_de_suite = { choice: "transformation" };
    expect(codes(coherenceIssues(state, al))).toEqual(["DROITS_DE_SUITE_INCOHERENTS"]);
    state.flux!.bailleurs[0].terms.droitsDeSuite = { [HOLDER.al]: { programmes: [{ id: "P1", droitsDeSuite: 40, end: "2030-12-31" }] } };
    expect(coherenceIssues(state, al)).toEqual([]);
    expect(validateConventionState(state, al)).toEqual([]);
    state.options.droits_de_suite = { choice: "assiette" };
    expect(codes(coherenceIssues(state, al))).toEqual(["DROITS_DE_SUITE_INCOHERENTS"]);
  });
});

describe("préfet caps on negotiated shares (termsIssues)", () => {
  const holders = exampleState(multi).flux!.holders;
  const terms = (shares: Record<string, string>) => ({ deductions: null, shares, droitsDeSuite: {} });

  it("accepts 25 % + 5 %", () => {
    expect(termsIssues(terms({ [HOLDER.prio]: "0.25", [HOLDER.fonct]: "0.05" }), holders)).toEqual([]);
  });

  it("refuses fonctionnaires above 5 %", () => {
    expect(termsIssues(terms({ [HOLDER.fonct]: "0.06" }), holders)).toEqual([
      { path: "shares", message: "La part négociée des agents de l'État (6 %) dépasse le plafond légal de 5 % du flux annuel (art. R. 441-5 du CCH)." },
    ]);
  });

  it("refuses both préfet lines above 30 %", () => {
    const issues = termsIssues(terms({ [HOLDER.prio]: "0.27", [HOLDER.fonct]: "0.05" }), holders);
    expect(issues.map((i) => i.message)).toEqual(["Les parts négociées du préfet totalisent 32 % du flux annuel : le plafond légal est de 30 % (art. R. 441-5 du CCH)."]);
  });

  it("refuses negotiated shares above the whole flux, and a holder of no rights on the territory", () => {
    expect(termsIssues(terms({ [HOLDER.al]: "0.9", [HOLDER.muret]: "0.2" }), holders)[0].message).toMatch(/totalisent 110 % du flux/);
    expect(termsIssues(terms({ "commune:inconnue": "0.1" }), holders)[0].path).toBe("shares.commune:inconnue");
  });
});

describe("validateConventionState", () => {
  it("reports invalid meta and parameters with paths, and says where the flux figures are set", () => {
    const state = alState();
    state.meta = { ...state.meta, startDate: "01/01/2026" };
    state.parameters = { signaturePlace: "" } as ConventionState["parameters"];
    (state.parameters as Record<string, unknown>).rotationRate = "5";
    const issues = validateConventionState(state, al);
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ["meta.startDate", "META_INVALIDE"],
      ["parameters.rotationRate", "PARAMETRES_INVALIDES"],
      ["parameters.signaturePlace", "PARAMETRES_INVALIDES"],
    ]);
    expect(issues[1].message).toMatch(/le taux de rotation vient de l'état des lieux ou des données de rotation du bailleur/);
  });

  it("refuses a party the template does not provide for, and another template's state", () => {
    const state = exampleState(al, { parties: [bailleur, alParty, prefetParty] });
    const issues = validateConventionState(state, al);
    expect(codes(issues)).toContain("PARTIE_NON_PREVUE");
    expect(codes(validateConventionState(exampleState(prefet, { parties: [bailleur, prefetParty] }), al))).toContain("MODELE_DIFFERENT");
  });
});
