// "Ce qui m'attend": what the negotiation expects of the reader's organisation, derived from the negotiation view
// (docs/ARCHITECTURE.md, "The convention page"). Pure, so that the summary and its test read the same rules.
import type { ConventionStatus } from "../../lib/status";

export interface AwaitingInput {
  /** The reader's organisation. */
  me: string;
  /** Its role on the convention. */
  role: "edition" | "commentaire" | "lecture";
  /** Its party status: "invitee" until it accepts. */
  invitation: "invitee" | null;
  status: ConventionStatus;
  negotiators: readonly string[];
  options: readonly { key: string; label: string }[];
  positions: readonly { option: string; party: string; current: boolean; status: "a_jour" | "a_revoir" }[];
  articles: readonly { id: string; number: number; title: string }[];
  tables: readonly { id: string; bailleur: string; title: string; computed: boolean }[];
  approvals: readonly { article: string; party: string; status: "approuve" | "a_revoir" }[];
  deadlines: readonly { option: string; deadline: string; overdue: boolean }[];
}

export interface AwaitingItem {
  /** The option key, article id or table id the item is about. */
  id: string;
  label: string;
  /** True when an answer exists but no longer matches the text (« à revoir »). */
  review: boolean;
}

export interface Awaiting {
  invitation: boolean;
  positions: AwaitingItem[];
  approvals: AwaitingItem[];
  overdue: (AwaitingItem & { deadline: string })[];
  /** Nothing at all awaits the reader. */
  empty: boolean;
}

/**
 * What awaits the reader's organisation: its invitation to answer, its positions to give (none yet, or « à revoir »),
 * the articles and its own flux table to approve, and the options past their deadline without consensus. A signed
 * convention awaits nothing; a reader in lecture only sees the deadlines.
 */
export function awaitingFor(input: AwaitingInput): Awaiting {
  const signed = input.status === "signee";
  const negotiates = !signed && input.invitation === null && input.role !== "lecture" && input.negotiators.includes(input.me);
  const mine = <T extends { party: string }>(rows: readonly T[]) => rows.filter((r) => r.party === input.me);
  const positions: AwaitingItem[] = [];
  const approvals: AwaitingItem[] = [];
  if (negotiates) {
    const current = new Map(mine(input.positions.filter((p) => p.current)).map((p) => [p.option, p]));
    for (const option of input.options) {
      const p = current.get(option.key);
      if (!p || p.status === "a_revoir") positions.push({ id: option.key, label: option.label, review: p?.status === "a_revoir" });
    }
    const approved = new Map(mine(input.approvals).map((a) => [a.article, a]));
    for (const article of input.articles) {
      const a = approved.get(article.id);
      if (!a || a.status === "a_revoir") approvals.push({ id: article.id, label: `Article ${article.number} — ${article.title}`, review: a?.status === "a_revoir" });
    }
    for (const table of input.tables) {
      if (table.bailleur !== input.me || !table.computed) continue;
      const a = approved.get(table.id);
      if (!a || a.status === "a_revoir") approvals.push({ id: table.id, label: table.title, review: a?.status === "a_revoir" });
    }
  }
  const labels = new Map(input.options.map((o) => [o.key, o.label]));
  const overdue = signed
    ? []
    : input.deadlines.filter((d) => d.overdue).map((d) => ({ id: d.option, label: labels.get(d.option) ?? d.option, review: false, deadline: d.deadline }));
  const invitation = !signed && input.invitation === "invitee";
  return { invitation, positions, approvals, overdue, empty: !invitation && positions.length + approvals.length + overdue.length === 0 };
}
