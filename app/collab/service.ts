import type * as Y from "yjs";

/** What routes may ask of the collaboration server, passed to them through the load context. */
export interface CollabService {
  readDocument(conventionId: string): Promise<Y.Doc>;
  disconnectSession(sessionToken: string): void;
}
