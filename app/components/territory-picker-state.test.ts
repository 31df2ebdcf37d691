import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { territoryFromForm } from "~/domain/territory/form";
import { MAX_TERRITORY_COMMUNES } from "~/domain/territory/limits";
import { TerritorySchema } from "~/domain/territory/schema";
import type { TerritorySuggestion } from "~/domain/territory/search";
import {
  initialPickerState,
  pickerFormFields,
  pickerHandlesKey,
  pickerReducer,
  type PickerAction,
  type PickerState,
} from "./territory-picker-state";

const BLAGNAC: TerritorySuggestion = { kind: "commune", code: "31069", label: "Blagnac (31069)", detail: "Commune · Haute-Garonne · Toulouse Métropole" };
const CUGNAUX: TerritorySuggestion = { kind: "commune", code: "31157", label: "Cugnaux (31157)", detail: "Commune · Haute-Garonne · Toulouse Métropole" };
const METROPOLE: TerritorySuggestion = { kind: "epci", code: "243100518", label: "Toulouse Métropole", detail: "EPCI · 37 communes · Haute-Garonne" };
const HAUTE_GARONNE: TerritorySuggestion = { kind: "departement", code: "31", label: "Haute-Garonne (31)", detail: "Département · 586 communes" };

const run = (actions: PickerAction[], from: PickerState = initialPickerState()) => actions.reduce(pickerReducer, from);

/** Types a query and receives its suggestions, as the component does once the debounce has passed. */
function searched(query: string, suggestions: TerritorySuggestion[], from: PickerState = initialPickerState()): PickerState {
  const typed = pickerReducer(from, { type: "typed", query });
  return pickerReducer(typed, { type: "received", requestId: typed.requestId, suggestions });
}

describe("typing and receiving suggestions", () => {
  it("asks for suggestions from two characters on, and announces how many came back", () => {
    const one = run([{ type: "typed", query: "b" }]);
    expect(one).toMatchObject({ status: "idle", requestId: 0, open: false });
    const two = pickerReducer(one, { type: "typed", query: "bl" });
    expect(two).toMatchObject({ status: "loading", requestId: 1 });
    const received = pickerReducer(two, { type: "received", requestId: 1, suggestions: [BLAGNAC, CUGNAUX] });
    expect(received).toMatchObject({ open: true, activeIndex: -1, status: "ready", suggestions: [BLAGNAC, CUGNAUX] });
    expect(received.announcement).toBe("2 suggestions. Flèches haut et bas pour les parcourir, Entrée pour choisir.");
    expect(searched("bla", [BLAGNAC]).announcement).toBe("1 suggestion. Flèche bas pour la sélectionner, Entrée pour la choisir.");
    const none = searched("zzz", []);
    expect(none).toMatchObject({ open: false, announcement: "Aucun territoire ne correspond à « zzz »." });
  });

  it("drops an answer to an older query (the user kept typing)", () => {
    const first = run([{ type: "typed", query: "to" }]);
    const second = pickerReducer(first, { type: "typed", query: "tou" });
    const late = pickerReducer(second, { type: "received", requestId: first.requestId, suggestions: [BLAGNAC] });
    expect(late).toBe(second);
    expect(pickerReducer(second, { type: "failed", requestId: first.requestId, message: "x" })).toBe(second);
  });

  it("says why the search failed", () => {
    const typed = run([{ type: "typed", query: "to" }]);
    expect(pickerReducer(typed, { type: "failed", requestId: typed.requestId, message: "La recherche n'a pas abouti." })).toMatchObject({
      status: "error",
      open: false,
      announcement: "La recherche n'a pas abouti.",
    });
  });
});

describe("keyboard", () => {
  const ready = searched("to", [METROPOLE, BLAGNAC, CUGNAUX]);

  it("moves the active option with Up and Down, wrapping around", () => {
    expect(run([{ type: "key", key: "ArrowDown" }], ready).activeIndex).toBe(0);
    expect(run([{ type: "key", key: "ArrowUp" }], ready).activeIndex).toBe(2);
    expect(run(Array.from({ length: 4 }, () => ({ type: "key", key: "ArrowDown" }) as const), ready).activeIndex).toBe(0);
    expect(run([{ type: "key", key: "ArrowDown" }, { type: "key", key: "ArrowUp" }], ready).activeIndex).toBe(2);
  });

  it("reopens a closed list with Down on the first option, Up on the last", () => {
    const closed = run([{ type: "key", key: "Escape" }], ready);
    expect(closed).toMatchObject({ open: false, query: "to" });
    expect(run([{ type: "key", key: "ArrowDown" }], closed)).toMatchObject({ open: true, activeIndex: 0 });
    expect(run([{ type: "key", key: "ArrowUp" }], closed)).toMatchObject({ open: true, activeIndex: 2 });
  });

  it("closes with Escape, then clears the text with a second Escape", () => {
    const cleared = run([{ type: "key", key: "Escape" }, { type: "key", key: "Escape" }], ready);
    expect(cleared).toMatchObject({ query: "", open: false, suggestions: [] });
  });

  it("chooses the active option with Enter, and only then takes Enter from the form", () => {
    expect(pickerHandlesKey(ready, "Enter")).toBe(false);
    expect(run([{ type: "key", key: "Enter" }], ready)).toBe(ready);
    const active = run([{ type: "key", key: "ArrowDown" }], ready);
    expect(pickerHandlesKey(active, "Enter")).toBe(true);
    const chosen = run([{ type: "key", key: "Enter" }], active);
    expect(chosen.selection).toEqual({ kind: "epci", item: { code: "243100518", label: "Toulouse Métropole" } });
    expect(chosen).toMatchObject({ query: "", open: false, focus: { target: "input" }, announcement: "EPCI choisi : Toulouse Métropole." });
    expect(pickerHandlesKey(chosen, "ArrowDown")).toBe(false);
    expect(pickerHandlesKey(ready, "Tab")).toBe(false);
  });
});

