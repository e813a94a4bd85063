import type { Kysely, Transaction } from 'kysely';
import type { ApiTokenTable, IdempotencyKeyTable } from './tables/access.table.ts';
import type { CalendarDayTable, CalendarOverrideTable, CalendarSettingsTable, ProvinceSettingsTable } from './tables/calendar.table.ts';
import type { ReportAttachmentTable, ReportingRegimeTable, ReportPeriodTable, UnitReportTable } from './tables/report.table.ts';
import type { AssignmentTable } from './tables/assignment.table.ts';
import type { CaughtMailTable } from './tables/caught-mail.table.ts';
import type { ClosedDirectiveFiguresTable, DirectiveProgressTable, DirectiveTable, TaskTable, TaskTargetTable } from './tables/directive.table.ts';
import type { EventTable } from './tables/event.table.ts';
import type { NotificationTable, OutboxTable, TimerTable } from './tables/outbox.table.ts';
import type { SessionTable, UnitGroupMemberTable, UnitGroupTable, UnitTable, UserTable } from './tables/unit.table.ts';

export interface Database {
  units: UnitTable;
  unit_groups: UnitGroupTable;
  unit_group_members: UnitGroupMemberTable;
  users: UserTable;
  directives: DirectiveTable;
  closed_directive_figures: ClosedDirectiveFiguresTable;
  directive_progress: DirectiveProgressTable;
  tasks: TaskTable;
  task_targets: TaskTargetTable;
  assignments: AssignmentTable;
  events: EventTable;
  outbox: OutboxTable;
  timers: TimerTable;
  api_tokens: ApiTokenTable;
  idempotency_keys: IdempotencyKeyTable;
  calendar_settings: CalendarSettingsTable;
  calendar_overrides: CalendarOverrideTable;
  calendar_days: CalendarDayTable;
  notifications: NotificationTable;
  province_settings: ProvinceSettingsTable;
  reporting_regimes: ReportingRegimeTable;
  report_periods: ReportPeriodTable;
  unit_reports: UnitReportTable;
  report_attachments: ReportAttachmentTable;
  sessions: SessionTable;
  caught_mail: CaughtMailTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;
