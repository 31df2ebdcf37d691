import type * as Y from "yjs";

/** What routes may ask of the collaboration server, passed to them through the load context. */
export interface CollabService {
  readDocument(conventionId: string): Promise<Y.Doc>;
  disconnectSession(sessionToken: string): void;
  /** Changes the document as the server (one transaction); every open browser receives it and it is saved. */
  updateDocument(conventionId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** Re-checks the sockets open on a convention now (after a status or membership change). */
  refreshAccess(conventionId: string): Promise<void>;
}
