// The annual flux annex of a convention for a year, as every reader and command sees it
// (docs/decisions/0014-annual-flux-annex.md): the year's flux inputs built by the same buildFluxInputs as the
// convention's (the bailleurs' états des lieux, rotation data and terms of that year on the convention's territory,
// for the convention's parties as signed), its tables by the same computeConventionFlux, compared with the base year
// (the latest adopted annex before it, or the convention itself). Until it is adopted it follows its inputs; once
// adopted, everything here is read back from what the adoption froze.
import { createHash } from "node:crypto";
import { and, asc, desc, eq, isNotNull, lt } from "drizzle-orm";
import type { Db, DbTransaction } from "../../../db/client";
import { conventions, fluxAnnexApprovals, fluxAnnexes, organisations, users } from "../../../db/schema";
import { compareFlux, renderComparison, type RenderedComparison } from "../../domain/annex/comparison";
import { annexRefusal, type AnnexRefusalCode, type annexMessages } from "../../domain/annex/messages";
import { annexMissing } from "../../domain/annex/missing";
import { comparisonYears, type ComparisonYears } from "../../domain/annex/tables";
import { annexApprovalText } from "../../domain/annex/text";
import { annexYears } from "../../domain/annex/years";
import { computeConventionFlux, type ConventionFlux } from "../../domain/convention/scenario";
import type { ConventionState, PartyInfo } from "../../domain/convention/state";
import type { CollabService } from "../../collab/service";
import { message } from "../../lib/messages";
import { annexFingerprint, type AnnexFingerprintInput } from "../../export/annex-fingerprint.server";
import { conventionFingerprint } from "../../export/fingerprint.server";
import { loadConventionState } from "../convention-state.server";
import { buildFluxInputs } from "../flux-inputs.server";
import { NEGOTIATING_ROLES } from "../negotiation/context.server";

/** Where an annex stands: not generated yet (a preview of what it would be), following its inputs, or frozen. */
export type AnnexStatus = "non_generee" | "en_preparation" | "adoptee";

/** What an annex computes and prints besides the convention's text; stored whole at adoption. */
export type AnnexCore = Pick<ConventionState, "meta" | "parties" | "parameters" | "options" | "flux">;

/** What the figures of an annex are compared with: the convention's own year, or the latest adopted annex before it. */
export interface AnnexBase {
  source: "convention" | "annexe";
  year: number;
  core: AnnexCore;
}

/** The `frozen` column of an adopted annex. */
export interface AnnexFrozen {
  format: "conflux-annexe-v1";
  core: AnnexCore;
  base: AnnexBase;
  /** The hash every approval was bound to. */
  hash: string;
  /** The fingerprint of the convention the annex belongs to, as it was at adoption. */
  conventionFingerprint: string;
}

/** The convention an annex belongs to, read once per request (outside any transaction: it may open the live document). */
export interface AnnexSubject {
  row: typeof conventions.$inferSelect;
  /** The convention's state: from its signature when signed, from the live document otherwise. */
  state: ConventionState;
  conventionFingerprint: string;
  years: number[];
}

export interface AnnexSnapshot {
  subject: AnnexSubject;
  year: number;
  row: typeof fluxAnnexes.$inferSelect | null;
  status: AnnexStatus;
  state: ConventionState;
  flux: ConventionFlux;
  base: AnnexBase;
  baseFlux: ConventionFlux;
  comparison: RenderedComparison;
  years: ComparisonYears;
  /** Why the annex cannot be generated (or approved) now, in French; empty when it can. */
  missing: string[];
  /** The text an approval binds to, and its SHA-256. */
  text: string;
  hash: string;
  fingerprint: AnnexFingerprintInput & { sha256: string };
  /** The parties whose approval adopts the annex: those in édition or commentaire. */
  negotiators: PartyInfo[];
}

