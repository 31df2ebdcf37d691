import type * as Y from "yjs";
import {
  DOC_KEYS,
  FluxLineConfigSchema,
  MetaSchema,
  OptionValueSchema,
  ParametersSchema,
  type ConventionMeta,
  type ConventionParameters,
  type FluxLineConfig,
  type InventorySummary,
  type OptionValue,
} from "../domain/convention/state";

/** The structured data of a convention's Yjs document (everything but the rich text), as plain values. */
export interface ConventionData {
  meta: ConventionMeta;
  parameters: ConventionParameters;
  options: Record<string, OptionValue>;
  lines: FluxLineConfig[];
  inventory: InventorySummary | null;
}

export interface DataIssue {
  path: string;
  message: string;
}

/** Writes the structured data into the document's maps and array (inside the caller's transaction if any). */
export function writeConventionData(doc: Y.Doc, data: Partial<ConventionData>) {
  doc.transact(() => {
    if (data.meta) {
      const meta = doc.getMap(DOC_KEYS.meta);
      for (const [k, v] of Object.entries(data.meta)) if (v !== undefined) meta.set(k, v);
    }
    if (data.parameters) {
      const params = doc.getMap(DOC_KEYS.parameters);
      for (const [k, v] of Object.entries(data.parameters)) if (v !== undefined) params.set(k, v);
    }
    if (data.options) {
      const options = doc.getMap(DOC_KEYS.options);
      for (const [k, v] of Object.entries(data.options)) options.set(k, v);
    }
    if (data.lines) {
      const lines = doc.getArray<FluxLineConfig>(DOC_KEYS.lines);
      lines.delete(0, lines.length);
      lines.push(data.lines);
    }
    if (data.inventory !== undefined) {
      const inventory = doc.getMap(DOC_KEYS.inventory);
      if (data.inventory === null) inventory.clear();
      else for (const [k, v] of Object.entries(data.inventory)) inventory.set(k, v);
    }
  });
}

/**
 * Reads the structured data back, validating each part: what does not validate is reported (never thrown), so a
 * bad value written by one client cannot break every reader.
 */
export function readConventionData(doc: Y.Doc): { data: ConventionData | null; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const meta = MetaSchema.safeParse(doc.getMap(DOC_KEYS.meta).toJSON());
  if (!meta.success) issues.push({ path: "meta", message: meta.error.issues[0]?.message ?? "invalide" });
  const parameters = ParametersSchema.safeParse(doc.getMap(DOC_KEYS.parameters).toJSON());
  if (!parameters.success)
    issues.push({ path: `parameters.${parameters.error.issues[0]?.path.join(".")}`, message: parameters.error.issues[0]?.message ?? "invalide" });
  const options: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(doc.getMap(DOC_KEYS.options).toJSON())) {
    const parsed = OptionValueSchema.safeParse(value);
    if (parsed.success) options[key] = parsed.data;
    else issues.push({ path: `options.${key}`, message: "valeur d'option invalide" });
  }
  const lines: FluxLineConfig[] = [];
  doc.getArray(DOC_KEYS.lines).toArray().forEach((value, i) => {
    const parsed = FluxLineConfigSchema.safeParse(value);
    if (parsed.success) lines.push(parsed.data);
    else issues.push({ path: `lines[${i}]`, message: parsed.error.issues[0]?.message ?? "ligne invalide" });
  });
  const inventoryMap = doc.getMap(DOC_KEYS.inventory);
  const inventory = inventoryMap.size > 0 ? (inventoryMap.toJSON() as InventorySummary) : null;
  if (!meta.success || !parameters.success) return { data: null, issues };
  return { data: { meta: meta.data, parameters: parameters.data, options, lines, inventory }, issues };
}
