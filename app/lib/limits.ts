import { MAX_DECOMPTE_BYTES } from "../domain/decompte/limits";
import { MAX_INVENTORY_BYTES } from "../domain/inventory/limits";

/** Named limits shared by forms, APIs and the server. */
export const LIMITS = {
  emailMax: 254,
  passwordMax: 200,
  titleMax: 200,
  reasonMax: 2_000,
  commentMax: 5_000,
  jsonBodyBytes: 256 * 1024,
} as const;

/**
 * Largest request body per class of route, enforced by the express pipeline before anything reads the body
 * (server/body-limits.ts): by Content-Length when the client declares it, by counting bytes otherwise.
 */
export const BODY_LIMITS = {
  /** `/api/*`: JSON payloads (a comment of 5 000 characters is about 20 Ko). */
  json: LIMITS.jsonBodyBytes,
  /** The inventory upload: the file's own limit plus room for the multipart envelope and the year field. */
  inventoryUpload: MAX_INVENTORY_BYTES + 64 * 1024,
  /** A year's décompte events (page and API): the file's own limit plus the envelope, the year and the answers. */
  decompteUpload: MAX_DECOMPTE_BYTES + 64 * 1024,
  /** Every other form (login, logout, new convention): a few fields. */
  form: 16 * 1024,
} as const;

/** Bounds on the shape of JSON bodies, checked while parsing them (app/lib/json-body.ts). */
export const JSON_LIMITS = {
  /** Deepest nesting of objects and arrays: the API's payloads need 3. */
  maxDepth: 32,
} as const;
