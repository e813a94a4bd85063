import escapeHtml from 'escape-html';
import {
  PermanentFailure,
  formatInstant,
  messages,
  msg,
  type AssignmentMailKey,
  type Language,
  type NotificationParams,
  type ReportFacts,
  type ReportMailKey,
  type Wording,
} from '@dondoc/domain';

/**
 * The messages dondoc sends, Vietnamese first and English for recipients who
 * chose it. Each takes the notification's params (written by the engine, with
 * nothing classified in them) and gives a subject, a plain-text and an HTML
 * body. The directive's number and the task are in every subject.
 */
export type Locale = Language;

export type MessageParams = NotificationParams;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const when = (iso: unknown) => (typeof iso === 'string' ? formatInstant(new Date(iso)) : '—');
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

function taskLabel(p: MessageParams, locale: Locale): string {
  if (p.period) return msg(locale, 'mail.subject.period', { key: p.period.key });
  if (!p.task) return '';
  return msg(locale, 'mail.subject.task', { ordinal: p.task.ordinal, title: p.task.title || null });
}

/** The templates worded from an assignment's facts; the others are about periodic reports. */
const assignmentTemplates = new Set([
  'assigned',
  'reminder',
  'overdue',
  'escalation_1',
  'escalation_2',
  'escalation_3',
  'extension_requested',
  'extension_granted',
  'extension_denied',
  'report_submitted',
  'report_returned',
  'report_approved',
  'assignment_cancelled',
  'deadline_moved',
  'directive_withdrawn',
]);

/** The catalog key of a template about an assignment; the last rung reads differently for a requested body. */
function assignmentKey(p: MessageParams): AssignmentMailKey | null {
  if (!assignmentTemplates.has(p.template)) return null;
  if (p.template === 'escalation_3') return p.assignment?.requested ? 'mail.escalation_3.requested' : 'mail.escalation_3';
  return `mail.${p.template}` as AssignmentMailKey;
}

/** The catalog key of a template about a periodic report; a classified directive's consolidation goes without its files. */
function reportKey(p: MessageParams): ReportMailKey {
  if (p.template === 'consolidation') return p.directive.classified ? 'mail.consolidation.classified' : 'mail.consolidation';
  const key = `mail.${p.template}`;
  if (!(key in messages)) throw new PermanentFailure(`no template "${p.template}"`);
  return key as ReportMailKey;
}

function wording(p: MessageParams, locale: Locale): Wording {
  const unit = p.unit?.name ?? '';
  const reason = str(p.event.reason);
  const key = assignmentKey(p);
  if (key) {
    const due = when(p.assignment?.dueAt);
    return msg(locale, key, { unit, due, reason, askedDue: when(p.event.dueAt), previousDue: when(p.event.previousDueAt) });
  }
  return msg(locale, reportKey(p), {
    unit,
    period: p.period ? msg(locale, 'mail.period', p.period) : '',
    due: when(p.period?.dueAt),
    reason,
    targets: (p.targets ?? []).map((t) => `- ${t.name} (${t.code}): ${t.targetValue} ${t.unitOfMeasure}`),
    // The counts a summary carries (added by the mail worker from the consolidation).
    counts: p.event.counts as ReportFacts['counts'],
  });
}

/** A notification in the recipient's language. */
export function renderMessage(p: MessageParams, locale: Locale, publicUrl: string): RenderedMessage {
  const w = wording(p, locale);
  const subject = `[dondoc] ${w.prefix}: ${p.directive.numberSymbol}${taskLabel(p, locale)}`;
  const link = new URL(p.path, publicUrl).toString();
  const about = p.directive.subject ? `${p.directive.numberSymbol}: ${p.directive.subject}` : p.directive.numberSymbol;
  const footer = msg(locale, 'mail.footer');
  const open = msg(locale, 'mail.open');
  const text = [about, '', ...w.lines, '', `${open}: ${link}`, '', footer].join('\n');
  const html = page(
    locale,
    subject,
    `<p style="color:#555">${escapeHtml(about)}</p>${w.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}` +
      `<p><a href="${escapeHtml(link)}" style="${buttonStyle}">${open}</a></p>` +
      `<p style="color:#777;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

const buttonStyle = 'display:inline-block;padding:8px 14px;background:#b3261e;color:#fff;text-decoration:none;border-radius:4px';
const bodyStyle = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222;max-width:640px';

/** A small, mail-client-safe HTML page around a body. */
export function page(locale: Locale, title: string, body: string): string {
  const head = `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`;
  return `<!doctype html><html lang="${locale}">${head}<body style="${bodyStyle}">${body}</body></html>`;
}
