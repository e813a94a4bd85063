import escapeHtml from 'escape-html';
import {
  PermanentFailure,
  formatDate,
  formatInstant,
  formatNumber,
  messages,
  msg,
  type AssignmentMailKey,
  type Language,
  type NotificationParams,
  type ReportMailKey,
  type Wording,
  type DirectiveType,
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

/** The task or the period in the subject, after the directive's number. */
function taskLabel(p: MessageParams, locale: Locale): string {
  if (p.period) return msg(locale, 'mail.subject.period', { name: msg(locale, 'periodName', { key: p.period.key }) });
  if (!p.task) return '';
  return msg(locale, 'mail.subject.task', { ordinal: p.task.ordinal, title: p.task.title || null });
}

/** Targets as lines people read: the name, the value grouped the recipient's way, the unit of measure (no code). */
function targetLines(p: MessageParams, locale: Locale): string[] {
  return (p.targets ?? []).map((t) =>
    msg(locale, 'mail.target', { name: t.name, value: formatNumber(Number(t.targetValue), locale), unitOfMeasure: t.unitOfMeasure }),
  );
}

/** The directive as the first line names it; an unknown type code (never written by dondoc) is left out rather than shown raw. */
function directiveLine(p: MessageParams, locale: Locale): string {
  const type = p.directive.type in directiveTypes ? msg(locale, 'directiveType', { type: p.directive.type as DirectiveType }) : msg(locale, 'mail.document');
  return msg(locale, 'mail.directive', { type, numberSymbol: p.directive.numberSymbol, subject: p.directive.subject ?? null });
}
const directiveTypes = { chi_thi: 1, cong_van: 1, ke_hoach: 1, thong_bao: 1, quyet_dinh: 1 } satisfies Record<DirectiveType, 1>;

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
    return msg(locale, key, {
      unit,
      due,
      deadline: p.assignment?.dueAt ? due : null,
      role: p.assignment?.role ?? null,
      requested: p.assignment?.requested ?? false,
      targets: targetLines(p, locale),
      reason,
      askedDue: when(p.event.dueAt),
      previousDue: when(p.event.previousDueAt),
    });
  }
  const period = p.period
    ? msg(locale, 'mail.period', {
        name: msg(locale, 'periodName', { key: p.period.key }),
        startsOn: formatDate(p.period.startsOn),
        endsOn: formatDate(p.period.endsOn),
      })
    : '';
  // The counts a summary carries (added by the mail worker from the consolidation).
  const counts = p.event.counts as { units: number; onTime: number; late: number; missing: number } | undefined;
  const n = (v: number) => formatNumber(v, locale);
  return msg(locale, reportKey(p), {
    unit,
    period,
    due: when(p.period?.dueAt),
    reason,
    targets: targetLines(p, locale),
    ...(counts && { counts: { units: n(counts.units), onTime: n(counts.onTime), late: n(counts.late), missing: n(counts.missing) } }),
  });
}

/** A notification in the recipient's language. */
export function renderMessage(p: MessageParams, locale: Locale, publicUrl: string): RenderedMessage {
  const w = wording(p, locale);
  // One colon at most in a subject: "[dondoc] Nhắc hạn – 25/CT-UBND – Nhiệm vụ 1: Tuyên truyền".
  const subject = `[dondoc] ${w.prefix} – ${p.directive.numberSymbol}${taskLabel(p, locale)}`;
  const link = linkTo(p.path, publicUrl);
  const about = directiveLine(p, locale);
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

/** The link to the page, as a button (the notifications and the Office's urging mail). */
export const buttonStyle = 'display:inline-block;padding:8px 14px;background:#b3261e;color:#fff;text-decoration:none;border-radius:4px';
const bodyStyle = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222;max-width:640px';

/**
 * A page of the web app under the public URL, keeping PUBLIC_URL's own path
 * (dondoc served under /dondoc/ behind a proxy): `new URL('/x', base)` would drop it.
 */
export function linkTo(path: string, publicUrl: string): string {
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return new URL(path.replace(/^\/+/, ''), base).toString();
}

/** A small, mail-client-safe HTML page around a body. */
export function page(locale: Locale, title: string, body: string): string {
  const head = `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`;
  return `<!doctype html><html lang="${locale}">${head}<body style="${bodyStyle}">${body}</body></html>`;
}
