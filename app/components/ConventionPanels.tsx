import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { ROTATION_METHOD_LABELS } from "~/domain/convention/labels";
import { frenchText } from "~/domain/typography";
import type { ConventionParameters, ConventionState, OptionValue } from "~/domain/convention/state";
import type { ConventionTemplate, OptionDefinition } from "~/domain/convention/template-schema";
import { updateLineShare, updateOption, updateParameters, type EditResult } from "~/editor/convention-edits";
import type { LiveConvention } from "~/editor/live-state";
import { parseCount, percentToShare, shareToPercent } from "~/lib/decimal-input";

/** A field that commits on blur or Enter, shows the French reason in place when the value is refused. */
function CommitField(props: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  suffix?: string;
  commit: (text: string) => EditResult;
}) {
  const { id, label, value, disabled, suffix, commit } = props;
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(value);
    setError(null);
  }, [value]);
  const apply = () => {
    if (draft === value) return;
    const r = commit(draft);
    setError(r.ok ? null : r.message);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          value={draft}
          disabled={disabled}
          inputMode="decimal"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              apply();
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

const DEDUCTIONS: [keyof ConventionParameters["deductions"], string][] = [
  ["mutations", "Mutations internes prévues"],
  ["anru", "Relogements ANRU / NPNRU"],
  ["orcod", "Relogements ORCOD"],
  ["lhi", "Relogements LHI"],
  ["ventes", "Relogements liés aux ventes"],
];

export function ParametersPanel(props: { doc: Y.Doc; live: LiveConvention; template?: ConventionTemplate; editable: boolean }) {
  const { doc, live, template, editable } = props;
  const state = live.state;
  if (!state) return null;
  const p = state.parameters;
  const edit = (patch: Partial<ConventionParameters>) => updateParameters(doc, state, template, patch);
  const countField = (text: string, apply: (n: number) => EditResult): EditResult => {
    const n = parseCount(text);
    return n === null ? { ok: false, message: "Saisissez un nombre entier de logements, sans décimale (par exemple 120)." } : apply(n);
  };
  return (
    <section className="panel" aria-labelledby="parameters-title">
      <h2 id="parameters-title">Paramètres du flux</h2>
      <div className="field">
        <label htmlFor="rotationMethod">Taux de rotation</label>
        <select
          id="rotationMethod"
          value={p.rotationMethod}
          disabled={!editable}
          onChange={(e) => edit({ rotationMethod: e.target.value as ConventionParameters["rotationMethod"] })}
        >
          {Object.entries(ROTATION_METHOD_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {p.rotationMethod === "saisi" ? (
        <CommitField
          id="rotationRate"
          label="Taux de rotation retenu"
          suffix="%"
          value={shareToPercent(p.rotationRate)}
          disabled={!editable}
          commit={(text) => {
            const share = percentToShare(text);
            if (share === null) return { ok: false, message: "Saisissez un pourcentage, par exemple 8,2." };
            if (Number(share) > 1) return { ok: false, message: "Le taux de rotation ne peut pas dépasser 100 %." };
            return edit({ rotationRate: share });
          }}
        />
      ) : (
        <>
          <CommitField
            id="releases-total"
            label="Logements libérés en n-1"
            value={String(p.releases?.total ?? "")}
            disabled={!editable}
            commit={(t) =>
              countField(t, (n) =>
                edit({ releases: { students: 0, specific: 0, mutations: 0, anru: 0, orcod: 0, lhi: 0, ...p.releases, total: n } }),
              )
            }
          />
          <CommitField
            id="stock-total"
            label="Parc au 31/12 de n-1"
            value={String(p.stock?.total ?? "")}
            disabled={!editable}
            commit={(t) => countField(t, (n) => edit({ stock: { students: 0, specific: 0, sale: 0, demolition: 0, ...p.stock, total: n } }))}
          />
        </>
      )}
      {DEDUCTIONS.map(([key, label]) => (
        <CommitField
          key={key}
          id={`deduction-${key}`}
          label={label}
          value={String(p.deductions[key])}
          disabled={!editable}
          commit={(t) => countField(t, (n) => edit({ deductions: { ...p.deductions, [key]: n } }))}
        />
      ))}
      <h3 className="subhead">Parts négociées</h3>
      <p className="muted small">Vide : la part découle des logements réservés de l'état des lieux.</p>
      {state.lines
        .filter((line) => line.method !== "droits_de_suite")
        .map((line) => (
          <CommitField
            key={line.id}
            id={`share-${line.id}`}
            label={line.label}
            suffix="%"
            value={shareToPercent(line.share)}
            disabled={!editable}
            commit={(text) => {
              if (text.trim() === "") return updateLineShare(doc, state, template, line.id, undefined);
              const share = percentToShare(text);
              if (share === null) return { ok: false, message: "Saisissez un pourcentage, par exemple 12,5, ou laissez vide." };
              if (Number(share) > 1) return { ok: false, message: "Une part ne peut pas dépasser 100 %." };
              return updateLineShare(doc, state, template, line.id, share);
            }}
          />
        ))}
      {live.flux && !live.flux.outcome.ok ? (
        <p className="field-error" role="alert">
          {live.flux.outcome.issues.map((i) => i.message).join(" ")}
        </p>
      ) : null}
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
      <h2 id="options-title">Options</h2>
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
