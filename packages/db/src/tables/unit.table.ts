import type { Generated, Selectable } from 'kysely';
import type { UnitKind, UserRole } from '@dondoc/domain';

export interface UnitTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: string | null;
  commanded: Generated<boolean>;
  head_name: string | null;
  head_email: string | null;
  focal_name: string | null;
  focal_email: string | null;
  created_at: Generated<Date>;
}

export interface UnitGroupTable {
  code: string;
  name: string;
}

export interface UnitGroupMemberTable {
  group_code: string;
  unit_id: string;
}

export interface UserTable {
  id: Generated<string>;
  unit_id: string;
  role: UserRole;
  email: string;
  name: string;
  disabled_at: Date | null;
  locale: Generated<'vi' | 'en'>;
  /** Gets reminders and escalations of their unit as one mail each working morning. */
  mail_digest: Generated<boolean>;
  /** argon2id; null: no web sign-in. */
  password_hash: string | null;
  created_at: Generated<Date>;
}

export interface SessionTable {
  token_hash: Buffer;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export type Unit = Selectable<UnitTable>;
export type User = Selectable<UserTable>;
