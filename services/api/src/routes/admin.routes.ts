import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createToken,
  findUnitIdByCode,
  findUserIdByEmail,
  getUnitRecord,
  getUserRecord,
  insertUnit,
  insertUser,
  isAtOrAbove,
  listUnitRecords,
  listUserRecords,
  revokeToken,
  updateUnit,
  updateUser,
  userExists,
  type DbOrTx,
} from '@dondoc/db';
import { DuplicateError, ForbiddenError, NotFoundError, ValidationError, code, text, unitKinds, userRoles } from '@dondoc/domain';
import { canAdminister, canListUnits, type Caller } from '../auth/policy.ts';
import { runPost } from '../http/idempotency.ts';
import type { ApiDeps } from '../deps.ts';

const email = z
  .email('địa chỉ thư không hợp lệ / not an email address')
  .max(254)
  .transform((e) => e.toLowerCase());
const contact = z.strictObject({ name: text({ min: 1, max: 200 }), email }).nullable();

const unitFields = {
  name: text({ min: 1, max: 300 }),
  kind: z.enum(unitKinds),
  parent: code.nullable(),
  commanded: z.boolean(),
  head: contact,
  focal: contact,
};
const unitBody = z.strictObject({
  ...unitFields,
  code,
  parent: unitFields.parent.default(null),
  commanded: unitFields.commanded.default(true),
  head: contact.default(null),
  focal: contact.default(null),
});
// No defaults here: a field left out of a PATCH stays as it is.
const nonEmpty = (o: object) => Object.keys(o).length > 0;
const nothingToChange = 'cần ít nhất một trường để thay đổi / give at least one field to change';
const unitPatch = z.strictObject(unitFields).partial().refine(nonEmpty, nothingToChange);

const userBody = z.strictObject({
  email,
  name: text({ min: 1, max: 200 }),
  role: z.enum(userRoles),
  unit: code,
  /** The language of the user's mail. */
  locale: z.enum(['vi', 'en']).default('vi'),
  /** Reminders and escalations as one mail each working morning instead of one by one. */
  mailDigest: z.boolean().default(false),
});
const userPatch = z
  .strictObject({
    name: text({ min: 1, max: 200 }),
    role: z.enum(userRoles),
    unit: code,
    disabled: z.boolean(),
    locale: z.enum(['vi', 'en']),
    mailDigest: z.boolean(),
  })
  .partial()
  .refine(nonEmpty, nothingToChange);

const adminOnly = (c: Caller) => {
  if (!canAdminister(c)) throw new ForbiddenError('Chỉ quản trị hệ thống được làm việc này.', 'Only an administrator may do this.');
};

async function unitId(db: DbOrTx, unitCode: string, field: string): Promise<string> {
  const id = await findUnitIdByCode(db, unitCode);
  if (!id) throw new ValidationError(`Không có đơn vị mã "${unitCode}".`, `There is no unit with code "${unitCode}".`, field);
  return id;
}

const unitView = (u: {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  commanded: boolean;
  head_name: string | null;
  head_email: string | null;
  focal_name: string | null;
  focal_email: string | null;
}) => ({
  id: u.id,
  code: u.code,
  name: u.name,
  kind: u.kind,
  parent: u.parent_code,
  commanded: u.commanded,
  head: u.head_name ? { name: u.head_name, email: u.head_email } : null,
  focal: u.focal_name ? { name: u.focal_name, email: u.focal_email } : null,
});

const userView = (u: {
  id: string;
  email: string;
  name: string;
  role: string;
  unit: string;
  disabled_at: Date | null;
  locale: string;
  mail_digest: boolean;
}) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  unit: u.unit,
  disabled: u.disabled_at !== null,
  locale: u.locale,
  mailDigest: u.mail_digest,
});

/** A unit's new parent must not be the unit itself or one of its descendants. */
async function checkNoCycle(db: DbOrTx, id: string, parentId: string): Promise<void> {
  if (await isAtOrAbove(db, id, parentId)) {
    throw new ValidationError(
      'Đơn vị cấp trên không thể là chính nó hoặc đơn vị cấp dưới của nó.',
      'A unit cannot be placed under itself or one of its own units.',
      'parent',
    );
  }
}

