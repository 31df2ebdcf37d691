/**
 * The Yjs map the server bumps after every negotiation write (positions, approvals, comments, status, versions), so
 * that every open browser refetches the negotiation view without reload. It carries no data of its own.
 */
export const NEGOTIATION_MAP = "negotiation";
export const NEGOTIATION_REV = "rev";
