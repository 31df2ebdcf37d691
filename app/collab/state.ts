import type * as Y from "yjs";
import type { ConventionStatus } from "../lib/status";
import { parameterIssues } from "../domain/convention/options";
import type { FluxInputs } from "../domain/perimeter/inputs";
import {
  DOC_KEYS,
  MetaSchema,
  OptionValueSchema,
  ParametersSchema,
  type ConventionMeta,
  type ConventionParameters,
  type OptionValue,
  type PartyInfo,
} from "../domain/convention/state";

/** What clients with the edition role write in the document (besides the body), validated again by the server. */
export interface ClientData {
  parameters: ConventionParameters;
  options: Record<string, OptionValue>;
}

/** What the server owns: computed from the database (or frozen at signature) and mirrored into the document. */
export interface ServerData {
  status: ConventionStatus;
  meta: ConventionMeta;
  parties: PartyInfo[];
  /** The inputs of the flux tables (null for a convention without a template). */
  flux: FluxInputs | null;
}

/** The structured data of a convention (everything but the rich text), as plain values. */
export type ConventionData = ClientData & Pick<ServerData, "meta" | "flux">;

export interface DataIssue {
  path: string;
  message: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Makes a map hold exactly these entries, touching only what differs (so that a correction is as small as the change). */
export function replaceMap(map: Y.Map<unknown>, wanted: Record<string, unknown>) {
  for (const key of [...map.keys()]) if (!(key in wanted) || wanted[key] === undefined) map.delete(key);
  for (const [key, value] of Object.entries(wanted)) if (value !== undefined && !same(map.get(key), value)) map.set(key, value);
}

/**
 * Writes convention data into the document, each given part replacing its shared type entirely (keys absent from the
 * part are removed): the one writer used by creation, the server's corrections, version restore, membership changes
 * and the mirror of server data. Runs inside the caller's transaction if any.
 */
export function replaceConventionData(doc: Y.Doc, data: Partial<ClientData & ServerData>) {
  doc.transact(() => {
    if (data.parameters) replaceMap(doc.getMap(DOC_KEYS.parameters), data.parameters);
    if (data.options) replaceMap(doc.getMap(DOC_KEYS.options), data.options);
    if (data.meta) replaceMap(doc.getMap(DOC_KEYS.meta), data.meta);
    // The flux inputs are one value: a browser recomputes once per change of it.
    if (data.flux !== undefined) replaceMap(doc.getMap(DOC_KEYS.flux), data.flux ? { inputs: data.flux } : {});
    if (data.status !== undefined || data.parties !== undefined) {
      const server = doc.getMap(DOC_KEYS.server);
      if (data.status !== undefined && server.get("status") !== data.status) server.set("status", data.status);
      if (data.parties !== undefined && !same(server.get("parties"), data.parties)) server.set("parties", data.parties);
    }
  });
}

/**
 * Reads what clients write, validating each part: what does not validate is reported (never thrown), so that a bad
 * value written by one client cannot break every reader.
 */
export function readClientData(doc: Y.Doc): { data: ClientData | null; issues: DataIssue[] } {
  const raw = doc.getMap(DOC_KEYS.parameters).toJSON();
  const issues: DataIssue[] = parameterIssues(raw).map(({ path, message }) => ({ path, message }));
  const parameters = issues.length === 0 ? ParametersSchema.safeParse(raw) : ({ success: false } as const);
  const options: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(doc.getMap(DOC_KEYS.options).toJSON())) {
    const parsed = OptionValueSchema.safeParse(value);
    if (parsed.success) options[key] = parsed.data;
    else issues.push({ path: `options.${key}`, message: "valeur d'option invalide" });
  }
  if (!parameters.success) return { data: null, issues };
  return { data: { parameters: parameters.data, options }, issues };
}

/**
 * Reads the server's mirror, for the browser's live display only: the server itself never decides from it (it reads
 * the database), so a value a client forged for the few milliseconds before its correction changes nothing.
 */
export function readServerMirror(doc: Y.Doc): Partial<ServerData> {
  const meta = MetaSchema.safeParse(doc.getMap(DOC_KEYS.meta).toJSON());
  const flux = doc.getMap(DOC_KEYS.flux).get("inputs") as FluxInputs | undefined;
  const server = doc.getMap(DOC_KEYS.server);
  return {
    ...(meta.success ? { meta: meta.data } : {}),
    flux: flux ?? null,
    ...(server.has("status") ? { status: server.get("status") as ConventionStatus } : {}),
    ...(server.has("parties") ? { parties: server.get("parties") as PartyInfo[] } : {}),
  };
}

/** Client data and the server's mirror together, as the browser reads them. */
export function readConventionData(doc: Y.Doc): { data: ConventionData | null; issues: DataIssue[] } {
  const client = readClientData(doc);
  const mirror = readServerMirror(doc);
  if (!client.data || !mirror.meta) {
    return { data: null, issues: mirror.meta ? client.issues : [...client.issues, { path: "meta", message: "invalide" }] };
  }
  return { data: { ...client.data, meta: mirror.meta, flux: mirror.flux ?? null }, issues: client.issues };
}