export function adminRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/me', async (request) => request.principal);

  r.get('/units', async (request) => {
    if (!canListUnits(request.principal)) {
      throw new ForbiddenError('Chỉ quản trị hoặc Văn phòng UBND tỉnh xem danh sách đơn vị.', 'Only administrators and the Office list units.');
    }
    return (await listUnitRecords(db)).map(unitView);
  });

  r.post('/units', { schema: { body: unitBody } }, async (request, reply) => {
    adminOnly(request.principal);
    const b = request.body;
    await runPost(db, request, reply, async (tx) => {
      if (await findUnitIdByCode(tx, b.code)) {
        throw new DuplicateError(`Mã đơn vị "${b.code}" đã có.`, `Unit code "${b.code}" is taken.`, 'code');
      }
      const parentId = b.parent ? await unitId(tx, b.parent, 'parent') : null;
      await insertUnit(tx, {
        code: b.code,
        name: b.name,
        kind: b.kind,
        parent_id: parentId,
        commanded: b.commanded,
        head_name: b.head?.name ?? null,
        head_email: b.head?.email ?? null,
        focal_name: b.focal?.name ?? null,
        focal_email: b.focal?.email ?? null,
      });
      return { status: 201, body: unitView(await getUnitRecord(tx, { code: b.code })) };
    });
  });

  r.patch('/units/:code', { schema: { params: z.strictObject({ code }), body: unitPatch } }, async (request) => {
    adminOnly(request.principal);
    const b = request.body;
    return db.transaction().execute(async (tx) => {
      const id = await findUnitIdByCode(tx, request.params.code, { forUpdate: true });
      if (!id) throw new NotFoundError('đơn vị', 'unit', request.params.code);
      let parentId: string | null | undefined;
      if (b.parent !== undefined) {
        parentId = b.parent === null ? null : await unitId(tx, b.parent, 'parent');
        if (parentId) await checkNoCycle(tx, id, parentId);
      }
      await updateUnit(tx, id, {
        ...(b.name !== undefined && { name: b.name }),
        ...(b.kind !== undefined && { kind: b.kind }),
        ...(parentId !== undefined && { parent_id: parentId }),
        ...(b.commanded !== undefined && { commanded: b.commanded }),
        ...(b.head !== undefined && { head_name: b.head?.name ?? null, head_email: b.head?.email ?? null }),
        ...(b.focal !== undefined && { focal_name: b.focal?.name ?? null, focal_email: b.focal?.email ?? null }),
      });
      return unitView(await getUnitRecord(tx, { id }));
    });
  });

  r.get('/users', async (request) => {
    adminOnly(request.principal);
    return (await listUserRecords(db)).map(userView);
  });

  r.post('/users', { schema: { body: userBody } }, async (request, reply) => {
    adminOnly(request.principal);
    const b = request.body;
    await runPost(db, request, reply, async (tx) => {
      if (await findUserIdByEmail(tx, b.email)) {
        throw new DuplicateError(`Địa chỉ thư "${b.email}" đã có người dùng.`, `A user with email "${b.email}" exists.`, 'email');
      }
      const id = await insertUser(tx, {
        email: b.email,
        name: b.name,
        role: b.role,
        unit_id: await unitId(tx, b.unit, 'unit'),
        disabled_at: null,
        locale: b.locale,
        mail_digest: b.mailDigest,
      });
      return { status: 201, body: userView(await getUserRecord(tx, id)) };
    });
  });

  r.patch('/users/:id', { schema: { params: z.strictObject({ id: z.uuid() }), body: userPatch } }, async (request) => {
    adminOnly(request.principal);
    const b = request.body;
    return db.transaction().execute(async (tx) => {
      const { id } = request.params;
      if (!(await userExists(tx, id))) throw new NotFoundError('người dùng', 'user', id);
      await updateUser(tx, id, {
        ...(b.name !== undefined && { name: b.name }),
        ...(b.role !== undefined && { role: b.role }),
        ...(b.unit !== undefined && { unit_id: await unitId(tx, b.unit, 'unit') }),
        ...(b.disabled !== undefined && { disabled_at: b.disabled ? new Date() : null }),
        ...(b.locale !== undefined && { locale: b.locale }),
        ...(b.mailDigest !== undefined && { mail_digest: b.mailDigest }),
      });
      return userView(await getUserRecord(tx, id));
    });
  });

  const tokenSchema = { params: z.strictObject({ id: z.uuid() }), body: z.strictObject({ label: text({ max: 200 }).default('') }).nullish() };
  r.post('/users/:id/tokens', { schema: tokenSchema }, async (request, reply) => {
    adminOnly(request.principal);
    await runPost(db, request, reply, async (tx) => ({ status: 201, body: await createToken(tx, request.params.id, request.body?.label ?? '') }));
  });

  r.delete('/tokens/:id', { schema: { params: z.strictObject({ id: z.uuid() }) } }, async (request, reply) => {
    adminOnly(request.principal);
    await revokeToken(db, request.params.id);
    void reply.status(204).send();
  });
}
