import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Json } from './directive.table.ts';

export interface CalendarSettingsTable {
  id: Generated<number>;
  weekend: ColumnType<number[], number[], number[]>;
  working_hours: Json<[string, string][]>;
  extra_holidays: Json<{ monthDay: string; nameVi: string; nameEn: string }[]>;
  updated_at: Generated<Date>;
}

export interface CalendarOverrideTable {
  date: DateColumn;
  kind: 'day_off' | 'working_day';
  reason: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface ProvinceSettingsTable {
  id: Generated<number>;
  reminder_policy: Json<unknown>;
  escalation_policy: Json<unknown>;
  updated_at: Generated<Date>;
}

/** The calendar day by day (calendar-days.ts writes it from the domain's calendar). */
export interface CalendarDayTable {
  day: DateColumn;
  working: boolean;
  /** Working days from the start of the range up to and including this day. */
  ordinal: number;
}
