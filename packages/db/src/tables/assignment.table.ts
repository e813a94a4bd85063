import type { Generated, Selectable } from 'kysely';
import type { AssignmentRole } from '@dondoc/domain';
import type { Json } from './directive.table.ts';

export interface AssignmentTable {
  id: Generated<string>;
  task_id: string;
  directive_id: string;
  unit_id: string;
  role: AssignmentRole;
  requested: boolean;
  machine_id: string;
  machine_version: number;
  snapshot: Json<unknown>;
  version: Generated<number>;
  state: string;
  due_at: Date | null;
  overdue: Generated<boolean>;
  escalation_level: Generated<number>;
  /** When the latest report was submitted (null before any). */
  reported_at: Date | null;
  /** How often a report was sent back. */
  returns: Generated<number>;
  /** Whether an extension was ever granted (the deadline as issued is then the task's). */
  extended: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Assignment = Selectable<AssignmentTable>;
