import { useEffect, useState, type FormEvent } from "react";
import { FrenchText } from "~/components/FrenchText";
import type { PartyInfo } from "~/domain/convention/state";
import {
  CIVILITIES,
  DELIBERATING_KINDS,
  LEGAL_LIMITS,
  SignatureBlockInputSchema,
  capitalizeFirst,
  isState,
  legalFormsFor,
  partyDesignation,
  signatureBlockGaps,
} from "~/domain/legal";
import { useLiveConventionContext } from "~/editor/live-state";
import { fieldErrors, type FieldErrors } from "~/lib/forms";
import type { Role } from "~/lib/roles";

interface Props {
  conventionId: string;
  role: Role;
  signed: boolean;
  me: { organisationId: string };
}

/**
 * The parties as legal persons and their signature blocks (docs/decisions/0602-legal-persons-and-signature-blocks.md):
 * everyone reads each party's designation as the document prints it and what its block still misses; the members of a
 * party with the edition role fill in their own. Parties come from the server's mirror, so every browser follows a
 * block as soon as it is saved.
 */
export function SignatureBlockPanel({ conventionId, role, signed, me }: Props) {
  const live = useLiveConventionContext();
  const parties = live.state?.parties ?? [];
  const departement = live.state?.meta.departement ?? "";
  const mine = parties.find((party) => party.id === me.organisationId);
  return (
    <section className="panel" aria-labelledby="signature-blocks-title">
      <h2 id="signature-blocks-title">Blocs de signature</h2>
      <ul className="parties">
        {parties.map((party) => {
          const gaps = signatureBlockGaps(party);
          return (
            <li key={party.id} data-testid={`signature-block-${party.id}`}>
              <FrenchText text={capitalizeFirst(partyDesignation(party, departement))} />
              <br />
              {gaps.length === 0 ? (
                <span className="muted">Bloc complet.</span>
              ) : (
                <span className="field-error">
                  <FrenchText text={`À compléter par ${party.name} : ${gaps.map((gap) => gap.label).join(", ")}.`} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {mine && role === "edition" && !signed ? (
        <SignatureBlockForm key={mine.id} conventionId={conventionId} party={mine} />
      ) : mine && !signed ? (
        <p className="muted">Votre rôle ne permet pas de remplir le bloc de signature de votre organisation : demandez au pilote le rôle « Édition ».</p>
      ) : null}
    </section>
  );
}

type Fields = Record<string, string>;

function initialFields(party: PartyInfo): Fields {
  const forms = legalFormsFor(party.kind);
  return {
    legalName: party.legal?.name ?? party.name,
    legalForm: party.legal?.form ?? forms[0]?.code ?? "",
    siren: party.legal?.siren ?? "",
    address: party.legal?.address ?? "",
    civility: party.signatory?.civility ?? "",
    name: party.signatory?.name ?? "",
    title: party.signatory?.title ?? "",
    delegation: party.signatory?.delegation ? "oui" : "",
    actNumber: party.signatory?.act?.number ?? "",
    actDate: party.signatory?.act?.date ?? "",
  };
}

/** The request body of PUT …/signature-block from the form's fields (empty fields: not filled in yet). */
function payloadOf(party: PartyInfo, fields: Fields) {
  const state = isState(party.kind);
  const act = state ? fields.delegation === "oui" : DELIBERATING_KINDS.includes(party.kind);
  return {
    ...(state ? {} : { legal: { name: fields.legalName, form: fields.legalForm, siren: fields.siren, address: fields.address } }),
    signatory: {
      civility: fields.civility,
      name: fields.name,
      title: fields.title,
      ...(state ? { delegation: fields.delegation === "oui" } : {}),
      ...(act ? { act: { number: fields.actNumber, date: fields.actDate } } : {}),
    },
  };
}

// Server and schema paths of each field, to show a message next to the input it concerns.
const FIELD_PATHS: Record<string, string> = {
  legalName: "legal.name",
  legalForm: "legal.form",
  siren: "legal.siren",
  address: "legal.address",
  civility: "signatory.civility",
  name: "signatory.name",
  title: "signatory.title",
  delegation: "signatory.delegation",
  actNumber: "signatory.act.number",
  actDate: "signatory.act.date",
};

function SignatureBlockForm({ conventionId, party }: { conventionId: string; party: PartyInfo }) {
  const [fields, setFields] = useState<Fields>(() => initialFields(party));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Another member of the same party may save meanwhile: a saved block that changes refills an untouched form.
  const saved = JSON.stringify(initialFields(party));
  const [baseline, setBaseline] = useState(saved);
  useEffect(() => {
    if (saved !== baseline) {
      setBaseline(saved);
      setFields((current) => (JSON.stringify(current) === baseline ? (JSON.parse(saved) as Fields) : current));
    }
  }, [saved, baseline]);

  const state = isState(party.kind);
  const deliberating = DELIBERATING_KINDS.includes(party.kind);
  const showAct = state ? fields.delegation === "oui" : deliberating;
  const actLabel = state ? "de l'arrêté de délégation" : "de la délibération qui autorise la signature";
  const set = (key: string) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));
  const errorOf = (key: string) => errors[FIELD_PATHS[key]];
  const input = (key: string, label: string, options: { type?: string; maxLength?: number; hint?: string } = {}) => (
    <div className="field">
      <label htmlFor={`sig-${key}`}>{label}</label>
      <input
        id={`sig-${key}`}
        type={options.type ?? "text"}
        value={fields[key]}
        maxLength={options.maxLength}
        onChange={set(key)}
        aria-invalid={errorOf(key) ? true : undefined}
        aria-describedby={errorOf(key) ? `sig-${key}-error` : undefined}
      />
      {options.hint ? <span className="muted">{options.hint}</span> : null}
      {errorOf(key) ? (
        <p id={`sig-${key}-error`} className="field-error">
          {errorOf(key)}
        </p>
      ) : null}
    </div>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = payloadOf(party, fields);
    const parsed = SignatureBlockInputSchema.safeParse(payload);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setMessage("Le bloc de signature contient des erreurs : voyez les champs signalés.");
      return;
    }
    setSaving(true);
    try {
      const response = await fetch(`/api/conventions/${conventionId}/parties/${party.id}/signature-block`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
      const body = (await response.json().catch(() => null)) as { message?: string; field?: string | null; errors?: { field: string | null; message: string }[] } | null;
      if (!response.ok) {
        const next: FieldErrors = {};
        for (const error of body?.errors ?? (body?.field ? [{ field: body.field, message: body.message ?? "" }] : [])) if (error.field) next[error.field] ??= error.message;
        setErrors(next);
        setMessage(body?.message ?? "Enregistrement refusé.");
        return;
      }
      setErrors({});
      setMessage("Bloc de signature enregistré.");
      setBaseline(JSON.stringify(fields));
    } catch {
      setMessage("Le serveur est injoignable : le bloc de signature n'a pas été enregistré.");
    } finally {
      setSaving(false);
    }
  };

  return (
    <form aria-label={`Bloc de signature de ${party.name}`} onSubmit={(event) => void submit(event)} noValidate>
      <h3>Votre bloc de signature</h3>
      {state ? (
        <p className="muted">L’État est représenté par le préfet du département ; indiquez qui signe et, s’il signe par délégation, l’arrêté qui la lui donne.</p>
      ) : (
        <fieldset>
          <legend>Personne morale (commune à toutes les conventions de votre organisation)</legend>
          {input("legalName", "Dénomination", { maxLength: LEGAL_LIMITS.nameMax })}
          <div className="field">
            <label htmlFor="sig-legalForm">Forme juridique</label>
            <select id="sig-legalForm" value={fields.legalForm} onChange={set("legalForm")}>
              {legalFormsFor(party.kind).map((form) => (
                <option key={form.code} value={form.code}>
                  {form.label}
                </option>
              ))}
            </select>
            {errorOf("legalForm") ? <p className="field-error">{errorOf("legalForm")}</p> : null}
          </div>
          {input("siren", "Numéro SIREN", { hint: "9 chiffres, par exemple 412 345 674." })}
          {input("address", "Adresse du siège", { maxLength: LEGAL_LIMITS.addressMax })}
        </fieldset>
      )}
      <fieldset>
        <legend>Signataire pour cette convention</legend>
        <div className="field">
          <label htmlFor="sig-civility">Civilité</label>
          <select id="sig-civility" value={fields.civility} onChange={set("civility")}>
            <option value="">—</option>
            {CIVILITIES.map((civility) => (
              <option key={civility} value={civility}>
                {civility}
              </option>
            ))}
          </select>
          {errorOf("civility") ? <p className="field-error">{errorOf("civility")}</p> : null}
        </div>
        {input("name", "Prénom et nom", { maxLength: LEGAL_LIMITS.personMax })}
        {input("title", "Qualité", { maxLength: LEGAL_LIMITS.titleMax, hint: state ? "Par exemple : directrice départementale de l’emploi, du travail et des solidarités." : deliberating ? "Par exemple : maire, président." : "Par exemple : directeur général." })}
        {state ? (
          <label className="choice">
            <input type="checkbox" checked={fields.delegation === "oui"} onChange={(event) => setFields((current) => ({ ...current, delegation: event.target.checked ? "oui" : "" }))} />
            Signe pour le préfet et par délégation
          </label>
        ) : null}
        {showAct ? (
          <>
            {input("actNumber", `Numéro ${actLabel}`, { maxLength: LEGAL_LIMITS.actNumberMax })}
            {input("actDate", `Date ${actLabel}`, { type: "date" })}
          </>
        ) : null}
      </fieldset>
      <button type="submit" disabled={saving}>
        Enregistrer le bloc de signature
      </button>
      {message ? (
        <p className={Object.keys(errors).length > 0 || !message.endsWith("enregistré.") ? "field-error" : "muted"} role="status">
          {message}
        </p>
      ) : null}
    </form>
  );
}
