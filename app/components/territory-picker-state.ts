// The territory picker's behaviour as a pure reducer: what the text, the suggestions, the keyboard and the chips do
// to the selection, and what a screen reader is told. TerritoryPicker.tsx only renders this state, fetches the
// suggestions it asks for and moves the focus where it says (WAI-ARIA 1.2 combobox with a listbox popup).
import { territoryFormFields, type TerritoryFormFields } from "~/domain/territory/form";
import { MAX_TERRITORY_COMMUNES, MIN_SEARCH_QUERY_LENGTH } from "~/domain/territory/limits";
import type { Territory } from "~/domain/territory/schema";
import type { TerritorySuggestion } from "~/domain/territory/search";

export interface PickedItem {
  code: string;
  label: string;
}

/** What the user chose: one département, one EPCI, or a list of communes (each removable). */
export type PickedTerritory =
  | { kind: "departement"; item: PickedItem }
  | { kind: "epci"; item: PickedItem }
  | { kind: "communes"; items: PickedItem[] };

export interface PickerState {
  query: string;
  suggestions: TerritorySuggestion[];
  open: boolean;
  /** Index of the option under the keyboard cursor (aria-activedescendant); -1 when none. */
  activeIndex: number;
  status: "idle" | "loading" | "ready" | "error";
  /** Bumped for every query worth sending; answers to an older one are dropped. */
  requestId: number;
  selection: PickedTerritory | null;
  /** Read by screen readers through an aria-live="polite" region. */
  announcement: string;
  /** Where the component must move the focus after this change (a removed chip's neighbour, or the text box). */
  focus: { target: "input" } | { target: "chip"; index: number } | null;
}

export type PickerKey = "ArrowDown" | "ArrowUp" | "Enter" | "Escape";

export type PickerAction =
  | { type: "typed"; query: string }
  | { type: "received"; requestId: number; suggestions: TerritorySuggestion[] }
  | { type: "failed"; requestId: number; message: string }
  | { type: "key"; key: PickerKey }
  | { type: "choose"; index: number }
  | { type: "remove"; code: string }
  | { type: "close" }
  | { type: "focused" };

export const KIND_LABELS: Record<TerritorySuggestion["kind"], string> = { departement: "Département", epci: "EPCI", commune: "Commune" };

export function initialPickerState(selection: PickedTerritory | null = null): PickerState {
  return { query: "", suggestions: [], open: false, activeIndex: -1, status: "idle", requestId: 0, selection, announcement: "", focus: null };
}

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? "s" : ""}`;

function countAnnouncement(count: number, query: string): string {
  if (count === 0) return `Aucun territoire ne correspond à « ${query} ».`;
  if (count === 1) return "1 suggestion. Flèche bas pour la sélectionner, Entrée pour la choisir.";
  return `${count} suggestions. Flèches haut et bas pour les parcourir, Entrée pour choisir.`;
}

function selectionSummary(selection: PickedTerritory | null): string {
  if (selection === null) return "Aucun territoire choisi.";
  if (selection.kind !== "communes") return `Territoire choisi : ${selection.item.label}.`;
  return `${plural(selection.items.length, "commune")} dans la liste.`;
}

function choose(state: PickerState, suggestion: TerritorySuggestion): PickerState {
  const closed = { ...state, query: "", suggestions: [], open: false, activeIndex: -1, status: "idle" as const, focus: { target: "input" as const } };
  const item = { code: suggestion.code, label: suggestion.label };
  if (suggestion.kind !== "commune") {
    const selection: PickedTerritory = { kind: suggestion.kind, item };
    return { ...closed, selection, announcement: `${KIND_LABELS[suggestion.kind]} choisi : ${item.label}.` };
  }
  const items = state.selection?.kind === "communes" ? state.selection.items : [];
  if (items.some((known) => known.code === item.code)) {
    return { ...closed, announcement: `${item.label} figure déjà dans la liste.` };
  }
  if (items.length >= MAX_TERRITORY_COMMUNES) {
    return { ...closed, announcement: `La liste compte déjà ${MAX_TERRITORY_COMMUNES} communes : choisissez plutôt l'EPCI ou le département.` };
  }
  const replaced = state.selection && state.selection.kind !== "communes" ? ` La liste de communes remplace ${state.selection.item.label}.` : "";
  const selection: PickedTerritory = { kind: "communes", items: [...items, item] };
  return { ...closed, selection, announcement: `${item.label} ajoutée.${replaced} ${selectionSummary(selection)}` };
}

