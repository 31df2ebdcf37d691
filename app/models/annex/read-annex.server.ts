import { asc, eq } from "drizzle-orm";
import { fluxAnnexes } from "../../../db/schema";
import type { NegotiationDeps } from "../negotiation/context.server";
import { annexSnapshot, annexSubject, requireAnnexYear, type AnnexStatus } from "./annex-snapshot.server";
import { annexView } from "./annex-view.server";

/** The annex of a year as it reads now; before the pilot generates it, what it would be and what it still needs. */
export async function readAnnex(deps: NegotiationDeps, conventionId: string, year: number) {
  const subject = await annexSubject(deps, conventionId);
  requireAnnexYear(subject, year);
  return annexView(deps.db, await annexSnapshot(deps.db, subject, year));
}

/** The years of the convention's period after its own with the status of each one's annex, and every generated annex. */
export async function annexList(deps: NegotiationDeps, conventionId: string) {
  const subject = await annexSubject(deps, conventionId);
  const rows = await deps.db
    .select({ year: fluxAnnexes.year, adoptedAt: fluxAnnexes.adoptedAt })
    .from(fluxAnnexes)
    .where(eq(fluxAnnexes.conventionId, conventionId))
    .orderBy(asc(fluxAnnexes.year));
  const statusOf = (year: number): AnnexStatus => {
    const row = rows.find((candidate) => candidate.year === year);
    return !row ? "non_generee" : row.adoptedAt ? "adoptee" : "en_preparation";
  };
  const annexes = [];
  for (const row of rows) annexes.push(await annexView(deps.db, await annexSnapshot(deps.db, subject, row.year)));
  return { conventionYear: subject.state.meta.year, years: subject.years.map((year) => ({ year, status: statusOf(year) })), annexes };
}
