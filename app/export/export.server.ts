// Exporting a convention to Word: pick the source (the current document, or a version's snapshot), assemble its
// state, fingerprint it, build the DOCX and write the export to the audit trail. The route only guards and answers.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../../db/client";
import { conventionVersions } from "../../db/schema";
import { getTemplate } from "../../templates";
import { formatDateLong } from "../domain/format";
import type { SessionUser } from "../lib/session.server";
import { recordAudit } from "../models/audit.server";
import type { ConventionAccess } from "../models/convention.server";
import { loadConventionState } from "../models/convention-state.server";
import { signedAt } from "../models/signature.server";
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

/** A saved version of a convention, as `convention_versions` stores it. */
export interface ConventionVersionSnapshot {
  id: string;
  number: number;
  name: string;
  /** The convention's status when the version was taken. */
  status: string;
  createdAt: Date;
  /** The Yjs document at that version (Y.encodeStateAsUpdate). */
  snapshot: Uint8Array;
}

/** A saved version of the convention, by id or by number ("3"), or null when the convention has no such version. */
export async function findConventionVersion(db: Db, conventionId: string, ref: string): Promise<ConventionVersionSnapshot | null> {
  const byNumber = /^\d{1,9}$/.test(ref);
  const [row] = await db
    .select({
      id: conventionVersions.id,
      number: conventionVersions.number,
      name: conventionVersions.name,
      status: conventionVersions.status,
      createdAt: conventionVersions.createdAt,
      snapshot: conventionVersions.snapshot,
    })
    .from(conventionVersions)
    .where(and(eq(conventionVersions.conventionId, conventionId), byNumber ? eq(conventionVersions.number, Number(ref)) : eq(conventionVersions.id, ref)))
    .limit(1);
  return row ? { ...row, snapshot: new Uint8Array(row.snapshot) } : null;
}

interface ExportSource {
  versionId: string | null;
  label: string;
  timestamp: Date;
  /** Decides the PROJET mention: the convention's current status, or the version's status when it was taken. */
  status: string;
  /** A version's document; the live document when absent. */
  doc?: Y.Doc;
}

async function exportSource(db: Db, convention: ConventionAccess["convention"], versionRef: string | undefined): Promise<ExportSource | null> {
  if (versionRef === undefined) {
    // The live document has no timestamp of its own; the convention row's gives stable dates between two exports, and
    // a signed convention's is its signature's, which nothing done afterwards moves.
    const signed = convention.status === "signee" ? await signedAt(db, convention.id) : null;
    if (signed) return { versionId: null, label: "Version signée", timestamp: signed, status: convention.status };
    return { versionId: null, label: "Version de travail", timestamp: convention.updatedAt, status: convention.status };
  }
  const version = await findConventionVersion(db, convention.id, versionRef);
  if (!version) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.snapshot);
  const day = formatDateLong(version.createdAt.toISOString().slice(0, 10));
  return { versionId: version.id, label: `Version ${version.number} du ${day} — ${version.name}`, timestamp: version.createdAt, status: version.status, doc };
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
 * The DOCX of the convention (its current state, or a saved version's: `versionRef` is its id or number), recorded in
 * the audit trail with its fingerprint.
 * Throws a 404 JSON Response for an unknown version, a 422 for a convention without structured content.
 */
export async function exportConventionDocx(
  context: AppLoadContext,
  access: ConventionAccess,
  user: SessionUser,
  versionRef?: string,
): Promise<ConventionExport> {
  const convention = access.convention;
  const source = await exportSource(context.db, convention, versionRef);
  if (!source) throw exportError("EXPORT_VERSION_NOT_FOUND", 404);
  try {
    const { state } = await loadConventionState(context.db, context.collab, convention.id, source.doc);
    if (!state) throw exportError("EXPORT_NO_CONTENT", 422);
    const fingerprint = conventionFingerprint(state);
    const bytes = await buildConventionDocx({
      state,
      status: source.status,
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
