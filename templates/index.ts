// The convention templates offered by the creation wizard, validated once when this module loads.
import { type ConventionTemplate, TemplateSchema } from "../app/domain/convention/template-schema";
import { actionLogement } from "./action-logement";
import { collectivites } from "./collectivites";
import { epciMultipartite } from "./epci-multipartite";
import { prefectoral } from "./prefectoral";

/** Every template, parsed by TemplateSchema (an invalid template fails at load, and in its test). */
export const TEMPLATES: readonly ConventionTemplate[] = [prefectoral, collectivites, actionLogement, epciMultipartite].map((template) =>
  TemplateSchema.parse(template),
);

/** The template with this id, or undefined. */
export function getTemplate(id: string): ConventionTemplate | undefined {
  return TEMPLATES.find((template) => template.id === id);
}

/** The templates written for a réservataire kind (for the wizard's first step). */
export function templatesFor(kind: string): ConventionTemplate[] {
  return TEMPLATES.filter((template) => (template.reservataireKinds as readonly string[]).includes(kind));
}
