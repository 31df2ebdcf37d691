import type * as Y from "yjs";
import { validateOptionValue, type ConventionIssue } from "~/domain/convention";
import { DOC_KEYS, type ConventionState, type OptionValue } from "~/domain/convention/state";
import type { ConventionTemplate } from "~/domain/convention/template-schema";

export type EditResult = { ok: true } | { ok: false; message: string };

function firstMessage(issues: ConventionIssue[]): EditResult {
  return issues.length ? { ok: false, message: issues[0].message } : { ok: true };
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
