import { apply, type Applied, type Db, type EngineEvent } from '@dondoc/db';
import type { Actor } from '@dondoc/domain';

export const officeActor: Actor = { kind: 'system', label: 'test-office' };

const defaults: Record<string, Partial<EngineEvent>> = {
  SUBMIT_REPORT: { text: 'Đã triển khai đầy đủ các nội dung.' } as never,
  RETURN: { reason: 'Báo cáo thiếu số liệu cụ thể.' } as never,
  CANCEL: { reason: 'Không còn phù hợp.' } as never,
};

/** Applies events to an assignment one after another; strings become events with sensible fields. */
export async function drive(db: Db, assignmentId: string, ...events: (EngineEvent | EngineEvent['type'])[]) {
  let last: Applied | undefined;
  for (const e of events) {
    const event = typeof e === 'string' ? ({ ...defaults[e], type: e } as EngineEvent) : e;
    last = await apply(db, { subject: { type: 'assignment', id: assignmentId }, event, actor: officeActor });
  }
  return last!;
}

export async function directiveState(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('directives').select('state').where('id', '=', id).executeTakeFirstOrThrow();
  return row.state;
}

export async function count(db: Db, table: 'events' | 'outbox' | 'timers' | 'assignments'): Promise<number> {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
