import type { ColumnType, Generated } from 'kysely';

/** A message the embedded mail catcher received (see the 0009 migration). */
export interface CaughtMailTable {
  /** bigint, read as a string by pg; numbered in order of arrival. */
  id: ColumnType<string, never, never>;
  caught_at: Generated<Date>;
  envelope_to: string[];
  from_text: Generated<string>;
  subject: string | null;
  text_body: string | null;
  raw: string;
}
