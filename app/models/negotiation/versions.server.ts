// The read side of versions: the list, one version's content (by id or number) and the diff between two.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { conventionVersions, users } from "../../../db/schema";
import { diffVersions, type VersionContent } from "../../domain/negotiation/versions";
import { refuse } from "./context.server";

/** The versions, newest first, with their authors' names. */
export async function listVersions(db: Db, conventionId: string) {
  const rows = await db
    .select({
      id: conventionVersions.id,
      number: conventionVersions.number,
      name: conventionVersions.name,
      automatic: conventionVersions.automatic,
      status: conventionVersions.status,
      author: users.name,
      at: conventionVersions.createdAt,
    })
    .from(conventionVersions)
    .leftJoin(users, eq(users.id, conventionVersions.userId))
    .where(eq(conventionVersions.conventionId, conventionId))
    .orderBy(desc(conventionVersions.number));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** One version of this convention by id or number, or 404. */
export async function versionContent(db: Db, conventionId: string, ref: string) {
  const byNumber = /^\d{1,9}$/.test(ref);
  const [row] = await db
    .select({ id: conventionVersions.id, number: conventionVersions.number, name: conventionVersions.name, content: conventionVersions.content })
    .from(conventionVersions)
    .where(and(eq(conventionVersions.conventionId, conventionId), byNumber ? eq(conventionVersions.number, Number(ref)) : eq(conventionVersions.id, ref)));
  if (!row) refuse("VERSION_NOT_FOUND", 404);
  return { ...row, content: row.content as VersionContent };
}

/** Per-article differences between two versions (by id or number). */
export async function diffBetweenVersions(db: Db, conventionId: string, a: string, b: string) {
  const [va, vb] = [await versionContent(db, conventionId, a), await versionContent(db, conventionId, b)];
  return { from: { id: va.id, number: va.number, name: va.name }, to: { id: vb.id, number: vb.number, name: vb.name }, ...diffVersions(va.content, vb.content) };
}
