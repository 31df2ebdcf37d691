// The convention templates offered by the creation wizard, validated once when this module loads.
import { type ConventionTemplate, TemplateSchema } from "../app/domain/convention/template-schema";
import { prefectoral } from "./prefectoral";

/** Every template, parsed by TemplateSchema (an invalid template fails at load, and in its test). */
export const TEMPLATES: readonly ConventionTemplate[] = [prefectoral].map((template) => TemplateSchema.parse(template));

/** The template with this id, or undefined. */
export function getTemplate(id: string): ConventionTemplate | undefined {
  return TEMPLATES.find((template) => template.id === id);
}