/** A refusal as a thrown Response: `{ code, message }` with the details given. */
export function refuseAnnex<C extends AnnexRefusalCode>(status: number, code: C, args: Parameters<(typeof annexMessages)[C]>, extra: Record<string, unknown> = {}): never {
  throw Response.json({ ...annexRefusal(code, ...args), ...extra }, { status });
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const EMPTY_BODY: ConventionState["body"] = { type: "doc", content: [] };

export const coreOf = (state: ConventionState): AnnexCore => ({ meta: state.meta, parties: state.parties, parameters: state.parameters, options: state.options, flux: state.flux });
const stateOf = (conventionId: string, core: AnnexCore): ConventionState => ({ id: conventionId, ...core, body: EMPTY_BODY });

/** The convention an annex belongs to; throws 404 when it has no structured content (nothing to compute from). */
export async function annexSubject(deps: { db: Db; collab: CollabService }, conventionId: string): Promise<AnnexSubject> {
  const [row] = await deps.db.select().from(conventions).where(eq(conventions.id, conventionId));
  const { state } = row ? await loadConventionState(deps.db, deps.collab, conventionId) : { state: null };
  if (!row || !state) throw Response.json(message("DOCUMENT_EMPTY"), { status: 409 });
  return { row, state, conventionFingerprint: conventionFingerprint(state).sha256, years: annexYears(state.meta) };
}

/** Refuses a year outside the convention's period (400, with the years it may have). */
export function requireAnnexYear(subject: AnnexSubject, year: number) {
  if (!subject.years.includes(year)) refuseAnnex(400, "ANNEXE_ANNEE_HORS_PERIODE", [year, subject.years], { field: "year", years: subject.years });
}

/**
 * The annex of `year` now. Reads the database only (pass the transaction of a command), never the live document:
 * the subject brought the convention's state.
 */
export async function annexSnapshot(db: Db | DbTransaction, subject: AnnexSubject, year: number): Promise<AnnexSnapshot> {
  const conventionId = subject.row.id;
  const [row] = await db.select().from(fluxAnnexes).where(and(eq(fluxAnnexes.conventionId, conventionId), eq(fluxAnnexes.year, year)));
  const frozen = row?.adoptedAt ? (row.frozen as AnnexFrozen) : null;
  const core = frozen?.core ?? (await liveCore(db, subject, year));
  const base = frozen?.base ?? (await baseOf(db, subject, year));
  const state = stateOf(conventionId, core);
  const flux = computeConventionFlux(state);
  const baseFlux = computeConventionFlux(stateOf(conventionId, base.core));
  const comparison = renderComparison(compareFlux(baseFlux, flux));
  const years = comparisonYears(base, year);
  const text = annexApprovalText(state, flux, comparison, years);
  const conventionPrint = frozen?.conventionFingerprint ?? subject.conventionFingerprint;
  const printed = { conventionId, year, conventionFingerprint: conventionPrint, core, base };
  return {
    subject,
    year,
    row: row ?? null,
    status: !row ? "non_generee" : frozen ? "adoptee" : "en_preparation",
    state,
    flux,
    base,
    baseFlux,
    comparison,
    years,
    missing: frozen ? [] : annexMissing(state, flux),
    text,
    hash: frozen?.hash ?? sha256(text),
    fingerprint: { ...printed, sha256: row?.fingerprint ?? annexFingerprint(printed) },
    negotiators: core.parties.filter((party) => NEGOTIATING_ROLES.includes(party.role)),
  };
}

/**
 * The annex's own data as its inputs are now: the convention's parties, options and place as they stand (as signed,
 * for a signed convention), and the flux inputs of `year` built from the database for those parties.
 */
async function liveCore(db: Db | DbTransaction, subject: AnnexSubject, year: number): Promise<AnnexCore> {
  const { state, row } = subject;
  // The annex is signed on its own: the convention's signature date is not its date.
  const { signatureDate: _signed, ...meta } = state.meta;
  return { ...coreOf(state), meta: { ...meta, year }, flux: await buildFluxInputs(db, { ...row, year }, state.parties) };
}

/** The latest adopted annex before `year`, or the convention itself. */
async function baseOf(db: Db | DbTransaction, subject: AnnexSubject, year: number): Promise<AnnexBase> {
  const [previous] = await db
    .select({ year: fluxAnnexes.year, frozen: fluxAnnexes.frozen })
    .from(fluxAnnexes)
    .where(and(eq(fluxAnnexes.conventionId, subject.row.id), lt(fluxAnnexes.year, year), isNotNull(fluxAnnexes.adoptedAt)))
    .orderBy(desc(fluxAnnexes.year))
    .limit(1);
  if (previous) return { source: "annexe", year: previous.year, core: (previous.frozen as AnnexFrozen).core };
  return { source: "convention", year: subject.state.meta.year, core: coreOf(subject.state) };
}

/** Every approval of an annex, oldest first, with who gave it. */
export async function annexApprovalRows(db: Db | DbTransaction, annexId: string) {
  return db
    .select({
      party: fluxAnnexApprovals.organisationId,
      partyName: organisations.name,
      author: users.name,
      hash: fluxAnnexApprovals.hash,
      text: fluxAnnexApprovals.text,
      at: fluxAnnexApprovals.createdAt,
    })
    .from(fluxAnnexApprovals)
    .innerJoin(users, eq(users.id, fluxAnnexApprovals.userId))
    .innerJoin(organisations, eq(organisations.id, fluxAnnexApprovals.organisationId))
    .where(eq(fluxAnnexApprovals.annexId, annexId))
    .orderBy(asc(fluxAnnexApprovals.id));
}

/**
 * Each negotiating party's latest approval, « approuvé » when it was given to the figures as they read now and
 * « à revoir » otherwise (ADR 0401's rule for articles), and who has yet to approve.
 */
export function deriveApprovals(snapshot: Pick<AnnexSnapshot, "hash" | "negotiators">, rows: Awaited<ReturnType<typeof annexApprovalRows>>) {
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.party, row);
  const approvals = snapshot.negotiators.flatMap((party) => {
    const row = latest.get(party.id);
    if (!row) return [];
    return [{ party: party.id, partyName: row.partyName, author: row.author, at: row.at.toISOString(), hash: row.hash, status: row.hash === snapshot.hash ? ("approuve" as const) : ("a_revoir" as const) }];
  });
  const missing = snapshot.negotiators.filter((party) => approvals.find((a) => a.party === party.id)?.status !== "approuve").map((party) => party.id);
  return { approvals, missing };
}
