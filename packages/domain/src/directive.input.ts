import { z } from 'zod';
import { assignmentRoles, classifications, directiveTypes } from './model.ts';
import { code, localDate, text } from './text.schema.ts';
import { issueText } from './validation.ts';
import { escalationPolicySchema, reminderPolicySchema } from './policy/follow-up.policy.ts';

/**
 * What it takes to issue a directive: the document, its tasks, who each task is
 * addressed to (units or unit groups, by code) and the targets it sets. The API,
 * the CLI and the demo seed all go through this one schema.
 */

export const deadlineSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), date: localDate }),
  z.strictObject({ kind: z.literal('working_days'), days: z.number().int().min(1).max(365) }),
  z.strictObject({ kind: z.literal('standing') }),
]);

export const addresseeSchema = z
  .object({
    unit: code.optional(),
    group: code.optional(),
    role: z.enum(assignmentRoles).default('lead'),
  })
  .refine((a) => (a.unit === undefined) !== (a.group === undefined), {
    message: issueText('validation.unitOrGroup'),
  });

export const targetSchema = z.strictObject({
  code,
  name: text({ min: 1, max: 300 }),
  unitOfMeasure: text({ min: 1, max: 40 }),
  targetValue: z.number().finite().nonnegative(),
  /** How units' reported values add up: summed (counts), or the latest level averaged (rates). Default: `latest` for %, else `sum`. */
  aggregate: z.enum(['sum', 'latest']).optional(),
});

export const taskInputSchema = z.strictObject({
  ordinal: z.number().int().min(1),
  title: text({ min: 1, max: 300 }),
  body: text({ max: 20_000 }).default(''),
  /** The section is a request ("Đề nghị ...") to bodies the Committee does not command. */
  request: z.boolean().default(false),
  deadline: deadlineSpecSchema,
  addressees: z.array(addresseeSchema).min(1),
  targets: z.array(targetSchema).default([]),
});

export const directiveInputSchema = z
  .strictObject({
    type: z.enum(directiveTypes),
    /** Số, ký hiệu: "146/KH-UBND", "913/UBND-NC", "792-CV/TU". */
    numberSymbol: z
      .string()
      .trim()
      .max(60)
      .regex(/^\d+[/-][\p{L}\p{N}/.-]+$/u, issueText('validation.numberSymbol')),
    issuerUnit: code,
    signer: text({ min: 1, max: 200 }),
    issuedOn: localDate,
    subject: text({ min: 1, max: 1000 }),
    body: text({ max: 200_000 }).default(''),
    classification: z.enum(classifications).default('thuong'),
    campaign: z
      .strictObject({ label: text({ min: 1, max: 300 }), startsOn: localDate, endsOn: localDate })
      .refine((c) => c.startsOn <= c.endsOn, { message: issueText('validation.campaignEnds') })
      .optional(),
    monitoringUnit: code,
    /** When to remind units before their deadlines; the province's default if left out. */
    reminderPolicy: reminderPolicySchema.optional(),
    /** When to climb the ladder after them; the province's default if left out. */
    escalationPolicy: escalationPolicySchema.optional(),
    tasks: z.array(taskInputSchema).min(1).max(200),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<number>();
    const codes = new Set<string>();
    for (const [i, t] of d.tasks.entries()) {
      for (const [j, g] of t.targets.entries()) {
        if (codes.has(g.code))
          ctx.addIssue({ code: 'custom', path: ['tasks', i, 'targets', j, 'code'], message: issueText('validation.duplicateTarget', { code: g.code }) });
        codes.add(g.code);
      }
      if (seen.has(t.ordinal))
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'ordinal'], message: issueText('validation.duplicateTask', { ordinal: t.ordinal }) });
      seen.add(t.ordinal);
      if (t.deadline.kind === 'date' && t.deadline.date < d.issuedOn)
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'deadline', 'date'], message: issueText('validation.deadlineBeforeIssue') });
    }
  });

export type DirectiveInput = z.infer<typeof directiveInputSchema>;
export type TaskInput = z.infer<typeof taskInputSchema>;
