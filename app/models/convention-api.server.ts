import type { AppLoadContext } from "@remix-run/node";
import { getTemplate } from "../../templates";
import { extractAnnexes, extractArticles, unresolvedVariables } from "../domain/convention/articles";
import { currentOptionValue } from "../domain/convention/options";
import { computeConventionFlux } from "../domain/convention/scenario";
import type { ConventionAccess } from "./convention.server";
import { loadConventionState } from "./convention-state.server";
import { negotiationView } from "./negotiation.server";

/** The structured state of a convention for the read API (docs/api.md): the same figures the editor shows. */
export async function conventionApiView(context: AppLoadContext, access: ConventionAccess) {
  const c = access.convention;
  const { state, issues } = await loadConventionState(context.db, context.collab, c.id);
  // Negotiation (issue 5): positions (current and history), approvals per article × party, comment threads.
  const { status, positions, approvals, comments } = await negotiationView({ db: context.db, collab: context.collab }, c.id);
  const base = { id: c.id, title: c.title, status, role: access.role, year: c.year, departement: c.departement, positions, approvals, comments };
  if (!state) return { ...base, parties: [], template: null, parameters: null, options: [], articles: [], annexes: [], flux: null, issues };
  const template = getTemplate(state.meta.templateId);
  const flux = computeConventionFlux(state);
  const extract = { computed: flux, template };
  const kinds = new Set(state.parties.map((p) => p.kind));
  return {
    ...base,
    parties: state.parties.map((p) => ({ id: p.id, name: p.name, kind: p.kind, role: p.role, pilot: p.pilot ?? false })),
    template: { id: state.meta.templateId, version: state.meta.templateVersion },
    meta: state.meta,
    parameters: state.parameters,
    lines: state.lines,
    options: (template?.options ?? [])
      .filter((o) => !o.appliesTo || o.appliesTo.some((k) => kinds.has(k)))
      .map((o) => ({
        key: o.key,
        label: o.label,
        negotiable: o.negotiable,
        choices: o.choices.map((ch) => ({ value: ch.value, label: ch.label })),
        value: currentOptionValue(template!, o.key, state) ?? null,
      })),
    articles: extractArticles(state, extract),
    annexes: extractAnnexes(state, extract),
    inventory: state.inventory ? { importId: state.inventory.importId, year: state.inventory.year, fileName: state.inventory.fileName, importedAt: state.inventory.importedAt } : null,
    flux: {
      scenario: flux.scenario,
      result: flux.outcome.ok ? flux.outcome.result : null,
      errors: flux.outcome.ok ? [] : flux.outcome.issues,
    },
    unresolvedVariables: unresolvedVariables(state, extract),
    issues,
  };
}
