import type * as Y from "yjs";
import { validateOptionValue, type ConventionIssue } from "~/domain/convention";
import { validateConventionState } from "~/domain/convention/options";
import { computeConventionFlux } from "~/domain/convention/scenario";
import { DOC_KEYS, ParametersSchema, type ConventionParameters, type ConventionState, type OptionValue } from "~/domain/convention/state";
import type { ConventionTemplate } from "~/domain/convention/template-schema";

export type EditResult = { ok: true } | { ok: false; message: string };

function firstMessage(issues: ConventionIssue[]): EditResult {
  return issues.length ? { ok: false, message: issues[0].message } : { ok: true };
}

/**
 * Changes negotiated parameters: the whole new state is validated first (schema and domain rules, the same checks the
 * server runs again), and only a valid change is written to the shared document, in one transaction.
 */
export function updateParameters(
  doc: Y.Doc,
  state: ConventionState,
  template: ConventionTemplate | undefined,
  patch: Partial<ConventionParameters>,
): EditResult {
  const next = { ...state.parameters, ...patch };
  const parsed = ParametersSchema.safeParse(next);
  if (!parsed.success) return { ok: false, message: "Valeur invalide : " + (parsed.error.issues[0]?.message ?? "") };
  if (template) {
    const issues = validateConventionState({ ...state, parameters: parsed.data }, template).filter((i) => i.path.startsWith("parameters"));
    if (issues.length) return firstMessage(issues);
  }
  doc.transact(() => {
    const map = doc.getMap(DOC_KEYS.parameters);
    for (const [k, v] of Object.entries(patch)) map.set(k, v);
  });
  return { ok: true };
}

/** Changes an option's choice or figures after checking it against the template's constraints. */
export function updateOption(
  doc: Y.Doc,
  state: ConventionState,
  template: ConventionTemplate,
  key: string,
  value: OptionValue,
): EditResult {
  const result = firstMessage(validateOptionValue(template, key, value, { ...state, options: { ...state.options, [key]: value } }));
  if (result.ok) doc.getMap(DOC_KEYS.options).set(key, value);
  return result;
}

/**
 * Sets (or, with undefined, removes) the negotiated share of one réservataire line. Refused when the lines no longer
 * validate or when the engine cannot compute the flux with it (e.g. shares above 100 %).
 */
export function updateLineShare(
  doc: Y.Doc,
  state: ConventionState,
  template: ConventionTemplate | undefined,
  lineId: string,
  share: string | undefined,
): EditResult {
  const index = state.lines.findIndex((l) => l.id === lineId);
  if (index < 0) return { ok: false, message: "Cette ligne n'existe plus dans la convention." };
  const { share: _previous, ...rest } = state.lines[index];
  const line = share === undefined ? rest : { ...rest, share };
  const lines = state.lines.map((l, i) => (i === index ? line : l));
  const next = { ...state, lines };
  if (template) {
    const issues = validateConventionState(next, template).filter((i) => i.path.startsWith("lines"));
    if (issues.length) return firstMessage(issues);
  }
  const outcome = computeConventionFlux(next).outcome;
  if (!outcome.ok && outcome.kind === "error") return { ok: false, message: outcome.issues[0].message };
  doc.transact(() => {
    const array = doc.getArray(DOC_KEYS.lines);
    array.delete(index, 1);
    array.insert(index, [line]);
  });
  return { ok: true };
}
