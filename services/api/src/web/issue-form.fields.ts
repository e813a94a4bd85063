import { numberField, type FormBody } from './form.ts';
import type { Lang } from './html.ts';

/**
 * The issue form's fields and what they become: the directive input that
 * `directiveInputSchema` checks and the regime input `regimeInputSchema` checks.
 * Fields are named by the schema's paths (`tasks.3.targets.1.code`), counted
 * by their place on the form; the tasks and targets left blank are dropped
 * before the schema sees them, so the schema's indices are mapped back to the
 * form's when its messages are placed.
 */

/** Bounds on the sections a form may ask for, so a crafted field name cannot make the page render millions of them. */
export const MAX_TASKS = 200;
export const MAX_TARGETS = 50;

/** How many task sections the form has, and how many target rows each task has. */
export type FormShape = number[];

const taskKey = /^tasks\.(\d{1,3})\.(?:targets\.(\d{1,2})\.)?/;

/** The sections the posted fields fill (one task of one target at least), plus what an "add" button asked for. */
export function formShape(form: FormBody, add?: string): FormShape {
  const shape: FormShape = [1];
  for (const key of Object.keys(form)) {
    const m = taskKey.exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    if (i >= MAX_TASKS) continue;
    while (shape.length <= i) shape.push(1);
    if (m[2] !== undefined && Number(m[2]) < MAX_TARGETS) shape[i] = Math.max(shape[i]!, Number(m[2]) + 1);
  }
  if (add === 'task' && shape.length < MAX_TASKS) shape.push(1);
  const target = /^target:(\d{1,3})$/.exec(add ?? '');
  if (target && Number(target[1]) < shape.length && shape[Number(target[1])]! < MAX_TARGETS) shape[Number(target[1])]!++;
  return shape;
}

/** A field as the schema should see it: trimmed text, or an array when it was sent twice (which the schema refuses). */
const one = (f: FormBody, k: string): string => {
  const v = f[k];
  return typeof v === 'string' ? v.trim() : ((v as unknown as string) ?? '');
};
/** A checkbox list's values. */
const many = (f: FormBody, k: string): string[] => [f[k] ?? []].flat().filter(Boolean);

const taskText = ['title', 'body', 'deadline.date', 'deadline.days'] as const;
const targetFields = ['code', 'name', 'unitOfMeasure', 'targetValue'] as const;

const blankTarget = (f: FormBody, p: string) => targetFields.every((k) => one(f, `${p}.${k}`) === '');
const blankTask = (f: FormBody, i: number, targets: number) =>
  taskText.every((k) => one(f, `tasks.${i}.${k}`) === '') &&
  many(f, `tasks.${i}.lead`).length + many(f, `tasks.${i}.coordinate`).length === 0 &&
  !f[`tasks.${i}.request`] &&
  Array.from({ length: targets }, (_, j) => j).every((j) => blankTarget(f, `tasks.${i}.targets.${j}`));

/** A checked addressee: `unit:<code>` or `group:<code>`, with the role of the list it was checked in. */
function addressee(value: string, role: 'lead' | 'coordinate') {
  if (value.startsWith('group:')) return { group: value.slice('group:'.length), role };
  return { unit: value.startsWith('unit:') ? value.slice('unit:'.length) : value, role };
}

function deadline(f: FormBody, p: string, lang: Lang) {
  const kind = one(f, `${p}.deadline.kind`) || 'date';
  if (kind === 'working_days') return { kind, days: numberField(f[`${p}.deadline.days`], lang) };
  if (kind === 'standing') return { kind };
  if (kind === 'date') return { kind, date: one(f, `${p}.deadline.date`) };
  return { kind };
}

/** The reminder offsets, `3; 1; 0`, in working days (at a time of day) or in hours; none typed: the province's default. */
function reminderPolicy(f: FormBody, lang: Lang) {
  const offsets = one(f, 'reminders.offsets');
  if (typeof offsets !== 'string') return { reminders: offsets };
  if (offsets === '') return undefined;
  const hours = one(f, 'reminders.unit') === 'hours';
  const at = one(f, 'reminders.at');
  const values = offsets
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => numberField(s, lang));
  return { reminders: values.map((n) => (hours ? { hoursBefore: n } : { workingDaysBefore: n, ...(at && { at }) })) };
}

