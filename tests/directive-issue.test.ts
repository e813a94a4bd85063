import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiThiTetGiapThin2024, issueDirective } from '@dondoc/db';
import { DuplicateError, ValidationError } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { count, officeActor } from './support/commands.ts';

describe('issuing a directive', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await t.seed();
  });
  afterAll(() => t?.close());

  const issue = (input: unknown) => issueDirective(t.db, input, officeActor);
  const nothingWritten = async (fn: () => Promise<unknown>): Promise<any> => {
    const before = await Promise.all((['assignments', 'events', 'outbox', 'timers'] as const).map((x) => count(t.db, x)));
    const err = await fn().catch((e: unknown) => e);
    expect(await Promise.all((['assignments', 'events', 'outbox', 'timers'] as const).map((x) => count(t.db, x)))).toEqual(before);
    return err;
  };

  it('refuses a number already used by the issuer that year', async () => {
    const err = await nothingWritten(() => issue(chiThiTetGiapThin2024));
    expect(err).toBeInstanceOf(DuplicateError);
    expect(err).toMatchObject({ field: 'numberSymbol' });
    expect(err.messageVi).toBe('Số, ký hiệu "25/CT-UBND" đã được dùng trong năm 2023.');
  });

  it('accepts the same number in another year: numbers restart every January', async () => {
    const r = await issue({ ...chiThiTetGiapThin2024, issuedOn: '2024-12-20', campaign: undefined, tasks: chiThiTetGiapThin2024.tasks.slice(8) });
    expect(r.assignmentIds).toHaveLength(8);
  });

  it('names the field of an unknown unit and writes nothing', async () => {
    const input = structuredClone(chiThiTetGiapThin2024);
    input.numberSymbol = '26/CT-UBND';
    input.tasks[1]!.addressees = [{ unit: 'so-khong-ton-tai', role: 'lead' }];
    const err = await nothingWritten(() => issue(input));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ field: 'tasks.1.addressees.0.unit', messageVi: 'Không có đơn vị mã "so-khong-ton-tai".' });
  });

  it('names the field of malformed input', async () => {
    const err = await nothingWritten(() =>
      issue({
        ...chiThiTetGiapThin2024,
        numberSymbol: '27/CT-UBND',
        tasks: [{ ...chiThiTetGiapThin2024.tasks[0], deadline: { kind: 'working_days', days: 0 } }],
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.field).toBe('tasks.0.deadline.days');
    expect(err.messageVi).toMatch(/^Dữ liệu không hợp lệ ở "tasks.0.deadline.days"/);
  });

  it('counts "N working days" from the issue date over weekends', async () => {
    const r = await issue({
      ...chiThiTetGiapThin2024,
      numberSymbol: '28/CT-UBND',
      issuedOn: '2024-01-05', // a Friday
      campaign: undefined,
      tasks: [{ ...chiThiTetGiapThin2024.tasks[8]!, deadline: { kind: 'working_days', days: 5 } }],
    });
    const task = await t.db.selectFrom('tasks').selectAll().where('id', '=', r.taskIds[0]!).executeTakeFirstOrThrow();
    expect(task.due_at?.toISOString()).toBe('2024-01-12T10:00:00.000Z'); // Friday 12 Jan, 17:00 in Vietnam
  });
});
