import { getTemplate } from "../../templates";
import type { ConventionData, DataIssue } from "../../app/collab/state";
import { validateConventionState } from "../../app/domain/convention/options";

/**
 * The server's copy of the checks the browser runs before writing options and parameters (requalification ≥ 30 %
 * under mixed management, préfet caps on negotiated shares, choices that exist, figures in range).
 */
export function validateConventionData(data: ConventionData, conventionId: string): DataIssue[] {
  const template = getTemplate(data.meta.templateId);
  if (!template) return [];
  return validateConventionState({ id: conventionId, parties: [], ...data, body: { type: "doc", content: [] } }, template)
    .filter((i) => i.path.startsWith("options") || i.path.startsWith("parameters") || i.path.startsWith("lines"))
    .map((i) => ({ path: i.path, message: i.message }));
}
