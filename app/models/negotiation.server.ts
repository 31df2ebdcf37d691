// Negotiation on a convention (docs/decisions/0401-negotiation.md): positions, approvals, comments, deadlines, status
// and versions. One command per file under `negotiation/`; each runs its write, its audit rows and its automatic
// version in one transaction, then bumps the document's negotiation revision so that every open browser refetches
// (docs/decisions/0402-negotiation-commands-in-one-transaction.md). This index keeps the names that routes, the
// collaboration server and tests import.
export { actorOf, bumpNegotiation, refuse, type Actor, type NegotiationDeps } from "./negotiation/context.server";
export { statePosition, type PositionInput } from "./negotiation/state-position.server";
export { setOptionDeadline } from "./negotiation/set-deadline.server";
export { approveArticle } from "./negotiation/approve-article.server";
export type { CommentInput } from "./negotiation/comments.server";
export { addComment } from "./negotiation/add-comment.server";
export { replyToComment } from "./negotiation/reply-to-comment.server";
export { setThreadState } from "./negotiation/set-thread-state.server";
export { changeStatus } from "./negotiation/change-status.server";
export { noteClientEdit } from "./negotiation/note-client-edit.server";
export { createNamedVersion, createVersion } from "./negotiation/create-version.server";
export { restoreVersion } from "./negotiation/restore-version.server";
export { negotiationView } from "./negotiation/negotiation-view.server";
export { diffBetweenVersions, listVersions } from "./negotiation/versions.server";
