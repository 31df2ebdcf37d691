import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { rotationSourceText } from "~/domain/convention/blocks";
import { partyHolders } from "~/domain/convention/scenario";
import { frenchText } from "~/domain/typography";
import type { ConventionState, OptionValue } from "~/domain/convention/state";
import type { ConventionTemplate, OptionDefinition } from "~/domain/convention/template-schema";
import { formatRational } from "~/domain/flux/decimal";
import { RateStringSchema } from "~/domain/flux/schema";
import { formatShare } from "~/domain/format";
import { NO_DEDUCTIONS, type Deductions, type FluxTerms } from "~/domain/perimeter/apportionment";
import type { BailleurInputs } from "~/domain/perimeter/inputs";
import type { RotationData } from "~/domain/perimeter/rotation";
import { RotationDataSchema } from "~/domain/perimeter/rotation-schema";
import { termsIssues } from "~/domain/perimeter/terms";
import { holderLabel } from "~/domain/perimeter/view";
import { updateOption, type EditResult } from "~/editor/convention-edits";
import type { LiveConvention } from "~/editor/live-state";
import { parseCount, percentToShare, shareToPercent } from "~/lib/decimal-input";

/** A field that commits on blur or Enter, shows the French reason in place when the value is refused. */
function CommitField(props: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  suffix?: string;
  commit: (text: string) => EditResult | Promise<EditResult>;
}) {
  const { id, label, value, disabled, suffix, commit } = props;
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The value last received and the text in the field, to tell a value being typed from the one received.
  const received = useRef(value);
  const typed = useRef(draft);
  typed.current = draft;
  useEffect(() => {
    const before = received.current;
    received.current = value;
    // A new value (another party's change, or the echo of this person's previous one) replaces the text unless the
    // person is typing another value in the field: the echo of a save must not wipe what was typed since.
    if (document.activeElement === input.current && typed.current !== before) return;
    setDraft(value);
    setError(null);
  }, [value]);
  const apply = async () => {
    if (draft === value) return;
    const r = await commit(draft);
    setError(r.ok ? null : r.message);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          ref={input}
          id={id}
          value={draft}
          disabled={disabled}
          inputMode="decimal"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void apply()}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void apply();
            }
          }}
        />
        {suffix ? <span className="suffix">{suffix}</span> : null}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A JSON write to the server (same origin, session cookie): its French refusal, or ok. */
