import ical, { ICalAlarmType } from 'ical-generator';

/**
 * The deadline as a calendar entry (RFC 5545): one VEVENT at the deadline,
 * with an alarm a working-day's notice before, so it lands in the officer's
 * own calendar. Times are written in UTC; calendar apps show them locally.
 */
export function deadlineIcs(opts: { uid: string; dueAt: Date; summary: string; description: string; url: string }): string {
  const cal = ical({ prodId: { company: 'dondoc', product: 'dondoc', language: 'VI' }, name: 'dondoc' });
  const event = cal.createEvent({
    id: opts.uid,
    start: new Date(opts.dueAt.getTime() - 30 * 60_000),
    end: opts.dueAt,
    summary: opts.summary,
    description: opts.description,
    url: opts.url,
  });
  event.createAlarm({ type: ICalAlarmType.display, trigger: 24 * 3600, description: opts.summary });
  return cal.toString();
}
