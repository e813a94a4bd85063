import { z } from 'zod';
import { ValidationError } from './errors.ts';
import { text } from './text.schema.ts';

/** A unit's report on an assignment: what was done, and a value for targets of the task. */
export const reportInputSchema = z.strictObject({
  text: text({ min: 1, max: 20_000 }),
  values: z.record(z.string().max(63), z.number().finite()).default({}),
});
export type ReportInput = z.infer<typeof reportInputSchema>;

export interface TargetDefinition {
  code: string;
  unitOfMeasure: string;
}

/**
 * Checks reported values against the task's targets: only targets the task
 * has, no negative counts, percentages between 0 and 100.
 */
export function checkReportValues(targets: readonly TargetDefinition[], values: Record<string, number>): void {
  const byCode = new Map(targets.map((t) => [t.code, t]));
  for (const [code, value] of Object.entries(values)) {
    const field = `values.${code}`;
    const target = byCode.get(code);
    if (!target) throw new ValidationError(`Nhiệm vụ không có chỉ tiêu "${code}".`, `The task has no target "${code}".`, field);
    if (value < 0) throw new ValidationError(`Giá trị của "${code}" không được âm.`, `The value of "${code}" cannot be negative.`, field);
    if (target.unitOfMeasure === '%' && value > 100) {
      throw new ValidationError(`Tỷ lệ "${code}" phải từ 0 đến 100.`, `The percentage "${code}" must be between 0 and 100.`, field);
    }
  }
}