async function putJson(url: string, body: unknown): Promise<EditResult> {
  try {
    const response = await fetch(url, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (response.ok) return { ok: true };
    const payload = (await response.json().catch(() => null)) as { message?: string } | null;
    return { ok: false, message: payload?.message ?? `Le serveur a refusé la modification (${response.status}).` };
  } catch {
    return { ok: false, message: "Le serveur est injoignable : la modification n'a pas été enregistrée." };
  }
}

const DEDUCTIONS: [keyof Deductions, string][] = [
  ["mutations", "Mutations internes prévues"],
  ["anru", "Relogements ANRU / NPNRU"],
  ["orcod", "Relogements ORCOD"],
  ["lhi", "Relogements LHI"],
  ["ventes", "Relogements liés aux ventes"],
];

const EMPTY_ROTATION_DATA: RotationData = {
  releases: { total: 0, students: 0, specific: 0, mutations: 0, anru: 0, orcod: 0, lhi: 0 },
  stock: { total: 0, students: 0, specific: 0, sale: 0, demolition: 0 },
};

const RELEASES: [keyof RotationData["releases"], string][] = [
  ["total", "Logements libérés"],
  ["students", "dont logements étudiants"],
  ["specific", "dont logements spécifiques"],
  ["mutations", "dont mutations internes"],
  ["anru", "dont relogements ANRU"],
  ["orcod", "dont relogements ORCOD"],
  ["lhi", "dont relogements LHI"],
];
const STOCK: [keyof RotationData["stock"], string][] = [
  ["total", "Parc au 31 décembre"],
  ["students", "dont logements étudiants"],
  ["specific", "dont logements spécifiques"],
  ["sale", "dont logements en vente"],
  ["demolition", "dont logements à démolir"],
];

const countOf = (text: string): number | null => parseCount(text);
const COUNT_REFUSED: EditResult = { ok: false, message: "Saisissez un nombre entier de logements, sans décimale (par exemple 120)." };

/** The bailleur's rotation data of year n-1, entered once for the département and the year (its members only). */
function RotationDataForm(props: { bailleur: BailleurInputs; departement: string; year: number }) {
  const { bailleur, departement, year } = props;
  const [data, setData] = useState<RotationData>(bailleur.rotation.data ?? EMPTY_ROTATION_DATA);
  const [message, setMessage] = useState<EditResult | null>(null);
  useEffect(() => setData(bailleur.rotation.data ?? EMPTY_ROTATION_DATA), [bailleur.rotation.data]);
  const field = (group: "releases" | "stock", key: string, label: string) => {
    const id = `rotation-${bailleur.id}-${group}-${key}`;
    const value = (data[group] as Record<string, number>)[key];
    return (
      <div className="field" key={id}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          inputMode="numeric"
          defaultValue={String(value)}
          onChange={(e) => {
            const n = countOf(e.target.value);
            if (n !== null) setData((d) => ({ ...d, [group]: { ...d[group], [key]: n } }));
          }}
        />
      </div>
    );
  };
  const save = async () => {
    const checked = RotationDataSchema.safeParse(data);
    if (!checked.success) return setMessage({ ok: false, message: checked.error.issues[0].message });
    setMessage(await putJson("/api/rotation-data", { departement, year, data: checked.data }));
  };
  return (
    <fieldset className="subpanel">
      <legend>Données de rotation {year - 1} (département {departement})</legend>
      <p className="muted small">Saisies une fois pour le département et l'année, elles servent à toutes vos conventions {year}.</p>
      {RELEASES.map(([key, label]) => field("releases", key, label))}
      {STOCK.map(([key, label]) => field("stock", key, label))}
      <button type="button" onClick={() => void save()}>
        Enregistrer les données de rotation
      </button>
      {message ? (
        <p className={message.ok ? "notice" : "field-error"} role={message.ok ? "status" : "alert"}>
          {message.ok ? "Données de rotation enregistrées." : message.message}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * The data behind each bailleur's flux table: where its rate comes from, its forecast deductions and the negotiated
 * shares. They are shared by every convention of the same bailleur, territory and year, so they are written to the
 * server (which checks them again) and come back to every participant through the document.
 */
export function FluxDataPanel(props: { conventionId: string; live: LiveConvention; me: { organisationId: string }; editable: boolean }) {
  const { conventionId, live, me, editable } = props;
  const state = live.state;
  const flux = live.flux;
  if (!state || !state.flux || !flux) return null;
  const inputs = state.flux;
  const url = `/api/conventions/${conventionId}/flux-terms`;
  return (
    <section className="panel" aria-labelledby="flux-data-title">
      <h3 id="flux-data-title" className="panel-title">Données du flux</h3>
      {flux.tables.map((table) => {
        const b = inputs.bailleurs.find((candidate) => candidate.id === table.bailleur.id)!;
        const mine = me.organisationId === b.id;
        const terms = b.terms;
        const deductions = terms.deductions ?? NO_DEDUCTIONS;
        const writeTerms = (patch: Record<string, unknown>, next: FluxTerms): Promise<EditResult> | EditResult => {
          const issues = termsIssues(next, inputs.holders);
          if (issues.length > 0) return { ok: false, message: issues[0].message };
          return putJson(url, { bailleurId: b.id, ...patch });
        };
        return (
          <div key={b.id} className="subpanel" data-bailleur={b.id}>
            <h4 className="subhead">{b.name}</h4>
            {table.missing.map((m) => (
              <p key={m} className="notice" role="status">
                {m}
              </p>
            ))}
            {table.rotation && table.rotation.source !== "manquant" ? (
              <p className="small">
                Taux de rotation : <strong>{table.calculation ? formatShare(formatRational(table.calculation.rotationRate)) : "—"}</strong> —{" "}
                {rotationSourceText(table, state.meta.year)}.
              </p>
            ) : null}
            {mine && editable ? <RotationDataForm bailleur={b} departement={state.meta.departement} year={state.meta.year} /> : null}
            {b.status === "pret" ? (
              <>
                <h5 className="subhead">Déductions prévisionnelles {state.meta.year}</h5>
                {!terms.deductions ? <p className="muted small">Non saisies : zéro est retenu.</p> : null}
                {DEDUCTIONS.map(([key, label]) => (
                  <CommitField
                    key={key}
                    id={`deduction-${b.id}-${key}`}
                    label={label}
                    value={String(deductions[key])}
                    disabled={!editable || !mine}
                    commit={(text) => {
                      const n = countOf(text);
                      if (n === null) return COUNT_REFUSED;
                      const next = { ...deductions, [key]: n };
                      return writeTerms({ deductions: next }, { ...terms, deductions: next });
                    }}
                  />
                ))}
                <h5 className="subhead">Parts négociées</h5>
                <p className="muted small">Vide : la part découle des logements réservés de l'état des lieux sur le territoire.</p>
                {partyHolders(state).map((holder) => (
                  <CommitField
                    key={holder.key}
                    id={`share-${b.id}-${holder.key}`}
                    label={holderLabel(holder)}
                    suffix="%"
                    value={shareToPercent(terms.shares[holder.key])}
                    disabled={!editable || !(mine || me.organisationId === holder.organisationId)}
                    commit={(text) => {
                      if (text.trim() === "") {
                        const { [holder.key]: _removed, ...rest } = terms.shares;
                        return writeTerms({ shares: { [holder.key]: null } }, { ...terms, shares: rest });
                      }
                      const share = percentToShare(text);
                      if (share === null) return { ok: false, message: "Saisissez un pourcentage, par exemple 12,5, ou laissez vide." };
                      const checked = RateStringSchema.safeParse(share);
                      if (!checked.success) return { ok: false, message: `Part refusée : ${checked.error.issues[0].message}.` };
                      return writeTerms({ shares: { [holder.key]: share } }, { ...terms, shares: { ...terms.shares, [holder.key]: share } });
                    }}
                  />
                ))}
              </>
            ) : null}
            {table.outcome && !table.outcome.ok ? (
              <p className="field-error" role="alert">
                {table.outcome.issues.map((i) => i.message).join(" ")}
              </p>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

function OptionEditor(props: { doc: Y.Doc; state: ConventionState; template: ConventionTemplate; option: OptionDefinition; editable: boolean }) {
  const { doc, state, template, option, editable } = props;
  const current: OptionValue = state.options[option.key] ?? { choice: option.default };
  const choice = option.choices.find((c) => c.value === current.choice);
  const [error, setError] = useState<string | null>(null);
  const apply = (value: OptionValue) => {
    const r = updateOption(doc, state, template, option.key, value);
    setError(r.ok ? null : r.message);
    return r;
  };
  return (
    <div className="option" data-option={option.key}>
      <label htmlFor={`option-${option.key}`}>{frenchText(option.label)}</label>
      <select
        id={`option-${option.key}`}
        value={current.choice}
        disabled={!editable}
        onChange={(e) => {
          const next = option.choices.find((c) => c.value === e.target.value);
          const params = Object.fromEntries((next?.params ?? []).filter((pa) => pa.default).map((pa) => [pa.key, pa.default!]));
          apply({ choice: e.target.value, ...(Object.keys(params).length ? { params } : {}) });
        }}
      >
        {option.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {frenchText(c.label)}
          </option>
        ))}
      </select>
      {(choice?.params ?? []).map((param) => (
        <CommitField
          key={param.key}
          id={`option-${option.key}-${param.key}`}
          label={param.label}
          suffix={param.kind === "rate" ? "%" : undefined}
          value={param.kind === "rate" ? shareToPercent(current.params?.[param.key] ?? param.default) : (current.params?.[param.key] ?? "")}
          disabled={!editable}
          commit={(text) => {
            const value = param.kind === "rate" ? percentToShare(text) : text.trim();
            if (value === null) return { ok: false, message: "Saisissez un pourcentage, par exemple 30." };
            return apply({ choice: current.choice, params: { ...current.params, [param.key]: value } });
          }}
        />
      ))}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function OptionsPanel(props: { doc: Y.Doc; live: LiveConvention; template?: ConventionTemplate; editable: boolean }) {
  const { doc, live, template, editable } = props;
  const state = live.state;
  if (!state || !template) return null;
  const kinds = new Set(state.parties.map((p) => p.kind));
  const options = template.options.filter((o) => !o.appliesTo || o.appliesTo.some((k) => kinds.has(k)));
  return (
    <section className="panel" aria-labelledby="options-title">
      <h3 id="options-title" className="panel-title">Options</h3>
      {options.map((o) => (
        <OptionEditor key={o.key} doc={doc} state={state} template={template} option={o} editable={editable} />
      ))}
    </section>
  );
}

export function RefusalsNotice({ live }: { live: LiveConvention }) {
  const entries = Object.values(live.refusals);
  if (entries.length === 0) return null;
  const latest = entries.sort((a, b) => b.at.localeCompare(a.at))[0];
  return (
    <p className="notice" role="alert">
      Modification refusée par le serveur : {latest.message}
    </p>
  );
}
