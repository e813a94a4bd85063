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
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Assignment = Selectable<AssignmentTable>;