function remove(state: PickerState, code: string): PickerState {
  const { selection } = state;
  if (selection === null) return state;
  if (selection.kind !== "communes") {
    if (selection.item.code !== code) return state;
    return { ...state, selection: null, announcement: `Territoire retiré : ${selection.item.label}. ${selectionSummary(null)}`, focus: { target: "input" } };
  }
  const index = selection.items.findIndex((item) => item.code === code);
  if (index < 0) return state;
  const items = selection.items.filter((_, i) => i !== index);
  const next: PickedTerritory | null = items.length > 0 ? { kind: "communes", items } : null;
  const focus = items.length > 0 ? { target: "chip" as const, index: Math.min(index, items.length - 1) } : { target: "input" as const };
  return { ...state, selection: next, announcement: `${selection.items[index].label} retirée. ${selectionSummary(next)}`, focus };
}

function move(state: PickerState, key: "ArrowDown" | "ArrowUp"): PickerState {
  const count = state.suggestions.length;
  if (count === 0) return state;
  if (!state.open) return { ...state, open: true, activeIndex: key === "ArrowDown" ? 0 : count - 1 };
  const step = key === "ArrowDown" ? 1 : -1;
  const from = state.activeIndex < 0 ? (key === "ArrowDown" ? -1 : count) : state.activeIndex;
  return { ...state, activeIndex: (from + step + count) % count };
}

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case "typed": {
      if (action.query.trim().length < MIN_SEARCH_QUERY_LENGTH) {
        return { ...state, query: action.query, suggestions: [], open: false, activeIndex: -1, status: "idle", announcement: "" };
      }
      return { ...state, query: action.query, activeIndex: -1, status: "loading", requestId: state.requestId + 1 };
    }
    case "received":
      if (action.requestId !== state.requestId || state.status !== "loading") return state;
      return {
        ...state,
        suggestions: action.suggestions,
        open: action.suggestions.length > 0,
        activeIndex: -1,
        status: "ready",
        announcement: countAnnouncement(action.suggestions.length, state.query.trim()),
      };
    case "failed":
      if (action.requestId !== state.requestId || state.status !== "loading") return state;
      return { ...state, suggestions: [], open: false, activeIndex: -1, status: "error", announcement: action.message };
    case "key":
      switch (action.key) {
        case "ArrowDown":
        case "ArrowUp":
          return move(state, action.key);
        case "Enter":
          return state.open && state.activeIndex >= 0 ? choose(state, state.suggestions[state.activeIndex]) : state;
        case "Escape":
          if (state.open) return { ...state, open: false, activeIndex: -1 };
          return state.query === "" ? state : { ...state, query: "", suggestions: [], status: "idle", announcement: "" };
      }
      return state;
    case "choose":
      return action.index >= 0 && action.index < state.suggestions.length ? choose(state, state.suggestions[action.index]) : state;
    case "remove":
      return remove(state, action.code);
    case "close":
      return state.open ? { ...state, open: false, activeIndex: -1 } : state;
    case "focused":
      return state.focus === null ? state : { ...state, focus: null };
  }
}

/** Whether the component must cancel the key's default action (moving the caret, submitting the form). */
export function pickerHandlesKey(state: PickerState, key: string): key is PickerKey {
  switch (key) {
    case "ArrowDown":
    case "ArrowUp":
      return state.suggestions.length > 0;
    case "Enter":
      return state.open && state.activeIndex >= 0;
    case "Escape":
      return state.open || state.query !== "";
    default:
      return false;
  }
}

/** The chosen territory in the schema's shape, or null. */
export function pickedTerritory(selection: PickedTerritory | null): Territory | null {
  if (selection === null) return null;
  if (selection.kind === "departement") return { departement: selection.item.code };
  if (selection.kind === "epci") return { epci: selection.item.code };
  return { communes: selection.items.map((item) => item.code) };
}

/** The hidden fields a plain <Form> posts (read back by `territoryFromForm`). */
export function pickerFormFields(selection: PickedTerritory | null, prefix?: string): TerritoryFormFields {
  return territoryFormFields(pickedTerritory(selection), prefix);
}
