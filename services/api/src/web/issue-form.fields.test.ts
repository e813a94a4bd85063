import { describe, expect, it } from 'vitest';
import { directiveInputSchema, regimeInputSchema } from '@dondoc/domain';
import { MAX_TASKS, directiveInput, formField, formShape, regimeInput } from './issue-form.fields.ts';

const document = {
  type: 'ke_hoach',
  numberSymbol: '150/KH-UBND',
  issuedOn: '2026-12-01',
  signer: 'Trần Minh Quang',
  subject: 'Kế hoạch phòng, chống ma túy',
  monitoringUnit: 'cong-an-tinh',
};

describe('the issue form’s fields', () => {
  it('has as many sections as the fields fill, plus the one an add button asks for, and no more than the bound', () => {
    expect(formShape({})).toEqual([1]);
    expect(formShape({ 'tasks.2.title': 'x', 'tasks.0.targets.3.name': 'y' })).toEqual([4, 1, 1]);
    expect(formShape({ 'tasks.0.title': 'x' }, 'task')).toEqual([1, 1]);
    expect(formShape({ 'tasks.1.title': 'x' }, 'target:1')).toEqual([1, 2]);
    expect(formShape({}, 'target:7')).toEqual([1]);
    expect(formShape({ 'tasks.999.title': 'x', 'tasks.0.targets.99.name': 'y' })).toEqual([1]);
    expect(formShape({ [`tasks.${MAX_TASKS - 1}.title`]: 'x' }, 'task')).toHaveLength(MAX_TASKS);
  });

  it('drops blank tasks and targets, reads numbers the Vietnamese way, and gives each role its addressees', () => {
    const form = {
      ...document,
      'tasks.0.title': '',
      'tasks.1.title': 'Tổ chức cai nghiện',
      'tasks.1.deadline.kind': 'working_days',
      'tasks.1.deadline.days': '20',
      'tasks.1.lead': ['unit:so-ldtbxh', 'group:ubnd-cap-huyen'],
      'tasks.1.coordinate': 'unit:cong-an-tinh',
      'tasks.1.targets.0.name': '',
      'tasks.1.targets.1.name': 'Người được cai nghiện',
      'tasks.1.targets.1.unitOfMeasure': 'người',
      'tasks.1.targets.1.targetValue': '1.250',
      'reminders.unit': 'hours',
      'reminders.offsets': '48; 2,5',
    };
    const read = directiveInput(form, formShape(form), 'vi');
    const parsed = directiveInputSchema.parse(read.directive);
    expect(read.places).toEqual([{ task: 1, targets: [1] }]);
    expect(parsed.tasks).toHaveLength(1);
    const [task] = parsed.tasks;
    expect(task!.ordinal).toBe(1);
    expect(task!.deadline).toEqual({ kind: 'working_days', days: 20 });
    expect(task!.addressees).toEqual([
      { unit: 'so-ldtbxh', role: 'lead' },
      { group: 'ubnd-cap-huyen', role: 'lead' },
      { unit: 'cong-an-tinh', role: 'coordinate' },
    ]);
    expect(task!.targets).toEqual([{ code: 'nv1-1', name: 'Người được cai nghiện', unitOfMeasure: 'người', targetValue: 1250 }]);
    expect(parsed.reminderPolicy).toEqual({ reminders: [{ hoursBefore: 48 }, { hoursBefore: 2.5 }] });
  });

  it('leaves the reminders to the province when none are typed, and keeps a field sent twice for the schema to refuse', () => {
    const read = directiveInput({ ...document, subject: ['a', 'b'] }, [1], 'vi');
    expect(read.directive).not.toHaveProperty('reminderPolicy');
    expect(directiveInputSchema.safeParse(read.directive).error?.issues.some((i) => i.path.join('.') === 'subject')).toBe(true);
  });

  it('maps a schema message’s path back to the form’s places', () => {
    const places = [{ task: 1, targets: [1, 3] }];
    expect(formField('tasks.0.targets.1.targetValue', places)).toBe('tasks.1.targets.3.targetValue');
    expect(formField('tasks.0.addressees.2.unit', places)).toBe('tasks.1.addressees');
    expect(formField('tasks.0.deadline.date', places)).toBe('tasks.1.deadline.date');
    expect(formField('reminderPolicy.reminders.0.hoursBefore', places)).toBe('reminders.offsets');
    expect(formField('tasks', places)).toBe('tasks');
    expect(formField('numberSymbol', places)).toBe('numberSymbol');
  });

  it('reads each due rule of a regime, or none', () => {
    expect(regimeInput({}, 'vi')).toBeNull();
    const monthly = regimeInput({ 'regime.kind': 'monthly', 'regime.dueRule.days': '5', 'regime.closeAfterWorkingDays': '3' }, 'vi');
    expect(regimeInputSchema.parse(monthly)).toEqual({ kind: 'monthly', dueRule: { kind: 'working_days_after_end', days: 5 }, closeAfterWorkingDays: 3 });
    const weekly = regimeInput(
      { 'regime.kind': 'weekly', 'regime.dueRule.kind': 'weekday', 'regime.dueRule.weekday': '5', 'regime.dueRule.at': '16:30' },
      'vi',
    );
    expect(regimeInputSchema.parse(weekly).dueRule).toEqual({ kind: 'weekday', weekday: 5, at: '16:30' });
    const quarterly = regimeInput({ 'regime.kind': 'quarterly', 'regime.dueRule.kind': 'day_of_last_month', 'regime.dueRule.day': '15' }, 'vi');
    expect(regimeInputSchema.parse(quarterly).dueRule).toEqual({ kind: 'day_of_last_month', day: 15, at: '17:00' });
    const adHoc = regimeInput({ 'regime.kind': 'ad_hoc', 'regime.dueRule.kind': 'date', 'regime.dueRule.date': '2027-01-15' }, 'vi');
    expect(regimeInputSchema.parse(adHoc).dueRule).toEqual({ kind: 'date', date: '2027-01-15', at: '17:00' });
  });
});
