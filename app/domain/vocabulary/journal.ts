// The convention's journal in French: each audit event (kind + details, as stored in audit_events) becomes a sentence
// and, when something changed from one value to another, the list of those changes. The server builds it for the
// negotiation view and the API, so every reader sees the same words (docs/decisions/0603-vocabulary-and-journal.md).
import { formatDateShort, formatInteger, formatPercent } from "../format";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_KIND_LABELS,
  DEDUCTION_LABELS,
  EXPORT_FORMAT_LABELS,
  POSITION_LABELS,
  ROLE_LABELS,
  ROTATION_DATA_LABELS,
  SECTION_LABELS,
  STATUS_LABELS,
  labelOf,
} from "./labels";
import { optionLabel, optionValueText, parameterLabel } from "./options";

/** One value that changed: what, before, after (null when it did not exist). */
export interface JournalChange {
  what: string;
  from: string | null;
  to: string | null;
}

export interface JournalText {
  /** The kind in words ("Position", "Texte"…). */
  label: string;
  /** One French sentence saying what happened. */
  summary: string;
  changes: JournalChange[];
}

/** Names the stored ids resolve to, known to the server when it builds the view. */
export interface JournalContext {
  /** Article or table approval id → "Article 3 — Titre" / "Tableau du flux — Bailleur". */
  articles?: Record<string, string>;
  /** Organisation id → name. */
  organisations?: Record<string, string>;
  /** Holder key of the flux terms → the holder's name. */
  holders?: Record<string, string>;
}

/** A place of the text an edit touched, as the relay's journal records it (server/conventions/journal.ts). */
export interface TouchedPlace {
  section: string;
  id?: string | null;
  number?: number | null;
  title?: string | null;
}

type Details = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const safeDate = (iso: string) => {
  try {
    return formatDateShort(iso);
  } catch {
    return iso;
  }
};
const quote = (text: string, max = 160) => `« ${text.length > max ? `${text.slice(0, max - 1)}…` : text} »`;

/** "Article 3 — Titre", "Préambule", "Annexe — Contacts des parties". */
export function placeLabel(place: TouchedPlace): string {
  if (place.section === "article") return `Article ${place.number ?? "?"}${place.title ? ` — ${place.title}` : ""}`;
  const section = labelOf(SECTION_LABELS, place.section);
  return place.section === "annexe" && place.title ? `${section} — ${place.title}` : section;
}

function articleName(id: unknown, context: JournalContext): string {
  const key = str(id);
  if (!key) return "le texte";
  const bilan = /^bilan-(\d{4})$/.exec(key);
  if (bilan) return `le bilan ${bilan[1]}`;
  return context.articles?.[key] ?? (key.startsWith("tableau:") ? "un tableau du flux" : "un article retiré depuis");
}

function organisationName(details: Details, context: JournalContext): string {
  return str(details.name) ?? context.organisations?.[String(details.organisation)] ?? "une organisation";
}

/** Every field of two plain records that differs, labelled. */
function recordChanges(before: unknown, after: unknown, label: (key: string) => string, show: (value: unknown) => string): JournalChange[] {
  const a = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const b = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null))
    .map((k) => ({ what: label(k), from: k in a && a[k] !== null ? show(a[k]) : null, to: k in b && b[k] !== null ? show(b[k]) : null }));
}

const count = (value: unknown) => (typeof value === "number" ? formatInteger(value) : String(value));
const share = (value: unknown) => (typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? formatPercent(value) : String(value));

function fluxChanges(details: Details, context: JournalContext): JournalChange[] {
  if (details.action === "donnees_rotation") {
    const before = (details.before ?? {}) as Record<string, unknown>;
    const after = (details.after ?? {}) as Record<string, unknown>;
    return (["releases", "stock"] as const).flatMap((group) =>
      recordChanges(before[group], after[group], (k) => (ROTATION_DATA_LABELS[group] as Record<string, string>)[k] ?? k, count),
    );
  }
  const before = (details.before ?? {}) as Record<string, unknown>;
  const after = (details.after ?? {}) as Record<string, unknown>;
  return [
    ...recordChanges(before.deductions, after.deductions, (k) => labelOf(DEDUCTION_LABELS, k), count),
    ...recordChanges(before.shares, after.shares, (k) => `Part négociée — ${context.holders?.[k] ?? "un réservataire"}`, share),
    ...recordChanges(before.droitsDeSuite, after.droitsDeSuite, (k) => `Droits de suite — ${context.holders?.[k] ?? "Action Logement"}`, () => "échéancier"),
  ];
}

