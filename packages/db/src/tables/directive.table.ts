import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AssignmentRole, Classification, DeadlineKind, DirectiveType } from '@dondoc/domain';

/** A date column: read as `yyyy-mm-dd` (see the type parser in connection.ts). */
export type DateColumn = ColumnType<string, string, string>;
export type Json<T> = ColumnType<T, string, string>;

export interface DirectiveTable {
  id: Generated<string>;
  type: DirectiveType;
  number_symbol: string;
  issuer_unit_id: string;
  signer: string;
  issued_on: DateColumn;
  issue_year: ColumnType<number, never, never>;
  subject: string;
  body: string;
  classification: Classification;
  campaign_label: string | null;
  campaign_starts_on: DateColumn | null;
  campaign_ends_on: DateColumn | null;
  monitoring_unit_id: string;
  /** The reminder and escalation policies the directive was issued with. */
  reminder_policy: Json<unknown> | null;
  escalation_policy: Json<unknown> | null;
  machine_id: string;
  machine_version: number;
  snapshot: Json<unknown>;
  version: Generated<number>;
  state: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface Addressee {
  unit?: string;
  group?: string;
  role: AssignmentRole;
}

export interface TaskTable {
  id: Generated<string>;
  directive_id: string;
  ordinal: number;
  title: string;
  body: string;
  is_request: boolean;
  lead_unit_id: string | null;
  addressees: Json<Addressee[]>;
  deadline_kind: DeadlineKind;
  deadline_date: DateColumn | null;
  deadline_working_days: number | null;
  due_at: Date | null;
}

export interface TaskTargetTable {
  id: Generated<string>;
  task_id: string;
  code: string;
  name: string;
  unit_of_measure: string;
  /** numeric: read as a string to keep its precision. */
  target_value: ColumnType<string, number, number>;
  /** How units' values add up: summed, or the latest level (a percentage) averaged. */
  aggregate: Generated<'sum' | 'latest'>;
}

export type Directive = Selectable<DirectiveTable>;
export type Task = Selectable<TaskTable>;

/** A closed directive's four figures, counted once when it closed (closed-directive-figures.ts). */
export interface ClosedDirectiveFiguresTable {
  directive_id: string;
  done_on_time: number;
  done_after_extension: number;
  done_late: number;
  open_on_time: number;
  open_overdue: number;
  counted_at: Generated<Date>;
}

/** A directive's live assignments counted by roll-up rank (migration 0012); the engine moves one count per assignment change. */
export interface DirectiveProgressTable {
  directive_id: string;
  issued: Generated<number>;
  assigned: Generated<number>;
  working: Generated<number>;
  reported: Generated<number>;
  reviewed: Generated<number>;
}
