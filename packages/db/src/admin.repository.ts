import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from './database.ts';
import type { UnitTable, UserTable } from './tables/unit.table.ts';

/** Units as the administration lists them: with their parent's code, by code. */
function unitRecords(db: DbOrTx) {
  return db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'p.code as parent_code', 'u.commanded', 'u.head_name', 'u.head_email', 'u.focal_name', 'u.focal_email'])
    .orderBy('u.code');
}

export async function listUnitRecords(db: DbOrTx) {
  return unitRecords(db).execute();
}

export async function getUnitRecord(db: DbOrTx, by: { id: string } | { code: string }) {
  return ('id' in by ? unitRecords(db).where('u.id', '=', by.id) : unitRecords(db).where('u.code', '=', by.code)).executeTakeFirstOrThrow();
}

/** The id of the unit with a code; with `forUpdate`, the unit's row stays locked until the transaction ends. */
export async function findUnitIdByCode(db: DbOrTx, code: string, opts: { forUpdate?: boolean } = {}): Promise<string | undefined> {
  const u = await db
    .selectFrom('units')
    .select('id')
    .where('code', '=', code)
    .$if(opts.forUpdate === true, (q) => q.forUpdate())
    .executeTakeFirst();
  return u?.id;
}

/** Whether any unit exists (an empty database is seeded on start). */
export async function hasUnits(db: DbOrTx): Promise<boolean> {
  return (await db.selectFrom('units').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Whether `unitId` is `parentId` or one of the units above it. */
export async function isAtOrAbove(db: DbOrTx, unitId: string, parentId: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE up AS (SELECT id, parent_id FROM units WHERE id = ${parentId}
      UNION ALL SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
    SELECT id FROM up WHERE id = ${unitId}`.execute(db);
  return rows.length > 0;
}

export async function insertUnit(db: DbOrTx, unit: Insertable<UnitTable>): Promise<void> {
  await db.insertInto('units').values(unit).execute();
}

export async function updateUnit(db: DbOrTx, id: string, changes: Updateable<UnitTable>): Promise<void> {
  await db.updateTable('units').set(changes).where('id', '=', id).execute();
}

/** Users as the administration lists them: with their unit's code, by email. */
function userRecords(db: DbOrTx) {
  return db
    .selectFrom('users as s')
    .innerJoin('units as n', 'n.id', 's.unit_id')
    .select(['s.id', 's.email', 's.name', 's.role', 'n.code as unit', 's.disabled_at', 's.locale', 's.mail_digest'])
    .orderBy('s.email');
}

export async function listUserRecords(db: DbOrTx) {
  return userRecords(db).execute();
}

export async function getUserRecord(db: DbOrTx, id: string) {
  return userRecords(db).where('s.id', '=', id).executeTakeFirstOrThrow();
}

export async function userExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The id of the user with an email, compared without case. */
export async function findUserIdByEmail(db: DbOrTx, email: string): Promise<string | undefined> {
  const u = await db.selectFrom('users').select('id').where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
  return u?.id;
}

export async function insertUser(db: DbOrTx, user: Insertable<UserTable>): Promise<string> {
  const { id } = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUser(db: DbOrTx, id: string, changes: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}
