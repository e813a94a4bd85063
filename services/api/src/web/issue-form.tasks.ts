import { byName, compareVi, say, unitKinds, type UnitKind } from '@dondoc/domain';
import type { FormBody } from './form.ts';
import type { FormKit } from './form-kit.ts';
import { html, option, type Lang, type Raw } from './html.ts';

/** The issue form's task sections: title, text, deadline, the lead and coordinating units as checkbox lists, the targets. */

export interface Addressable {
  units: { code: string; name: string; kind: UnitKind }[];
  groups: { code: string; name: string }[];
}

/** What a new section's first field gets: focus, so the person who pressed "add" types on. */
export type Added = { task?: number; target?: [number, number] };

/** Units grouped by kind in the model's order (the issuer itself left out), each kind's units in Vietnamese order. */
export function unitsByKind(units: Addressable['units']): [UnitKind, Addressable['units']][] {
  return unitKinds
    .filter((k) => k !== 'province')
    .map(
      (k) =>
        [
          k,
          byName(
            units.filter((u) => u.kind === k),
            (u) => u.name,
          ),
        ] as [UnitKind, Addressable['units']],
    )
    .filter(([, list]) => list.length > 0);
}

function addresseeList(kit: FormKit, form: FormBody, lang: Lang, i: number, role: 'lead' | 'coordinate', who: Addressable, open: boolean): Raw {
  const t = say(lang);
  const name = `tasks.${i}.${role}`;
  const chosen = [form[name] ?? []].flat();
  const box = (value: string, label: string) =>
    html`<label class="pick"><input type="checkbox" class="check" name="${name}" value="${value}" ${chosen.includes(value) ? html`checked` : ''}> ${label}</label>`;
  const groups = [...who.groups].sort((a, b) => compareVi(a.name, b.name));
  const kinds = unitsByKind(who.units).map(
    ([kind, units]) =>
      html`<p class="muted">${t('directive.unitKind', { kind })}</p><div class="grid">${units.map((u) => box(`unit:${u.code}`, u.name))}</div>`,
  );
  const title = role === 'lead' ? t('directive.leadUnits') : t('directive.coordinatingUnits');
  return html`<details class="spaced" id="${kit.id(name)}"${open ? html` open` : ''}>
    <summary>${title} (${t('directive.chosen', { n: chosen.length })})</summary>
    <fieldset><legend>${title} — ${t('directive.taskN', { n: i + 1 })}</legend>
    ${groups.length ? html`<p class="muted">${t('directive.unitGroups')}</p><div class="grid">${groups.map((g) => box(`group:${g.code}`, g.name))}</div>` : ''}
    ${kinds}
    </fieldset></details>`;
}

function target(kit: FormKit, lang: Lang, i: number, j: number, focus: boolean): Raw {
  const t = say(lang);
  const p = `tasks.${i}.targets.${j}`;
  return html`<fieldset class="card spaced"><legend>${t('directive.targetN', { n: j + 1 })}</legend><div class="grid">
    <div>${kit.input(`${p}.name`, t('directive.targetName'), { autofocus: focus })}</div>
    <div>${kit.input(`${p}.targetValue`, t('directive.targetValue'), { inputmode: 'decimal' })}</div>
    <div>${kit.input(`${p}.unitOfMeasure`, t('directive.unitOfMeasure'))}</div>
    <div>${kit.input(`${p}.code`, t('directive.targetCode'))}</div>
  </div></fieldset>`;
}

export function taskSection(kit: FormKit, form: FormBody, lang: Lang, i: number, targets: number, who: Addressable, added: Added): Raw {
  const t = say(lang);
  const p = `tasks.${i}`;
  const kind = kit.v(`${p}.deadline.kind`);
  const kinds = [
    option('date', t('directive.aDate'), kind !== 'working_days' && kind !== 'standing'),
    option('working_days', t('directive.workingDaysFromIssue'), kind === 'working_days'),
    option('standing', t('directive.standing'), kind === 'standing'),
  ];
  const request = html`<label><input type="checkbox" class="check" name="${p}.request" value="true" ${form[`${p}.request`] ? html`checked` : ''}> ${t('directive.isRequest')}</label>`;
  const addresseeError = kit.err(`${p}.addressees`);
  const open = addresseeError !== '';
  return html`<fieldset class="card spaced" id="${kit.id(p)}"><legend>${t('directive.taskN', { n: i + 1 })}</legend>
    ${kit.input(`${p}.title`, t('directive.title'), { autofocus: added.task === i })}
    ${kit.textarea(`${p}.body`, t('directive.taskBody'), 2)}
    ${request}
    ${kit.select(`${p}.deadline.kind`, t('directive.deadline'), kinds)}
    ${kit.input(`${p}.deadline.date`, t('directive.dueDate'), { type: 'date' })}
    ${kit.input(`${p}.deadline.days`, t('directive.workingDays'), { inputmode: 'numeric' })}
    ${addresseeError}
    ${addresseeList(kit, form, lang, i, 'lead', who, open)}
    ${addresseeList(kit, form, lang, i, 'coordinate', who, false)}
    ${Array.from({ length: targets }, (_, j) => target(kit, lang, i, j, added.target?.[0] === i && added.target[1] === j))}
    <p><button type="submit" class="secondary" name="_add" value="target:${i}">${t('directive.addTarget', { n: i + 1 })}</button></p>
  </fieldset>`;
}
