// Exporting a convention to Word: pick the source (the current document, or a version's snapshot), assemble its
// state, fingerprint it, build the DOCX and write the export to the audit trail. The route only guards and answers.
import type { AppLoadContext } from "@remix-run/node";
import * as Y from "yjs";
import { getTemplate } from "../../templates";
import type { Db } from "../../db/client";
import type { SessionUser } from "../lib/session.server";
import { recordAudit } from "../models/audit.server";
import type { ConventionAccess } from "../models/convention.server";
import { loadConventionState } from "../models/convention-state.server";
import { buildConventionDocx } from "./docx.server";
import { conventionFingerprint, type ConventionFingerprint } from "./fingerprint.server";

/** French messages of the export, with stable codes (the API answers `{ code, message }`). */
export const EXPORT_MESSAGES = {
  EXPORT_VERSION_NOT_FOUND: "Cette version de la convention est introuvable : elle n'existe pas ou n'appartient pas à cette convention.",
  EXPORT_NO_CONTENT:
    "Cette convention n'a pas encore de contenu structuré (modèle, paramètres, parties) : elle ne peut pas être exportée au format Word.",
} as const;

/** A JSON error Response of the export: `{ code, message }` with this status. */
export function exportError(code: keyof typeof EXPORT_MESSAGES, status: number): Response {
  return Response.json({ code, message: EXPORT_MESSAGES[code] }, { status });
}

/** A saved version of a convention, as issue 5's `convention_versions` will store it. */
export interface ConventionVersionSnapshot {
  id: string;
  label: string;
  createdAt: Date;
  /** The Yjs document at that version (Y.encodeStateAsUpdate). */
  update: Uint8Array;
}

/**
 * A saved version of the convention, or null. There is no versions table yet (issue 5 adds `convention_versions`):
 * every version id is unknown until then, and the route answers 404. Issue 5 replaces this body with its query.
 */
export async function findConventionVersion(_db: Db, _conventionId: string, _versionId: string): Promise<ConventionVersionSnapshot | null> {
  return null;
}

interface ExportSource {
  versionId: string | null;
  label: string;
  timestamp: Date;
  /** A version's document; the live document when absent. */
  doc?: Y.Doc;
}

async function exportSource(db: Db, convention: ConventionAccess["convention"], versionId: string | undefined): Promise<ExportSource | null> {
  if (versionId === undefined) {
    // The live document has no timestamp of its own; the convention row's gives stable dates between two exports.
    return { versionId: null, label: "Version de travail", timestamp: convention.updatedAt };
  }
  const version = await findConventionVersion(db, convention.id, versionId);
  if (!version) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.update);
  return { versionId: version.id, label: version.label, timestamp: version.createdAt, doc };
}

export interface ConventionExport {
  bytes: Buffer;
  fingerprint: ConventionFingerprint;
  /** ASCII-only file name, for `filename=`. */
  fileName: string;
  /** The readable name (accents kept), for `filename*=`. */
  displayName: string;
}

/**
 * The DOCX of the convention (its current state, or `versionId`'s), recorded in the audit trail with its fingerprint.
 * Throws a 404 JSON Response for an unknown version, a 422 for a convention without structured content.
 */
export async function exportConventionDocx(
  context: AppLoadContext,
  access: ConventionAccess,
  user: SessionUser,
  versionId?: string,
): Promise<ConventionExport> {
  const convention = access.convention;
  const source = await exportSource(context.db, convention, versionId);
  if (!source) throw exportError("EXPORT_VERSION_NOT_FOUND", 404);
  try {
    const { state } = await loadConventionState(context.db, context.collab, convention.id, source.doc);
    if (!state) throw exportError("EXPORT_NO_CONTENT", 422);
    const fingerprint = conventionFingerprint(state);
    const bytes = await buildConventionDocx({
      state,
      status: convention.status,
      versionLabel: source.label,
      timestamp: source.timestamp,
      fingerprint,
      template: getTemplate(state.meta.templateId),
    });
    await recordAudit(context.db, {
      conventionId: convention.id,
      organisationId: user.organisationId,
      userId: user.id,
      kind: "export",
      details: { format: "docx", fingerprint: fingerprint.sha256, version: source.versionId },
    });
    const base = state.meta.title || convention.title;
    return {
      bytes,
      fingerprint,
      fileName: `${asciiFileName(base)}-${fingerprint.short}.docx`,
      displayName: `${base.replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ").trim()} - ${fingerprint.short}.docx`,
    };
  } finally {
    source.doc?.destroy();
  }
}

/** "Convention de réservation — 2026 !" → "Convention-de-reservation-2026"; never empty, at most 80 characters. */
export function asciiFileName(title: string): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80)
    .replace(/[-.]+$/, "");
  return ascii || "convention";
}

/** RFC 6266 Content-Disposition: an ASCII `filename` for old clients and the UTF-8 `filename*` (RFC 5987). */
export function contentDisposition(fileName: string, displayName: string): string {
  const encoded = encodeURIComponent(displayName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encoded}`;
}
