import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { dummyPasswordHash, verifyPassword } from "../lib/password.server";

/** Checks e-mail and password; the work done is the same whether or not the account exists. */
export async function verifyLogin(db: Db, email: string, password: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  return ok && user ? user : null;
}
