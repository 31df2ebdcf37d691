import type { AppLoadContext } from "@remix-run/node";
import { getTemplate } from "../../templates";
import { extractAnnexes, extractArticles, unresolvedVariables } from "../domain/convention/articles";
import { currentOptionValue } from "../domain/convention/options";
import { computeConventionFlux, type ConventionFlux } from "../domain/convention/scenario";
import type { ConventionState } from "../domain/convention/state";
import { signatureBlockGaps } from "../domain/legal/completeness";
import { capitalizeFirst, partyDesignation } from "../domain/legal/designation";
import { frenchText } from "../domain/typography";
import { formatRational } from "../domain/flux/decimal";
import { renderViewLine } from "../domain/perimeter/view";
import type { ConventionAccess } from "./convention.server";
import { loadConventionState } from "./convention-state.server";
import { negotiationView } from "./negotiation.server";
import { INVITATION_LABELS, ORGANISATION_KIND_LABELS, ROLE_LABELS, STATUS_LABELS, labelOf } from "../domain/vocabulary";

/** The structured state of a convention for the read API (docs/api.md): the same figures the editor shows. */
export async function conventionApiView(context: AppLoadContext, access: ConventionAccess) {
  const c = access.convention;
  const { state, issues } = await loadConventionState(context.db, context.collab, c.id);
  // Negotiation (docs/decisions/0401-negotiation.md): positions (current and history), approvals per article × party, comment threads.
  const { status, positions, approvals, comments } = await negotiationView({ db: context.db, collab: context.collab }, c.id);
  const base = { id: c.id, title: c.title, status, statusLabel: labelOf(STATUS_LABELS, status), role: access.role, roleLabel: labelOf(ROLE_LABELS, access.role), year: c.year, departement: c.departement, positions, approvals, comments };
  if (!state) return { ...base, parties: [], template: null, parameters: null, options: [], articles: [], annexes: [], flux: null, issues };
  const template = getTemplate(state.meta.templateId);
  const flux = computeConventionFlux(state);
  const extract = { computed: flux, template };
  const kinds = new Set(state.parties.map((p) => p.kind));
  return {
    ...base,
    // Each party with its signature block as it entered it, its designation as the document prints it, and what its
    // block still misses before « prête pour signature » (docs/api.md).
    parties: state.parties.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      kindLabel: labelOf(ORGANISATION_KIND_LABELS, p.kind),
      role: p.role,
      roleLabel: labelOf(ROLE_LABELS, p.role),
      pilot: p.pilot ?? false,
      status: p.status ?? "acceptee",
      statusLabel: labelOf(INVITATION_LABELS, p.status ?? "acceptee"),
      legal: p.legal ?? null,
      signatory: p.signatory ?? null,
      designation: frenchText(capitalizeFirst(partyDesignation(p, state.meta.departement))),
      signatureBlock: { missing: signatureBlockGaps(p) },
    })),
    template: { id: state.meta.templateId, version: state.meta.templateVersion },
    meta: state.meta,
    parameters: state.parameters,
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
    territory: state.meta.territory,
    flux: fluxView(state, flux),
    unresolvedVariables: unresolvedVariables(state, extract),
    issues,
  };
}

/**
 * The flux part of the read API (docs/api.md): one table per bailleur (its apportionment on the territory: the CLI's
 * scenario and result, and the lines this convention shows), the consolidated sum for several bailleurs, and for a
 * single-bailleur convention its scenario and result at the top, as before.
 */
export function fluxView(state: ConventionState, flux: ConventionFlux) {
  const tables = flux.tables.map((t) => ({
    bailleur: t.bailleur,
    status: t.status,
    territory: state.meta.territory,
    perimeter: t.perimeter ? { dwellings: t.perimeter.dwellings, assiette: t.perimeter.assiette, nonReserved: t.perimeter.nonReserved, exclusions: t.perimeter.exclusions } : null,
    rotation: t.rotation,
    deductions: { ...t.deductions, saisies: t.deductionsEntered },
    scenario: t.scenario,
    result: t.outcome?.ok ? t.outcome.result : null,
    lines: t.view?.map(renderViewLine) ?? null,
    missing: t.missing,
    errors: t.outcome && !t.outcome.ok ? t.outcome.issues : [],
  }));
  const single = tables.length === 1 ? tables[0] : null;
  const c = flux.consolidated;
  return {
    scenario: single?.scenario ?? null,
    result: single?.result ?? null,
    errors: tables.flatMap((t) => [...t.errors.map((e) => e.message), ...t.missing]),
    holders: state.flux?.holders ?? {},
    tables,
    consolidated: c
      ? {
          dwellings: c.dwellings,
          assiette: c.assiette,
          liberations: formatRational(c.liberations),
          flux: formatRational(c.flux),
          fluxRounded: Number(c.fluxRounded),
          lines: c.lines.map(renderViewLine),
        }
      : null,
  };
}
