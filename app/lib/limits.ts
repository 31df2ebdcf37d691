/** Named limits shared by forms, APIs and the server. */
export const LIMITS = {
  emailMax: 254,
  passwordMax: 200,
  titleMax: 200,
  reasonMax: 2_000,
  commentMax: 5_000,
  jsonBodyBytes: 256 * 1024,
} as const;
