import type { ColumnType, Generated, Selectable } from 'kysely';
import type { SubjectType } from '@dondoc/domain';
import type { Json } from './directive.table.ts';

/** bigserial: read as a string, since it can outgrow a JS number. */
export type BigId = ColumnType<string, never, never>;

export interface EventTable {
  id: BigId;
  subject_type: SubjectType;
  subject_id: string;
  seq: number;
  type: string;
  actor: string;
  actor_user_id: string | null;
  payload: Json<Record<string, unknown>>;
  from_state: string | null;
  to_state: string;
  request_id: string | null;
  created_at: Generated<Date>;
}

export type AuditEvent = Selectable<EventTable>;
