import type { Generated, Selectable } from 'kysely';
import type { SubjectType } from '@dondoc/domain';
import type { Json } from './directive.table.ts';
import type { BigId } from './event.table.ts';

export interface OutboxTable {
  id: BigId;
  queue: string;
  job_name: string;
  /** null: the relay uses `outbox-<id>`. */
  job_id: string | null;
  payload: Json<Record<string, unknown>>;
  deliver_at: Date | null;
  request_id: string | null;
  created_at: Generated<Date>;
  published_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Date | null;
  /** A relay publishing the row holds it until then. */
  claimed_until: Date | null;
}

export type TimerStatus = 'pending' | 'fired' | 'cancelled';

export interface TimerTable {
  id: BigId;
  subject_type: SubjectType;
  subject_id: string;
  kind: string;
  generation: number;
  /** Which reminder (1, 2, …) or which rung of the ladder; 0 for the deadline. */
  step: Generated<number>;
  fire_at: Date;
  status: Generated<TimerStatus>;
  created_at: Generated<Date>;
  settled_at: Date | null;
}

export type OutboxRow = Selectable<OutboxTable>;
export type Timer = Selectable<TimerTable>;

/** failed: dead-lettered (a permanent refusal or every attempt used); only an operator's retry sends it again. */
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'held' | 'failed';

export interface NotificationTable {
  id: BigId;
  dedupe_key: string;
  template: string;
  subject_type: SubjectType | null;
  subject_id: string | null;
  user_id: string | null;
  to_address: string;
  locale: 'vi' | 'en';
  params: Json<Record<string, unknown>>;
  status: Generated<NotificationStatus>;
  claimed_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string;
  request_id: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  /** When it was dead-lettered, while `failed`. */
  failed_at: Date | null;
  /** How often an operator retried it after it failed; its job id counts them. */
  retries: Generated<number>;
}

export type Notification = Selectable<NotificationTable>;