/** The journal entry of one audit event, in French. */
export function describeAuditEvent(event: { kind: string; details: Details }, context: JournalContext = {}): JournalText {
  const d = event.details ?? {};
  const label = labelOf(AUDIT_KIND_LABELS, event.kind);
  const entry = (summary: string, changes: JournalChange[] = []): JournalText => ({ label, summary, changes });
  switch (event.kind) {
    case "creation":
      return entry("Création de la convention.");
    case "position": {
      const option = optionLabel(String(d.option));
      const reason = str(d.reason);
      const condition = str(d.condition);
      return entry(
        `Position sur « ${option} » : ${labelOf(POSITION_LABELS, str(d.position))}${reason ? ` — ${quote(reason)}` : ""}${condition ? ` — condition : ${quote(condition)}` : ""}.`,
        d.optionValue ? [{ what: "Choix en discussion", from: null, to: optionValueText(String(d.option), d.optionValue) }] : [],
      );
    }
    case "approval":
      return entry(`Approbation : ${articleName(d.article, context)}.`);
    case "comment": {
      const body = str(d.body);
      if (d.action === "create") return entry(`Commentaire sur ${articleName(d.article, context)}${body ? ` : ${quote(body)}` : ""}.`);
      if (d.action === "reply") return entry(`Réponse dans un fil de commentaires${body ? ` : ${quote(body)}` : ""}.`);
      if (d.action === "resolve") return entry("Fil de commentaires résolu.");
      if (d.action === "reopen") return entry("Fil de commentaires rouvert.");
      return entry("Commentaire.");
    }
    case "status": {
      const reason = str(d.reason);
      const date = str(d.signatureDate);
      return entry(
        `Statut : ${labelOf(STATUS_LABELS, str(d.from))} → ${labelOf(STATUS_LABELS, str(d.to))}${reason ? ` (${reason})` : ""}${date ? `, signée le ${safeDate(date)}` : ""}.`,
        [{ what: "Statut", from: labelOf(STATUS_LABELS, str(d.from)), to: labelOf(STATUS_LABELS, str(d.to)) }],
      );
    }
    case "version": {
      const name = str(d.name) ?? "";
      if (d.action === "restore") return entry(`Version ${num(d.number) ?? "?"} restaurée${name ? ` (${quote(name)})` : ""}.`);
      return entry(`Version ${num(d.number) ?? "?"} enregistrée${d.automatic ? " automatiquement" : ""}${name ? ` : ${quote(name)}` : ""}.`);
    }
    case "membership": {
      const who = organisationName(d, context);
      if (d.invitation === "acceptee") return entry(`${who} accepte d'être partie à la convention.`);
      if (d.invitation === "refusee") return entry(`${who} refuse d'être partie à la convention.`);
      const from = str(d.from);
      const to = str(d.to);
      const change = [{ what: `Rôle de ${who}`, from: from ? labelOf(ROLE_LABELS, from) : null, to: to ? labelOf(ROLE_LABELS, to) : null }];
      if (!from && to) return entry(`${who} devient partie à la convention (rôle : ${labelOf(ROLE_LABELS, to)}).`, change);
      if (from && !to) return entry(`${who} est retiré des parties (rôle : ${labelOf(ROLE_LABELS, from)}).`, change);
      return entry(`Rôle de ${who} : ${labelOf(ROLE_LABELS, from)} → ${labelOf(ROLE_LABELS, to)}.`, change);
    }
    case "export": {
      const fingerprint = str(d.fingerprint);
      return entry(
        `Export ${labelOf(EXPORT_FORMAT_LABELS, str(d.format))}${d.version ? " d'une version enregistrée" : ""}${fingerprint ? ` — empreinte ${fingerprint.slice(0, 12)}` : ""}.`,
      );
    }
    case "inventory": {
      if (d.action === "etat_des_lieux_envoye") {
        const recipients = Array.isArray(d.recipients) ? (d.recipients as unknown[]).map(String) : [];
        return entry(`État des lieux ${num(d.year) ?? ""} envoyé${recipients.length ? ` à ${recipients.join(", ")}` : " aux réservataires"}.`.replace(/\s+/g, " "));
      }
      const file = str(d.fileName);
      const rows = num(d.rows);
      const what = d.action === "etat_des_lieux_retabli" ? "remis en vigueur" : "confirmé";
      return entry(`État des lieux${file ? ` ${quote(file)}` : ""} ${what} pour ${num(d.year) ?? "l'année"}${rows !== null ? ` (${formatInteger(rows)} logements)` : ""}.`);
    }
    case "flux": {
      const changes = fluxChanges(d, context);
      if (d.action === "donnees_rotation") {
        const year = num(d.year);
        return entry(`Données de rotation ${year ? year - 1 : ""} du département ${str(d.departement) ?? ""} modifiées.`.replace(/\s+/g, " "), changes);
      }
      const bailleur = context.organisations?.[String(d.bailleur)] ?? "du bailleur";
      return entry(`Termes du flux ${bailleur.startsWith("du ") ? bailleur : `de ${bailleur}`} modifiés.`, changes);
    }
    case "annexe": {
      const year = num(d.annee) ?? "";
      if (d.action === "annexe_generee") return entry(`Annexe annuelle ${year} générée.`);
      if (d.action === "annexe_approuvee") return entry(`Annexe annuelle ${year} approuvée.`);
      if (d.action === "annexe_adoptee") return entry(`Annexe annuelle ${year} adoptée par toutes les parties.`);
      if (d.action === "annexe_exportee") return entry(`Annexe annuelle ${year} exportée en Word (DOCX).`);
      return entry(`Annexe annuelle ${year}.`);
    }
    case "decompte": {
      const rows = num(d.rows);
      const file = str(d.fileName);
      return entry(`Événements ${num(d.year) ?? ""} importés${file ? ` (${quote(file)}` : ""}${rows !== null ? `${file ? ", " : " ("}${formatInteger(rows)} événements)` : file ? ")" : ""}.`.replace(/\s+/g, " "));
    }
    case "signature": {
      const who = organisationName(d, context);
      return entry(d.action === "identite_juridique" ? `Identité juridique de ${who} modifiée.` : `Bloc de signature de ${who} modifié.`);
    }
    case "deadline": {
      const option = optionLabel(String(d.option));
      const date = str(d.deadline);
      return entry(date ? `Échéance de « ${option} » fixée au ${safeDate(date)}.` : `Échéance de « ${option} » retirée.`);
    }
    case "text": {
      const places = Array.isArray(d.places) ? (d.places as TouchedPlace[]) : [];
      const edits = num(d.edits) ?? 0;
      const where = places.length > 0 ? places.map(placeLabel).join(", ") : "le texte";
      return entry(`Modification du texte : ${where}${edits > 1 ? ` (${formatInteger(edits)} modifications)` : ""}.`);
    }
    case "option": {
      const key = String(d.option);
      const from = d.from ? optionValueText(key, d.from) : null;
      const to = d.to ? optionValueText(key, d.to) : null;
      return entry(`Option « ${optionLabel(key)} » : ${from ?? "valeur par défaut"} → ${to ?? "valeur par défaut"}.`, [{ what: optionLabel(key), from, to }]);
    }
    case "parameter": {
      const key = String(d.parameter);
      const from = str(d.from);
      const to = str(d.to);
      return entry(`${parameterLabel(key)} : ${from ? quote(from) : "non renseigné"} → ${to ? quote(to) : "non renseigné"}.`, [{ what: parameterLabel(key), from, to }]);
    }
    default:
      return entry(`${label}${d.action ? ` : ${labelOf(AUDIT_ACTION_LABELS, str(d.action))}` : ""}.`);
  }
}
