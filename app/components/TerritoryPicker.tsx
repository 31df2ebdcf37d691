import { useEffect, useId, useReducer, useRef, type KeyboardEvent } from "react";
import type { Territory } from "~/domain/territory/schema";
import type { TerritorySuggestion } from "~/domain/territory/search";
import {
  initialPickerState,
  KIND_LABELS,
  pickedTerritory,
  pickerFormFields,
  pickerHandlesKey,
  pickerReducer,
  type PickedTerritory,
} from "./territory-picker-state";
import "./territory-picker.css";

/** Pause after the last keystroke before asking the server: one request per word typed, not per letter. */
const DEBOUNCE_MS = 180;

export interface TerritoryPickerProps {
  /** Prefix of the hidden fields (`territory.kind`, `territory.code`, `territory.communes`). */
  name?: string;
  label?: string;
  /** Only suggest what lies in this département. */
  departement?: string;
  defaultValue?: PickedTerritory | null;
  /** The server's French message for this field, shown under it. */
  error?: string;
  onChange?: (territory: Territory | null) => void;
}

/**
 * Chooses a convention's territory: a département, an EPCI or a list of communes, searched by name or code through
 * GET /api/territoires. WAI-ARIA 1.2 combobox (listbox popup, aria-activedescendant); the behaviour is the reducer
 * of territory-picker-state.ts.
 */
export function TerritoryPicker(props: TerritoryPickerProps) {
  const { name, label = "Territoire", departement, defaultValue = null, error, onChange } = props;
  const [state, dispatch] = useReducer(pickerReducer, defaultValue, initialPickerState);
  const base = useId();
  const ids = { input: `${base}-input`, hint: `${base}-hint`, listbox: `${base}-listbox`, error: `${base}-error`, option: (i: number) => `${base}-option-${i}` };
  const input = useRef<HTMLInputElement>(null);
  const chips = useRef<(HTMLButtonElement | null)[]>([]);

  const { requestId, status, query } = state;
  useEffect(() => {
    if (status !== "loading") return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ q: query.trim() });
      if (departement) params.set("departement", departement);
      try {
        const response = await fetch(`/api/territoires?${params}`, { signal: controller.signal, headers: { accept: "application/json" } });
        const body = (await response.json()) as { suggestions?: TerritorySuggestion[]; message?: string };
        if (response.ok && body.suggestions) dispatch({ type: "received", requestId, suggestions: body.suggestions });
        else dispatch({ type: "failed", requestId, message: body.message ?? "La recherche de territoires a échoué." });
      } catch {
        if (!controller.signal.aborted) dispatch({ type: "failed", requestId, message: "La recherche n'a pas abouti : vérifiez votre connexion, puis réessayez." });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // One request per query: requestId changes exactly when a new query is worth sending.
  }, [requestId]);

  useEffect(() => {
    if (!state.focus) return;
    const target = state.focus.target === "input" ? input.current : chips.current[state.focus.index];
    target?.focus();
    dispatch({ type: "focused" });
  }, [state.focus]);

  const selected = pickedTerritory(state.selection);
  const selectedKey = JSON.stringify(selected);
  const reported = useRef(selectedKey);
  useEffect(() => {
    if (reported.current === selectedKey) return;
    reported.current = selectedKey;
    onChange?.(selected);
    // `selected` is rebuilt each render; its JSON says when it really changed.
  }, [selectedKey]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!pickerHandlesKey(state, event.key)) return;
    event.preventDefault();
    dispatch({ type: "key", key: event.key });
  }

  function onChipKeyDown(event: KeyboardEvent<HTMLButtonElement>, code: string) {
    if (event.key !== "Delete" && event.key !== "Backspace") return;
    event.preventDefault();
    dispatch({ type: "remove", code });
  }

  const items = state.selection === null ? [] : state.selection.kind === "communes" ? state.selection.items : [state.selection.item];
  const kindLabel = state.selection?.kind === "departement" ? KIND_LABELS.departement : state.selection?.kind === "epci" ? KIND_LABELS.epci : KIND_LABELS.commune;
  const active = state.open && state.activeIndex >= 0 ? ids.option(state.activeIndex) : undefined;
  const describedBy = [ids.hint, error ? ids.error : null].filter(Boolean).join(" ");

  return (
    <div className="territory-picker">
      <label htmlFor={ids.input}>{label}</label>
      <p id={ids.hint} className="territory-hint">
        Un département, un EPCI ou une ou plusieurs communes : tapez un nom ou un code (31, SIREN, code INSEE).
      </p>
      {items.length > 0 ? (
        <ul className="territory-chips" aria-label={`${label} choisi`}>
          {items.map((item, index) => (
            <li key={item.code} className="territory-chip">
              <span className="territory-chip-kind">{kindLabel}</span> {item.label}
              <button
                type="button"
                ref={(element) => {
                  chips.current[index] = element;
                }}
                className="territory-chip-remove"
                aria-label={`Retirer ${item.label}`}
                onClick={() => dispatch({ type: "remove", code: item.code })}
                onKeyDown={(event) => onChipKeyDown(event, item.code)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="territory-combobox">
        <input
          ref={input}
          id={ids.input}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={state.open}
          aria-controls={ids.listbox}
          aria-activedescendant={active}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          value={state.query}
          onChange={(event) => dispatch({ type: "typed", query: event.target.value })}
          onKeyDown={onKeyDown}
          onBlur={() => dispatch({ type: "close" })}
        />
        <ul id={ids.listbox} role="listbox" aria-label={`Suggestions : ${label.toLowerCase()}`} className="territory-listbox" hidden={!state.open}>
          {state.suggestions.map((suggestion, index) => (
            <li
              key={`${suggestion.kind}:${suggestion.code}`}
              id={ids.option(index)}
              role="option"
              aria-selected={index === state.activeIndex}
              className="territory-option"
              // Keeps the focus in the text box: a click must not blur it (which would close the list first).
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => dispatch({ type: "choose", index })}
            >
              <span className="territory-option-label">{suggestion.label}</span>
              <span className="territory-option-detail">{suggestion.detail}</span>
            </li>
          ))}
        </ul>
      </div>
      {state.status === "error" || (state.status === "ready" && state.suggestions.length === 0) ? (
        <p className="territory-status">{state.announcement}</p>
      ) : null}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {state.announcement}
      </div>
      {pickerFormFields(state.selection, name).map(([field, value], index) => (
        <input key={`${field}-${index}`} type="hidden" name={field} value={value} />
      ))}
      {error ? (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
