import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiThiTetGiapThin2024, type Addressee } from '@dondoc/db';
import type { DirectiveInput } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';

const SECRET_SUBJECT = 'Phương án bảo vệ mục tiêu trọng điểm dịp Tết (Mật)';
const SECRET_BODY = 'Lực lượng, vị trí chốt chặn và tần suất tuần tra tại 12 mục tiêu.';
const SECRET_TASK = 'Bố trí lực lượng bảo vệ 12 mục tiêu trọng điểm';

/** For each role and endpoint, what is allowed and what is refused; a refused read never carries the data. */
describe('authorisation', () => {
  let t: TestContext;
  let api: TestApi;
  let directiveId: string;
  let secretId: string;
  let mine: string; // so-tttt's assignment on task 6
  let theirs: string; // so-tu-phap's assignment on task 1
  let spare: string[]; // more assignments for commands that change state

  const as = (email: string) => api.token(email);

  beforeAll(async () => {
    t = await createTestContext();
    await t.seedUnits();
    api = await startApi(t);
    const issued = await api.call('POST', '/api/v1/directives', { token: await as(users.office), json: chiThiTetGiapThin2024 });
    directiveId = issued.body.id;
    const all = issued.body.tasks.flatMap((task: { ordinal: number; assignments: { id: string; unit: { code: string } }[] }) =>
      task.assignments.map((a) => ({ ...a, ordinal: task.ordinal })),
    );
    mine = all.find((a: { unit: { code: string }; ordinal: number }) => a.unit.code === 'so-tttt' && a.ordinal === 6).id;
    theirs = all.find((a: { unit: { code: string }; ordinal: number }) => a.unit.code === 'so-tu-phap' && a.ordinal === 1).id;
    spare = all.filter((a: { unit: { code: string } }) => a.unit.code === 'so-cong-thuong').map((a: { id: string }) => a.id);

    const secret: DirectiveInput = {
      ...chiThiTetGiapThin2024,
      numberSymbol: '03/KH-UBND',
      issuedOn: '2024-01-10',
      campaign: undefined,
      classification: 'mat',
      subject: SECRET_SUBJECT,
      body: SECRET_BODY,
      tasks: [
        { ...chiThiTetGiapThin2024.tasks[1]!, ordinal: 1, title: SECRET_TASK, addressees: [{ unit: 'cong-an-tinh', role: 'lead' }] },
        { ...chiThiTetGiapThin2024.tasks[5]!, ordinal: 2, addressees: [{ unit: 'so-tttt', role: 'lead' } as Addressee] },
      ],
    };
    const s = await api.call('POST', '/api/v1/directives', { token: await as(users.office), json: secret });
    expect(s.status, s.text).toBe(201);
    secretId = s.body.id;
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  describe('authentication', () => {
    it('refuses a request without a token, with a wrong one, and with a revoked one', async () => {
      expect((await api.call('GET', '/api/v1/directives')).status).toBe(401);
      const wrong = await api.call('GET', '/api/v1/directives', { token: 'ddk_not-a-real-token' });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Authorization' });

      const user = await t.db.selectFrom('users').select('id').where('email', '=', users.officer('so-gtvt')).executeTakeFirstOrThrow();
      const made = await api.call('POST', `/api/v1/users/${user.id}/tokens`, { token: await as(users.admin), json: { label: 'thử' } });
      expect(made.status).toBe(201);
      expect((await api.call('GET', '/api/v1/me', { token: made.body.token })).body).toMatchObject({
        email: users.officer('so-gtvt'),
        role: 'unit_officer',
        unitCode: 'so-gtvt',
      });
      expect((await api.call('DELETE', `/api/v1/tokens/${made.body.id}`, { token: await as(users.admin) })).status).toBe(204);
      expect((await api.call('GET', '/api/v1/me', { token: made.body.token })).status).toBe(401);
      const stored = await t.db.selectFrom('api_tokens').select('token_hash').where('id', '=', made.body.id).executeTakeFirstOrThrow();
      expect(stored.token_hash.toString('utf8')).not.toContain(made.body.token.slice(4)); // only the hash is kept
    });
  });

  describe('issuing and withdrawing', () => {
    it.each([
      ['chairman', users.chairman],
      ['monitor', users.monitor],
      ['admin', users.admin],
      ['unit head', users.head('so-tttt')],
      ['unit officer', users.officer('so-tttt')],
    ])('refuses the %s', async (_role, email) => {
      const issue = await api.call('POST', '/api/v1/directives', { token: await as(email), json: { ...chiThiTetGiapThin2024, numberSymbol: '99/CT-UBND' } });
      expect(issue.status).toBe(403);
      expect(issue.body).toMatchObject({ code: 'FORBIDDEN', message: { vi: 'Chỉ Văn phòng UBND tỉnh được ban hành văn bản.' } });
      expect((await api.call('POST', `/api/v1/directives/${directiveId}/withdraw`, { token: await as(email), json: { reason: 'x' } })).status).toBe(403);
      expect((await api.call('POST', `/api/v1/directives/${directiveId}/close`, { token: await as(email) })).status).toBe(403);
    });
  });

  describe('reading', () => {
    it('shows every directive to the Office, the Chairman, the monitor and the admin', async () => {
      for (const email of [users.office, users.chairman, users.monitor, users.admin]) {
        const r = await api.call('GET', '/api/v1/directives', { token: await as(email) });
        expect(r.status).toBe(200);
        expect(r.body.total).toBe(2);
        expect((await api.call('GET', `/api/v1/directives/${directiveId}`, { token: await as(email) })).body.tasks).toHaveLength(9);
      }
    });

    it('shows a unit only the directives that name it, and in them only its own work', async () => {
      const list = await api.call('GET', '/api/v1/directives', { token: await as(users.officer('so-tu-phap')) });
      expect(list.body.items.map((d: { numberSymbol: string }) => d.numberSymbol)).toEqual(['25/CT-UBND']);
      expect(list.body.items[0].assignments).toBe(1);

      const d = await api.call('GET', `/api/v1/directives/${directiveId}`, { token: await as(users.officer('so-tu-phap')) });
      expect(d.body.tasks.map((x: { ordinal: number }) => x.ordinal)).toEqual([1]);
      expect(d.body.tasks[0].assignments.map((a: { unit: { code: string } }) => a.unit.code)).toEqual(['so-tu-phap']);

      const hidden = await api.call('GET', `/api/v1/directives/${secretId}`, { token: await as(users.officer('so-tu-phap')) });
      expect(hidden.status).toBe(404);
      expect(hidden.text).not.toContain('03/KH-UBND');
    });

    it('never gives a unit another unit’s assignment or its history', async () => {
      for (const path of [`/api/v1/assignments/${theirs}`, `/api/v1/assignments/${theirs}/history`]) {
        const r = await api.call('GET', path, { token: await as(users.officer('so-tttt')) });
        expect(r.status).toBe(404);
        expect(r.body.code).toBe('NOT_FOUND');
        expect(r.text).not.toContain('so-tu-phap');
      }
      expect((await api.call('GET', `/api/v1/assignments/${mine}`, { token: await as(users.officer('so-tttt')) })).status).toBe(200);
      expect((await api.call('GET', `/api/v1/assignments/${theirs}`, { token: await as(users.monitor) })).status).toBe(200);
      expect((await api.call('GET', `/api/v1/directives/${directiveId}/history`, { token: await as(users.officer('so-tttt')) })).status).toBe(404);
      expect((await api.call('GET', `/api/v1/directives/${directiveId}/history`, { token: await as(users.chairman) })).status).toBe(200);
    });

    it('keeps a classified directive’s subject and body to the Office, the Chairman and heads of assigned units', async () => {
      for (const email of [users.office, users.chairman, users.head('so-tttt')]) {
        const r = await api.call('GET', `/api/v1/directives/${secretId}`, { token: await as(email) });
        expect(r.body, email).toMatchObject({ redacted: false, subject: SECRET_SUBJECT, body: SECRET_BODY });
      }
      for (const email of [users.officer('so-tttt'), users.monitor, users.admin, users.officer('cong-an-tinh')]) {
        for (const path of [`/api/v1/directives/${secretId}`, '/api/v1/directives']) {
          const r = await api.call('GET', path, { token: await as(email) });
          expect(r.status, `${email} ${path}`).toBe(200);
          expect(r.text, `${email} ${path}`).not.toContain(SECRET_SUBJECT);
          expect(r.text, `${email} ${path}`).not.toContain(SECRET_BODY);
        }
      }
      // Others see the number, the dates and their own tasks.
      const officer = await api.call('GET', `/api/v1/directives/${secretId}`, { token: await as(users.officer('so-tttt')) });
      expect(officer.body).toMatchObject({ numberSymbol: '03/KH-UBND', issuedOn: '2024-01-10', redacted: true, subject: null, body: null });
      expect(officer.body.tasks).toHaveLength(1);
      expect(officer.body.tasks[0].title).toBe(chiThiTetGiapThin2024.tasks[5]!.title);
      // The monitor follows every assignment but reads no task text it is not assigned.
      const monitor = await api.call('GET', `/api/v1/directives/${secretId}`, { token: await as(users.monitor) });
      expect(monitor.body.tasks.map((x: { title: string | null }) => x.title)).toEqual([SECRET_TASK, null]);
      expect(monitor.text).not.toContain(chiThiTetGiapThin2024.tasks[5]!.title);
    });
  });

  describe('assignment commands', () => {
    const post = async (email: string, id: string, path: string, json?: unknown) =>
      (await api.call('POST', `/api/v1/assignments/${id}/${path}`, { token: await as(email), json })).status;

    it('lets only the unit itself acknowledge, start, report and ask for an extension', async () => {
      for (const email of [users.office, users.chairman, users.monitor, users.admin]) expect(await post(email, mine, 'acknowledge'), email).toBe(403);
      expect(await post(users.officer('so-tu-phap'), mine, 'acknowledge')).toBe(404); // cannot even see it
      expect(await post(users.officer('so-tttt'), mine, 'acknowledge')).toBe(200);
      expect(await post(users.monitor, mine, 'start')).toBe(403);
      expect(await post(users.head('so-tttt'), mine, 'start')).toBe(200);
      expect(await post(users.office, mine, 'request-extension', { dueDate: '2024-03-01', reason: 'x' })).toBe(403);
      expect(await post(users.officer('so-tttt'), mine, 'request-extension', { dueDate: '2024-03-01', reason: 'Chờ số liệu' })).toBe(200);
      expect(await post(users.office, mine, 'submit-report', { text: 'x' })).toBe(403);
      expect(await post(users.officer('so-tttt'), mine, 'submit-report', { text: 'Đã triển khai' })).toBe(200);
    });

    it('lets only the monitoring unit (monitor or head) or the Office decide', async () => {
      for (const email of [users.officer('so-tttt'), users.head('so-tttt'), users.chairman, users.admin, users.officer('cong-an-tinh')]) {
        expect(await post(email, mine, 'grant-extension'), email).toBe(403);
        expect(await post(email, mine, 'approve'), email).toBe(403);
        expect(await post(email, mine, 'return', { reason: 'x' }), email).toBe(403);
      }
      expect(await post(users.head('cong-an-tinh'), mine, 'deny-extension', { reason: 'Không đủ căn cứ' })).toBe(200);
      expect(await post(users.monitor, mine, 'return', { reason: 'Bổ sung số liệu' })).toBe(200);
      expect(await post(users.officer('so-tttt'), mine, 'submit-report', { text: 'Đã bổ sung' })).toBe(200);
      expect(await post(users.office, mine, 'approve')).toBe(200);
    });

    it('lets only the Office cancel', async () => {
      for (const email of [users.monitor, users.chairman, users.admin, users.head('so-cong-thuong'), users.officer('so-cong-thuong')]) {
        expect(await post(email, spare[0]!, 'cancel', { reason: 'x' }), email).toBe(403);
      }
      expect(await post(users.office, spare[0]!, 'cancel', { reason: 'Giao nhầm đơn vị' })).toBe(200);
    });

    it('lets only the Office withdraw a directive', async () => {
      const r = await api.call('POST', `/api/v1/directives/${secretId}/withdraw`, {
        token: await as(users.office),
        json: { reason: 'Thay bằng kế hoạch khác' },
      });
      expect(r.status).toBe(200);
      expect(r.body.state).toBe('withdrawn');
    });
  });

  describe('administration', () => {
    it('lets only the admin manage units and users; the Office may list units', async () => {
      for (const email of [users.office, users.chairman, users.monitor, users.head('so-tttt'), users.officer('so-tttt')]) {
        expect((await api.call('GET', '/api/v1/users', { token: await as(email) })).status, email).toBe(403);
        expect(
          (await api.call('POST', '/api/v1/units', { token: await as(email), json: { code: 'so-moi', name: 'Sở Mới', kind: 'department' } })).status,
          email,
        ).toBe(403);
        expect((await api.call('PATCH', '/api/v1/units/so-tttt', { token: await as(email), json: { name: 'x' } })).status, email).toBe(403);
        expect(
          (
            await api.call('POST', '/api/v1/users', {
              token: await as(email),
              json: { email: 'a@hoa-an.example', name: 'A', role: 'office', unit: 'van-phong-ubnd' },
            })
          ).status,
          email,
        ).toBe(403);
        const self = (await api.call('GET', '/api/v1/me', { token: await as(email) })).body.userId;
        expect((await api.call('PATCH', `/api/v1/users/${self}`, { token: await as(email), json: { role: 'admin' } })).status, email).toBe(403);
        expect((await api.call('POST', `/api/v1/users/${self}/tokens`, { token: await as(email) })).status, email).toBe(403);
        const tokenId = (await t.db.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow()).id;
        expect((await api.call('DELETE', `/api/v1/tokens/${tokenId}`, { token: await as(email) })).status, email).toBe(403);
      }
      expect((await api.call('GET', '/api/v1/units', { token: await as(users.office) })).status).toBe(200);
      expect((await api.call('GET', '/api/v1/units', { token: await as(users.officer('so-tttt')) })).status).toBe(403);

      const admin = await as(users.admin);
      const unit = await api.call('POST', '/api/v1/units', {
        token: admin,
        json: {
          code: 'so-khcn',
          name: 'Sở Khoa học và Công nghệ',
          kind: 'department',
          parent: 'ubnd-tinh',
          head: { name: 'Phó Đức Minh', email: 'khcn@hoa-an.example' },
        },
      });
      expect(unit.status, unit.text).toBe(201);
      expect(unit.body).toMatchObject({ code: 'so-khcn', parent: 'ubnd-tinh', commanded: true, head: { name: 'Phó Đức Minh', email: 'khcn@hoa-an.example' } });
      const renamed = await api.call('PATCH', '/api/v1/units/so-khcn', { token: admin, json: { name: 'Sở KH&CN' } });
      expect(renamed.body).toMatchObject({ name: 'Sở KH&CN', parent: 'ubnd-tinh', head: { name: 'Phó Đức Minh' } }); // the rest stays
      const cycle = await api.call('PATCH', '/api/v1/units/ubnd-tinh', { token: admin, json: { parent: 'so-khcn' } });
      expect(cycle.status).toBe(400);
      expect(cycle.body.field).toBe('parent');

      const user = await api.call('POST', '/api/v1/users', {
        token: admin,
        json: { email: 'Dau.Moi@HOA-AN.example', name: 'Đầu mối KH&CN', role: 'unit_officer', unit: 'so-khcn' },
      });
      expect(user.status, user.text).toBe(201);
      expect(user.body).toMatchObject({ email: 'dau.moi@hoa-an.example', unit: 'so-khcn', disabled: false });
      const dup = await api.call('POST', '/api/v1/users', {
        token: admin,
        json: { email: 'dau.moi@hoa-an.example', name: 'x', role: 'unit_officer', unit: 'so-khcn' },
      });
      expect(dup.status).toBe(409);
      expect(user.body).toMatchObject({ locale: 'vi', mailDigest: false });
      const digest = await api.call('PATCH', `/api/v1/users/${user.body.id}`, { token: admin, json: { mailDigest: true, locale: 'en' } });
      expect(digest.body).toMatchObject({ locale: 'en', mailDigest: true, disabled: false });
      const disabled = await api.call('PATCH', `/api/v1/users/${user.body.id}`, { token: admin, json: { disabled: true } });
      expect(disabled.body.disabled).toBe(true);
      expect((await api.call('GET', '/api/v1/users', { token: admin })).body.some((u: { email: string }) => u.email === 'dau.moi@hoa-an.example')).toBe(true);
    });
  });
});