/** The reporting regime, or null when the form asks for none. */
export function regimeInput(f: FormBody, lang: Lang): unknown {
  const kind = one(f, 'regime.kind');
  if (kind === '') return null;
  const rule = one(f, 'regime.dueRule.kind') || 'working_days_after_end';
  const at = one(f, 'regime.dueRule.at');
  const value: Record<string, Record<string, unknown>> = {
    working_days_after_end: { days: numberField(f['regime.dueRule.days'], lang) },
    day_of_last_month: { day: numberField(f['regime.dueRule.day'], lang) },
    weekday: { weekday: numberField(f['regime.dueRule.weekday'], lang) },
    date: { date: one(f, 'regime.dueRule.date') },
  };
  const close = numberField(f['regime.closeAfterWorkingDays'], lang);
  return {
    kind,
    dueRule: { kind: rule, ...value[rule], ...(at && rule !== 'working_days_after_end' && { at }) },
    ...(close !== undefined && { closeAfterWorkingDays: close }),
  };
}

export interface ReadForm {
  /** The directive input for the schema. */
  directive: unknown;
  /** For each task sent to the schema, its place on the form; for each of its targets, theirs. */
  places: { task: number; targets: number[] }[];
}

/** The form as the directive input, blank tasks and targets left out; a target without a code gets one from its place. */
export function directiveInput(f: FormBody, shape: FormShape, lang: Lang): ReadForm {
  const places: ReadForm['places'] = [];
  const tasks: unknown[] = [];
  for (const [i, targetCount] of shape.entries()) {
    if (blankTask(f, i, targetCount)) continue;
    const p = `tasks.${i}`;
    const ordinal = tasks.length + 1;
    const kept = Array.from({ length: targetCount }, (_, j) => j).filter((j) => !blankTarget(f, `${p}.targets.${j}`));
    places.push({ task: i, targets: kept });
    tasks.push({
      ordinal,
      title: one(f, `${p}.title`),
      body: one(f, `${p}.body`),
      ...(f[`${p}.request`] && { request: true }),
      deadline: deadline(f, p, lang),
      addressees: [...many(f, `${p}.lead`).map((v) => addressee(v, 'lead')), ...many(f, `${p}.coordinate`).map((v) => addressee(v, 'coordinate'))],
      targets: kept.map((j, k) => {
        const t = `${p}.targets.${j}`;
        return {
          code: one(f, `${t}.code`) || `nv${ordinal}-${k + 1}`,
          name: one(f, `${t}.name`),
          unitOfMeasure: one(f, `${t}.unitOfMeasure`),
          targetValue: numberField(f[`${t}.targetValue`], lang),
        };
      }),
    });
  }
  const policy = reminderPolicy(f, lang);
  return {
    places,
    directive: {
      type: one(f, 'type'),
      numberSymbol: one(f, 'numberSymbol'),
      issuerUnit: 'ubnd-tinh',
      signer: one(f, 'signer'),
      issuedOn: one(f, 'issuedOn'),
      subject: one(f, 'subject'),
      body: one(f, 'body'),
      classification: one(f, 'classification') || 'thuong',
      monitoringUnit: one(f, 'monitoringUnit'),
      ...(policy && { reminderPolicy: policy }),
      tasks,
    },
  };
}

/**
 * A schema message's field as the form names it: a task's or target's index
 * mapped back to its place on the form, an addressee's message to the task's
 * addressee lists, a reminder's to the reminder field.
 */
export function formField(field: string, places: ReadForm['places']): string {
  if (field.startsWith('reminderPolicy')) return 'reminders.offsets';
  const m = /^tasks\.(\d+)(?:\.(.*))?$/.exec(field);
  if (!m) return field;
  const place = places[Number(m[1])];
  if (!place) return 'tasks';
  const rest = m[2] ?? '';
  if (rest.startsWith('addressees')) return `tasks.${place.task}.addressees`;
  const target = /^targets\.(\d+)\.(.*)$/.exec(rest);
  if (target) return `tasks.${place.task}.targets.${place.targets[Number(target[1])] ?? 0}.${target[2]}`;
  return rest ? `tasks.${place.task}.${rest}` : `tasks.${place.task}.title`;
}

/** Messages keyed by the form's field names. */
export function placeErrors(errors: Record<string, string>, places: ReadForm['places'], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const name = prefix ? `${prefix}${field ? `.${field}` : ''}` : formField(field, places);
    out[name] ??= message;
  }
  return out;
}