describe("selection", () => {
  it("builds a list of communes, refusing a duplicate, and replaces a département or EPCI by it", () => {
    let state = run([{ type: "choose", index: 0 }], searched("haute", [HAUTE_GARONNE]));
    expect(state.selection).toEqual({ kind: "departement", item: { code: "31", label: "Haute-Garonne (31)" } });
    state = run([{ type: "choose", index: 0 }], searched("bla", [BLAGNAC], state));
    expect(state.selection).toEqual({ kind: "communes", items: [{ code: "31069", label: "Blagnac (31069)" }] });
    expect(state.announcement).toBe("Blagnac (31069) ajoutée. La liste de communes remplace Haute-Garonne (31). 1 commune dans la liste.");
    state = run([{ type: "choose", index: 0 }], searched("cug", [CUGNAUX], state));
    expect(state.announcement).toBe("Cugnaux (31157) ajoutée. 2 communes dans la liste.");
    const again = run([{ type: "choose", index: 0 }], searched("bla", [BLAGNAC], state));
    expect(again.selection).toEqual(state.selection);
    expect(again.announcement).toBe("Blagnac (31069) figure déjà dans la liste.");
  });

  it("removes a chip and hands the focus to its neighbour, or to the text box once the list is empty", () => {
    let state = run([{ type: "choose", index: 0 }], searched("bla", [BLAGNAC]));
    state = run([{ type: "choose", index: 0 }], searched("cug", [CUGNAUX], state));
    const first = run([{ type: "remove", code: "31069" }], state);
    expect(first.selection).toEqual({ kind: "communes", items: [{ code: "31157", label: "Cugnaux (31157)" }] });
    expect(first).toMatchObject({ focus: { target: "chip", index: 0 }, announcement: "Blagnac (31069) retirée. 1 commune dans la liste." });
    expect(run([{ type: "remove", code: "31157" }], state).focus).toEqual({ target: "chip", index: 0 });
    const empty = run([{ type: "remove", code: "31157" }], first);
    expect(empty).toMatchObject({ selection: null, focus: { target: "input" }, announcement: "Cugnaux (31157) retirée. Aucun territoire choisi." });
    expect(run([{ type: "focused" }], empty).focus).toBeNull();
    const epci = run([{ type: "choose", index: 0 }], searched("tou", [METROPOLE]));
    expect(run([{ type: "remove", code: "243100518" }], epci)).toMatchObject({ selection: null, announcement: "Territoire retiré : Toulouse Métropole. Aucun territoire choisi." });
  });

  it("stops at the commune limit with a French explanation", () => {
    const items = Array.from({ length: MAX_TERRITORY_COMMUNES }, (_, i) => ({ code: String(10_000 + i), label: `C${i}` }));
    const full = initialPickerState({ kind: "communes", items });
    const refused = run([{ type: "choose", index: 0 }], searched("bla", [BLAGNAC], full));
    expect(refused.selection).toEqual(full.selection);
    expect(refused.announcement).toContain(`déjà ${MAX_TERRITORY_COMMUNES} communes`);
  });

  it("posts hidden fields that the server's schema reads back as the same territory (property)", () => {
    const suggestion = fc.oneof(
      fc.constantFrom(HAUTE_GARONNE, METROPOLE),
      fc.integer({ min: 10_000, max: 10_040 }).map((n): TerritorySuggestion => ({ kind: "commune", code: String(n), label: `Commune ${n}`, detail: "Commune" })),
    );
    const step = fc.oneof(
      suggestion.map((s) => ({ choose: s })),
      fc.integer({ min: 10_000, max: 10_040 }).map((n) => ({ remove: String(n) })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let state = initialPickerState();
        for (const s of steps) state = "choose" in s ? run([{ type: "choose", index: 0 }], searched("xx", [s.choose], state)) : run([{ type: "remove", code: s.remove }], state);
        const form = new FormData();
        for (const [name, value] of pickerFormFields(state.selection)) form.append(name, value);
        const parsed = TerritorySchema.safeParse(territoryFromForm(form));
        if (state.selection === null) expect(parsed.success).toBe(false);
        else {
          expect(parsed.success).toBe(true);
          const expected = state.selection.kind === "communes"
            ? { communes: state.selection.items.map((i) => i.code).sort() }
            : state.selection.kind === "epci" ? { epci: state.selection.item.code } : { departement: state.selection.item.code };
          expect(parsed.data).toEqual(expected);
          if (state.selection.kind === "communes") expect(new Set(state.selection.items.map((i) => i.code)).size).toBe(state.selection.items.length);
        }
      }),
      { seed: 20_260_101, numRuns: 300 },
    );
  });
});
