import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../../templates";
import { RESERVATAIRE_KINDS } from "../flux/schema";
import { EXCLUSION_REASON_CODES } from "../inventory/cells";
import { CONSENSUS_LABELS as POSITIONS_MODULE_CONSENSUS, POSITIONS } from "../negotiation/positions";
import { CONVENTION_STATUSES } from "../../lib/status";
import { ORGANISATION_KINDS, ROLES } from "../../lib/roles";
import {
  AUDIT_KIND_LABELS,
  CONSENSUS_LABELS,
  LINE_KIND_LABELS,
  ORGANISATION_KIND_LABELS,
  POSITION_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  choiceLabel,
  describeAuditEvent,
  exclusionReasonLabel,
  labelOf,
  optionLabel,
  optionValueText,
  valuePathLabels,
  vocabularyCodes,
} from "./index";

describe("the vocabulary", () => {
  it("has a French label for every code of the enumerations the screens show", () => {
    for (const role of ROLES) expect(ROLE_LABELS[role]).toMatch(/^\p{Lu}/u);
    for (const kind of ORGANISATION_KINDS) expect(ORGANISATION_KIND_LABELS[kind]).toBeTruthy();
    for (const status of CONVENTION_STATUSES) expect(STATUS_LABELS[status]).toBeTruthy();
    for (const position of POSITIONS) expect(POSITION_LABELS[position]).toBeTruthy();
    for (const kind of RESERVATAIRE_KINDS) expect(LINE_KIND_LABELS[kind], kind).toBeTruthy();
    for (const reason of EXCLUSION_REASON_CODES) expect(exclusionReasonLabel(reason)).not.toBe(reason);
    // The old homes of the labels give the vocabulary's (other modules import them from there).
    expect(POSITIONS_MODULE_CONSENSUS).toBe(CONSENSUS_LABELS);
  });

  it("names every option and choice of every template as the template does", () => {
    for (const template of TEMPLATES)
      for (const option of template.options) {
        expect(optionLabel(option.key)).toBe(option.label);
        for (const choice of option.choices) expect(choiceLabel(option.key, choice.value)).toBe(choice.label);
      }
    expect(optionValueText("gestion_action_logement", { choice: "mixte", params: { requalification: "0.30" } })).toBe(
      "Gestion mixte avec requalification (Part du flux annuel requalifiée : 30\u202F%)",
    );
    expect(valuePathLabels(["options.decompte.choice", "computation.decompte", "parameters.signaturePlace", "flux"])).toEqual([
      "Fait générateur du décompte",
      "Lieu de signature",
      "Données du flux",
    ]);
  });

  it("lists its codes for the scan of screens, a label being no code", () => {
    const codes = vocabularyCodes();
    expect(codes).toEqual(expect.arrayContaining(["deleguee", "prete_pour_signature", "a_revoir", "vente", "gestion_prefet", "text", "create"]));
    expect(codes).not.toContain("Gestion déléguée au bailleur");
    expect(labelOf(STATUS_LABELS, "inconnu")).toBe("inconnu");
  });
});

describe("the journal in French", () => {
  const context = {
    articles: { objet: "Article 1 — Objet", "tableau:b1": "Tableau du flux — Garonne Habitat" },
    organisations: { o1: "Ville de Blagnac", b1: "Garonne Habitat" },
    holders: { "commune:o1": "Ville de Blagnac (Commune)" },
  };
  const say = (kind: string, details: Record<string, unknown>) => describeAuditEvent({ kind, details }, context);

  it("says each kind of event in a sentence, with its old and new values", () => {
    expect(say("position", { option: "gestion_prefet", position: "pas_d_accord", reason: "Trop tôt", condition: null }).summary).toBe(
      "Position sur « Mode de gestion du contingent préfectoral » : Pas d'accord — « Trop tôt ».",
    );
    expect(say("approval", { article: "tableau:b1" }).summary).toBe("Approbation : Tableau du flux — Garonne Habitat.");
    expect(say("approval", { article: "disparu" }).summary).toBe("Approbation : un article retiré depuis.");
    expect(say("status", { from: "brouillon", to: "en_negociation" })).toEqual({
      label: "Statut",
      summary: "Statut : Brouillon → En négociation.",
      changes: [{ what: "Statut", from: "Brouillon", to: "En négociation" }],
    });
    expect(say("version", { action: "create", number: 3, name: "Proposition", automatic: false }).summary).toBe("Version 3 enregistrée : « Proposition ».");
    expect(say("membership", { organisation: "o1", from: "commentaire", to: "edition" }).summary).toBe("Rôle de Ville de Blagnac : Commentaire → Édition.");
    expect(say("membership", { organisation: "o1", invitation: "acceptee" }).summary).toBe("Ville de Blagnac accepte d'être partie à la convention.");
    expect(say("deadline", { option: "decompte", deadline: "2026-03-15" }).summary).toBe("Échéance de « Fait générateur du décompte » fixée au 15/03/2026.");
    expect(say("inventory", { action: "etat_des_lieux_confirme", fileName: "edl.csv", year: 2026, rows: 15000 }).summary).toBe(
      "État des lieux « edl.csv » confirmé pour 2026 (15\u202F000 logements).",
    );
    expect(say("text", { places: [{ section: "article", id: "objet", number: 1, title: "Objet" }, { section: "preambule", title: "Préambule" }], edits: 12 }).summary).toBe(
      "Modification du texte : Article 1 — Objet, Préambule (12 modifications).",
    );
    expect(say("parameter", { parameter: "signaturePlace", from: null, to: "Toulouse" }).summary).toBe("Lieu de signature : non renseigné → « Toulouse ».");
  });

  it("details the flux data changed, names included", () => {
    const entry = say("flux", {
      action: "termes_flux",
      bailleur: "b1",
      before: { deductions: { mutations: 120, anru: 16, orcod: 0, lhi: 2, ventes: 6 }, shares: {}, droitsDeSuite: {} },
      after: { deductions: { mutations: 130, anru: 16, orcod: 0, lhi: 2, ventes: 6 }, shares: { "commune:o1": "0.05" }, droitsDeSuite: {} },
    });
    expect(entry.summary).toBe("Termes du flux de Garonne Habitat modifiés.");
    expect(entry.changes).toEqual([
      { what: "Mutations internes prévues", from: "120", to: "130" },
      { what: "Part négociée — Ville de Blagnac (Commune)", from: null, to: "5\u202F%" },
    ]);
  });

  it("has a sentence for every kind of the journal", () => {
    for (const kind of Object.keys(AUDIT_KIND_LABELS)) {
      const entry = describeAuditEvent({ kind, details: {} });
      expect(entry.summary, kind).toMatch(/\.$/);
      expect(entry.label).toBe(AUDIT_KIND_LABELS[kind as keyof typeof AUDIT_KIND_LABELS]);
    }
  });
});
