/** Names of the shared types inside a convention's Yjs document; a contract between the browser and the server. */
export const BODY_FRAGMENT = "body";

/** The websocket path of a convention's document. */
export const collabPath = (conventionId: string) => `/collab/${encodeURIComponent(conventionId)}`;

/** Close codes of the collaboration socket, mirroring HTTP statuses. */
export const CLOSE_CODES = {
  badRequest: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooLarge: 4413,
  shuttingDown: 4503,
} as const;

/** Codes after which reconnecting cannot succeed without the user doing something. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE_CODES.unauthorized,
  CLOSE_CODES.forbidden,
  CLOSE_CODES.notFound,
]);
