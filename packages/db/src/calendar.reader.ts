import { WorkingCalendar } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';

/** The province's calendar as the database holds it now. Small: read it where it is needed. */
export async function loadCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  const [settings, overrides] = await Promise.all([
    db.selectFrom('calendar_settings').selectAll().executeTakeFirstOrThrow(),
    db.selectFrom('calendar_overrides').select(['date', 'kind', 'reason']).orderBy('date').execute(),
  ]);
  return new WorkingCalendar({ weekend: settings.weekend, workingHours: settings.working_hours, extraHolidays: settings.extra_holidays }, overrides);
}
