import type { ColumnType, Generated, Selectable } from 'kysely';
import type { RegimeKind } from '@dondoc/domain';
import type { DateColumn, Json } from './directive.table.ts';

export interface ReportingRegimeTable {
  id: Generated<string>;
  directive_id: string;
  kind: RegimeKind;
  due_rule: Json<unknown>;
  close_after_working_days: Generated<number>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ReportPeriodTable {
  id: Generated<string>;
  regime_id: string;
  directive_id: string;
  period_key: string;
  starts_on: DateColumn;
  ends_on: DateColumn;
  due_at: Date;
  closes_at: Date;
  state: Generated<'open' | 'closed'>;
  version: Generated<number>;
  approved_consolidation: Json<unknown> | null;
  approved_at: Date | null;
  approved_by: string | null;
  created_at: Generated<Date>;
}

export interface UnitReportTable {
  id: Generated<string>;
  period_id: string;
  unit_id: string;
  requested: Generated<boolean>;
  machine_id: string;
  machine_version: number;
  snapshot: Json<unknown>;
  version: Generated<number>;
  state: string;
  late: Generated<boolean>;
  escalation_level: Generated<number>;
  submitted_at: Date | null;
  text: string | null;
  values: Json<Record<string, number>> | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReportAttachmentTable {
  id: Generated<string>;
  unit_report_id: string;
  filename: string;
  content_type: string;
  size: number;
  data: ColumnType<Buffer, Buffer, Buffer>;
  created_at: Generated<Date>;
}

export type ReportingRegime = Selectable<ReportingRegimeTable>;
export type ReportPeriod = Selectable<ReportPeriodTable>;
export type UnitReport = Selectable<UnitReportTable>;
