// One zod schema per negotiation payload, used by the browser forms and re-checked by the API routes.
import { z } from "zod";
import { MESSAGES } from "../../lib/messages";
import { CONVENTION_STATUSES } from "../../lib/status";
import { POSITIONS } from "./positions";

export const NEGOTIATION_LIMITS = {
  reasonMax: 2_000,
  commentMax: 5_000,
  versionNameMax: 200,
  anchorMaxChars: 2_000,
  keyMax: 100,
} as const;

const key = z.string().trim().min(1).max(NEGOTIATION_LIMITS.keyMax);

export const PositionSchema = z
  .object({
    option: key.or(z.string()).pipe(z.string().min(1, MESSAGES.POSITION_OPTION_UNKNOWN)),
    position: z.enum(POSITIONS, { message: MESSAGES.POSITION_INVALID }),
    reason: z.string({ message: MESSAGES.POSITION_REASON_REQUIRED }).trim().min(1, MESSAGES.POSITION_REASON_REQUIRED).max(NEGOTIATION_LIMITS.reasonMax, MESSAGES.POSITION_REASON_REQUIRED),
    condition: z.string().trim().max(NEGOTIATION_LIMITS.reasonMax, MESSAGES.POSITION_CONDITION_REQUIRED).nullish(),
    party: z.string().max(NEGOTIATION_LIMITS.keyMax).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.position === "sous_conditions" && !v.condition) ctx.addIssue({ code: "custom", path: ["condition"], message: MESSAGES.POSITION_CONDITION_REQUIRED });
  });

export const ApprovalSchema = z.object({ article: z.string({ message: MESSAGES.APPROVAL_ARTICLE_UNKNOWN }).min(1, MESSAGES.APPROVAL_ARTICLE_UNKNOWN).max(NEGOTIATION_LIMITS.keyMax) });

const commentBody = z
  .string({ message: MESSAGES.COMMENT_BODY_REQUIRED })
  .trim()
  .min(1, MESSAGES.COMMENT_BODY_REQUIRED)
  .max(NEGOTIATION_LIMITS.commentMax, MESSAGES.COMMENT_BODY_REQUIRED);

/** A Y.RelativePosition as JSON (Y.relativePositionToJSON): small objects only. */
const relativePosition = z
  .record(z.string(), z.unknown())
  .refine((v) => JSON.stringify(v).length <= NEGOTIATION_LIMITS.anchorMaxChars, MESSAGES.COMMENT_ANCHOR_INVALID);

export const CommentSchema = z.object({
  body: commentBody,
  article: z.string().max(NEGOTIATION_LIMITS.keyMax).nullish(),
  anchor: z
    .object({ from: relativePosition, to: relativePosition, quote: z.string().max(NEGOTIATION_LIMITS.anchorMaxChars).optional() }, { message: MESSAGES.COMMENT_ANCHOR_INVALID })
    .nullish(),
});

export const ReplySchema = z.object({ body: commentBody });

export const StatusSchema = z.object({
  status: z.enum(CONVENTION_STATUSES, { message: MESSAGES.STATUS_INVALID }),
  signatureDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, MESSAGES.STATUS_SIGNATURE_DATE_REQUIRED)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), MESSAGES.STATUS_SIGNATURE_DATE_REQUIRED)
    .nullish(),
});

export const VersionSchema = z.object({
  name: z.string({ message: MESSAGES.VERSION_NAME_REQUIRED }).trim().min(1, MESSAGES.VERSION_NAME_REQUIRED).max(NEGOTIATION_LIMITS.versionNameMax, MESSAGES.VERSION_NAME_REQUIRED),
});

/** Actions without a body (resolve, reopen, restore) accept an empty JSON object. */
export const EmptySchema = z.object({}).passthrough();

/** The pilot's deadline for a negotiable option: an existing calendar date, or null to remove it. */
export const DeadlineSchema = z.object({
  option: z.string({ message: MESSAGES.POSITION_OPTION_UNKNOWN }).trim().min(1, MESSAGES.POSITION_OPTION_UNKNOWN).max(NEGOTIATION_LIMITS.keyMax),
  deadline: z
    .string({ message: MESSAGES.DEADLINE_INVALID })
    .regex(/^\d{4}-\d{2}-\d{2}$/, MESSAGES.DEADLINE_INVALID)
    .refine((d) => {
      const parsed = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
    }, MESSAGES.DEADLINE_INVALID)
    .nullable(),
});
