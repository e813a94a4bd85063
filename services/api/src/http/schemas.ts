import { z } from 'zod';
import { directiveTypes, issueText, localDate, reportInputSchema, text } from '@dondoc/domain';
import { DIRECTIVE_STATES } from '@dondoc/workflows';
import type { AssignmentCommand } from '../auth/policy.ts';

/**
 * The request schemas: each command and query is checked by one schema, used
 * by its API route (through Fastify's validator) and by the web page that
 * offers it (through `web/form.ts`), so a form can never store what the API
 * refuses.
 */

export const idParams = z.strictObject({ id: z.uuid() });

export const expectedVersion = z.number().int().positive().optional();
const reason = text({ min: 1, max: 2000 });
const comment = text({ max: 2000 }).optional();

/** The body of each assignment command, by the path segment that names it. */
export const assignmentCommands = {
  acknowledge: { event: 'ACKNOWLEDGE', body: z.strictObject({ expectedVersion }).nullish() },
  start: { event: 'START', body: z.strictObject({ expectedVersion }).nullish() },
  'submit-report': { event: 'SUBMIT_REPORT', body: reportInputSchema.extend({ expectedVersion }) },
  approve: { event: 'APPROVE', body: z.strictObject({ comment, expectedVersion }).nullish() },
  return: { event: 'RETURN', body: z.strictObject({ reason, expectedVersion }) },
  'request-extension': { event: 'REQUEST_EXTENSION', body: z.strictObject({ dueDate: localDate, reason, expectedVersion }) },
  'grant-extension': { event: 'GRANT_EXTENSION', body: z.strictObject({ comment, expectedVersion }).nullish() },
  'deny-extension': { event: 'DENY_EXTENSION', body: z.strictObject({ reason, expectedVersion }) },
  cancel: { event: 'CANCEL', body: z.strictObject({ reason, expectedVersion }) },
} as const satisfies Record<string, { event: AssignmentCommand; body: z.ZodType }>;

const slug = z.string().regex(/^[a-z0-9-]{1,63}$/, issueText('validation.code'));

/** Filters of the directive list (the API's `GET /directives` and the web page's search form). */
export const directiveListQuery = z.strictObject({
  state: z.enum(DIRECTIVE_STATES).optional(),
  issuer: slug.optional(),
  type: z.enum(directiveTypes).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  dueBefore: localDate.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  unit: slug.optional(),
  /** Part of the number and symbol, or of an ordinary directive's subject. */
  q: text({ max: 100 }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A unit's periodic report: text, a value per target, up to three attachments (base64). */
export const unitReportSubmitBody = z.strictObject({
  text: text({ min: 1, max: 20_000 }),
  values: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), z.number().finite()).default({}),
  attachments: z
    .array(
      z.strictObject({
        filename: z.string().regex(/^[\p{L}\p{N} ._()-]{1,120}$/u, issueText('validation.fileName')),
        contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, issueText('validation.fileType')),
        dataBase64: z.base64(),
      }),
    )
    .max(3)
    .default([]),
  expectedVersion,
});

export const unitReportReturnBody = z.strictObject({ reason, expectedVersion });
export const unitReportAcceptBody = z.strictObject({ comment, expectedVersion }).nullish();

/** The sign-in form. */
export const signInBody = z.object({
  email: text({ min: 1, max: 254 }),
  password: z
    .string()
    .min(1, issueText('validation.password'))
    .max(1024)
    .refine((s) => !s.includes('\u0000'), issueText('validation.controlChars')),
});
