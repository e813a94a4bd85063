import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadCalendar, removeCalendarOverrideInTransaction, setCalendarOverrideInTransaction, updateCalendarSettingsInTransaction } from '@dondoc/db';
import {
  ForbiddenError,
  NotFoundError,
  calendarOverrideSchema,
  calendarSettingsSchema,
  type CalendarSettings,
  gioToHungVuong,
  localDate,
  tetNguyenDan,
  workingDaysBetween,
  ymd,
} from '@dondoc/domain';
import { canAdminister, type Caller } from '../auth/policy.ts';
import { runPost } from '../http/idempotency.ts';
import type { ApiDeps } from '../deps.ts';
import { actorOf } from './shared.ts';

const adminOnly = (c: Caller) => {
  if (!canAdminister(c)) throw new ForbiddenError('Chỉ quản trị hệ thống được sửa lịch làm việc.', 'Only an administrator changes the working calendar.');
};

/** The working calendar, for the Office to check, and the decisions that change it. */
export function calendarRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/calendar/:year', { schema: { params: z.strictObject({ year: z.coerce.number().int().min(1900).max(2100) }) } }, async (request) => {
    const { year } = request.params;
    const cal = await loadCalendar(deps.db);
    return {
      year,
      tetNguyenDan: tetNguyenDan(year),
      gioToHungVuong: gioToHungVuong(year),
      weekend: cal.settings.weekend,
      workingHours: cal.settings.workingHours,
      workingDays: workingDaysBetween(cal, ymd(year - 1, 12, 31), ymd(year, 12, 31)),
      days: cal.specialDays(year).map((d) => ({ date: d.date, working: d.working, kind: d.kind, reason: { vi: d.reasonVi, en: d.reasonEn } })),
    };
  });

  r.post('/calendar/overrides', { schema: { body: calendarOverrideSchema } }, async (request, reply) => {
    adminOnly(request.principal);
    await runPost(deps.db, request, reply, async (tx) => ({
      status: 200,
      body: { override: request.body, moved: await setCalendarOverrideInTransaction(tx, request.body, actorOf(request), { requestId: request.id }) },
    }));
  });

  r.patch('/calendar/settings', { schema: { body: calendarSettingsSchema } }, async (request) => {
    adminOnly(request.principal);
    const moved = await deps.db
      .transaction()
      .execute((tx) => updateCalendarSettingsInTransaction(tx, request.body as Partial<CalendarSettings>, actorOf(request), { requestId: request.id }));
    const cal = await loadCalendar(deps.db);
    return { settings: cal.settings, moved };
  });

  r.delete('/calendar/overrides/:date', { schema: { params: z.strictObject({ date: localDate }) } }, async (request) => {
    adminOnly(request.principal);
    const moved = await deps.db
      .transaction()
      .execute((tx) => removeCalendarOverrideInTransaction(tx, request.params.date, actorOf(request), { requestId: request.id }));
    if (!moved) throw new NotFoundError('quyết định lịch cho ngày', 'calendar override for', request.params.date);
    return { moved };
  });
}
