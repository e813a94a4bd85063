import { regimeKinds, say } from '@dondoc/domain';
import type { FormKit } from './form-kit.ts';
import { html, option, type Lang, type Raw } from './html.ts';

/** The issue form's follow-up: reminders before each deadline, and the reporting regime (its period, due rule and closing). */

const dueRuleKinds = ['working_days_after_end', 'day_of_last_month', 'weekday', 'date'] as const;

export function remindersFieldset(kit: FormKit, lang: Lang): Raw {
  const t = say(lang);
  const hours = kit.v('reminders.unit') === 'hours';
  const units = [option('working_days', t('directive.reminderWorkingDays'), !hours), option('hours', t('directive.reminderHours'), hours)];
  return html`<fieldset class="card spaced"><legend>${t('directive.reminders')}</legend>
    <p class="muted">${t('directive.remindersHint')}</p>
    ${kit.select('reminders.unit', t('directive.reminderUnit'), units)}
    ${kit.input('reminders.offsets', t('directive.reminderOffsets'), { inputmode: 'decimal' })}
    ${kit.input('reminders.at', t('directive.reminderAt'), { type: 'time' })}
  </fieldset>`;
}

export function regimeFieldset(kit: FormKit, lang: Lang): Raw {
  const t = say(lang);
  const kind = kit.v('regime.kind');
  const kinds = [option('', t('directive.noRegime'), kind === ''), ...regimeKinds.map((k) => option(k, t('regimeKind', { kind: k }), kind === k))];
  const rule = kit.v('regime.dueRule.kind') || 'working_days_after_end';
  const rules = dueRuleKinds.map((k) => option(k, t('directive.dueRuleKind', { kind: k }), rule === k));
  const day = kit.v('regime.dueRule.weekday');
  const weekdays = [option('', '—', day === ''), ...[1, 2, 3, 4, 5, 6, 7].map((d) => option(String(d), t('directive.weekday', { day: d }), day === String(d)))];
  return html`<fieldset class="card spaced"><legend>${t('directive.reportingRegime')}</legend>
    ${kit.select('regime.kind', t('directive.regimeKind'), kinds)}
    ${kit.err('regime.dueRule')}
    ${kit.select('regime.dueRule.kind', t('directive.dueRule'), rules)}
    <p class="muted">${t('directive.dueRuleHint')}</p>
    ${kit.input('regime.dueRule.days', t('directive.dueDays'), { inputmode: 'numeric' })}
    ${kit.input('regime.dueRule.day', t('directive.dueDay'), { inputmode: 'numeric' })}
    ${kit.select('regime.dueRule.weekday', t('directive.dueWeekday'), weekdays)}
    ${kit.input('regime.dueRule.date', t('directive.dueOnDate'), { type: 'date' })}
    ${kit.input('regime.dueRule.at', t('directive.dueAtTime'), { type: 'time' })}
    ${kit.input('regime.closeAfterWorkingDays', t('directive.closeAfter'), { inputmode: 'numeric' })}
  </fieldset>`;
}
