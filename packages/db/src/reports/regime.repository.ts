import { DuplicateError, NotFoundError, periodDeadlines, periodOf, regimeInputSchema, toValidationError, type Period, type RegimeInput } from '@dondoc/domain';
import type { Db, DbOrTx } from '../database.ts';
import { loadCalendar } from '../calendar.reader.ts';
import type { ReportingRegime } from '../tables/report.table.ts';

export function parseRegimeInput(raw: unknown): RegimeInput {
  const parsed = regimeInputSchema.safeParse(raw);
  if (!parsed.success) throw toValidationError(parsed.error.issues[0]!);
  return parsed.data;
}

/** Puts a reporting regime on a directive: one of each kind at most. */
export async function createRegime(db: DbOrTx, directiveId: string, input: RegimeInput): Promise<ReportingRegime> {
  const directive = await db.selectFrom('directives').select('id').where('id', '=', directiveId).executeTakeFirst();
  if (!directive) throw new NotFoundError('văn bản chỉ đạo', 'directive', directiveId);
  const taken = await db.selectFrom('reporting_regimes').select('id').where('directive_id', '=', directiveId).where('kind', '=', input.kind).executeTakeFirst();
  if (taken) throw new DuplicateError(`Văn bản đã có chế độ báo cáo "${input.kind}".`, `The directive already has a ${input.kind} regime.`, 'kind');
  return db
    .insertInto('reporting_regimes')
    .values({ directive_id: directiveId, kind: input.kind, due_rule: JSON.stringify(input.dueRule), close_after_working_days: input.closeAfterWorkingDays })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The period of a regime to open for a date (computed kinds), or the period
 * given (a campaign, an ad hoc report), with its due and closing times from the
 * regime's rule and the calendar.
 */
export async function periodToOpen(
  db: DbOrTx,
  regime: ReportingRegime,
  opts: { date?: string; period?: Period },
): Promise<{ key: string; startsOn: string; endsOn: string; dueAt: Date; closesAt: Date }> {
  const period = opts.period ?? periodOf(regime.kind, opts.date!);
  const { dueAt, closesAt } = periodDeadlines(
    await loadCalendar(db),
    regimeInputSchema.parse({ kind: regime.kind, dueRule: regime.due_rule }).dueRule,
    period,
    regime.close_after_working_days,
  );
  return { ...period, dueAt, closesAt };
}

/** Opens the current period of every active computed regime whose period has begun (the hourly job). */
export async function openDuePeriods(
  db: Db,
  today: string,
  open: (regimeId: string, p: Awaited<ReturnType<typeof periodToOpen>>) => Promise<unknown>,
): Promise<number> {
  const regimes = await db
    .selectFrom('reporting_regimes')
    .selectAll()
    .where('active', '=', true)
    .where('kind', 'not in', ['ad_hoc', 'end_of_campaign'])
    .execute();
  let opened = 0;
  for (const r of regimes) {
    const p = await periodToOpen(db, r, { date: today });
    const exists = await db.selectFrom('report_periods').select('id').where('regime_id', '=', r.id).where('period_key', '=', p.key).executeTakeFirst();
    if (!exists) {
      await open(r.id, p);
      opened++;
    }
  }
  return opened;
}
