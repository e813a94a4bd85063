import type { Generated, Selectable } from 'kysely';
import type { Json } from './directive.table.ts';

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  token_hash: Buffer;
  label: Generated<string>;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  request_hash: Buffer;
  status: number;
  response: Json<unknown>;
  created_at: Generated<Date>;
}

export type ApiToken = Selectable<ApiTokenTable>;
