import escapeHtml from 'escape-html';
import { formatInstant, type NotificationParams } from '@dondoc/domain';

/**
 * The messages dondoc sends, Vietnamese first and English for recipients who
 * chose it. Each takes the notification's params (written by the engine, with
 * nothing classified in them) and gives a subject, a plain-text and an HTML
 * body. The directive's number and the task are in every subject.
 */
export type Locale = 'vi' | 'en';

export type MessageParams = NotificationParams;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  prefix: string;
  lines: string[];
}

const when = (iso: unknown) => (typeof iso === 'string' ? formatInstant(new Date(iso)) : '—');
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

function taskLabel(p: MessageParams, locale: Locale): string {
  if (p.period) return locale === 'vi' ? ` – kỳ ${p.period.key}` : ` – period ${p.period.key}`;
  if (!p.task) return '';
  const n = p.task.ordinal;
  if (locale === 'vi') return p.task.title ? ` – Nhiệm vụ ${n}: ${p.task.title}` : ` – nhiệm vụ số ${n}`;
  return p.task.title ? ` – Task ${n}: ${p.task.title}` : ` – task no. ${n}`;
}

function wording(p: MessageParams, locale: Locale): Wording {
  const unit = p.unit?.name ?? '';
  const due = when(p.assignment?.dueAt);
  const reason = str(p.event.reason);
  const vi = locale === 'vi';
  const withReason = (line: string[]) => (reason ? [...line, vi ? `Lý do: ${reason}` : `Reason: ${reason}`] : line);
  switch (p.template) {
    case 'assigned':
      return vi
        ? { prefix: 'Giao nhiệm vụ', lines: [`${unit} được giao nhiệm vụ này.`, `Hạn hoàn thành: ${due}.`, 'Đề nghị đơn vị tiếp nhận và triển khai thực hiện.'] }
        : { prefix: 'New task', lines: [`${unit} has been given this task.`, `Due: ${due}.`, 'Please acknowledge it and start.'] };
    case 'reminder':
      return vi
        ? { prefix: 'Nhắc hạn', lines: [`Nhiệm vụ của ${unit} đến hạn lúc ${due}.`, 'Đề nghị đơn vị hoàn thành và gửi báo cáo trước hạn.', 'Lịch hạn được gửi kèm (tệp .ics).'] }
        : { prefix: 'Reminder', lines: [`${unit}'s task is due at ${due}.`, 'Please finish it and send the report before the deadline.', 'The deadline is attached as a calendar file (.ics).'] };
    case 'overdue':
      return vi
        ? { prefix: 'Quá hạn', lines: [`Nhiệm vụ của ${unit} đã quá hạn (${due}) mà chưa có báo cáo được duyệt.`, 'Đề nghị đơn vị khẩn trương hoàn thành và báo cáo.'] }
        : { prefix: 'Overdue', lines: [`${unit}'s task passed its deadline (${due}) without an approved report.`, 'Please complete it and report without delay.'] };
    case 'escalation_1':
      return vi
        ? { prefix: 'Báo cáo Thủ trưởng: nhiệm vụ quá hạn', lines: [`Kính gửi Thủ trưởng ${unit}:`, `nhiệm vụ của đơn vị đã quá hạn từ ${due}. Đề nghị Thủ trưởng chỉ đạo hoàn thành.`] }
        : { prefix: 'To the head of unit: task overdue', lines: [`To the head of ${unit}:`, `your unit's task has been overdue since ${due}. Please see that it is completed.`] };
    case 'escalation_2':
      return vi
        ? { prefix: 'Đơn vị chậm thực hiện', lines: [`${unit} chưa hoàn thành nhiệm vụ, quá hạn từ ${due}.`, 'Đề nghị cơ quan theo dõi đôn đốc, kiểm tra.'] }
        : { prefix: 'Unit lagging', lines: [`${unit} has not completed the task, overdue since ${due}.`, 'Please follow up with the unit.'] };
    case 'escalation_3':
      return p.assignment?.requested
        ? vi
          ? { prefix: 'Thư nhắc', lines: [`Kính gửi ${unit}:`, `nội dung đề nghị phối hợp thực hiện đã quá thời hạn (${due}).`, 'Kính đề nghị quý cơ quan quan tâm, phối hợp và thông tin kết quả.'] }
          : { prefix: 'Courtesy reminder', lines: [`To ${unit}:`, `the requested contribution is past its date (${due}).`, 'We would be grateful for your attention and an update on the results.'] }
        : vi
          ? { prefix: 'Đưa vào danh sách báo cáo Chủ tịch UBND tỉnh', lines: [`${unit} chậm thực hiện nhiệm vụ (quá hạn từ ${due}) và đã được đưa vào danh sách báo cáo Chủ tịch UBND tỉnh.`, 'Thủ trưởng đơn vị chịu trách nhiệm trước Chủ tịch UBND tỉnh.'] }
          : { prefix: "Placed on the Chairman's list", lines: [`${unit} is late with the task (overdue since ${due}) and has been placed on the Chairman's list.`, 'The head of the unit answers to the Chairman.'] };
    case 'extension_requested':
      return vi
        ? { prefix: 'Xin gia hạn', lines: withReason([`${unit} xin gia hạn đến ${when(p.event.dueAt)}.`]) }
        : { prefix: 'Extension requested', lines: withReason([`${unit} asks for an extension to ${when(p.event.dueAt)}.`]) };
    case 'extension_granted':
      return vi
        ? { prefix: 'Đồng ý gia hạn', lines: [`Đề nghị gia hạn của ${unit} được chấp thuận. Hạn mới: ${due}.`] }
        : { prefix: 'Extension granted', lines: [`${unit}'s extension is granted. New deadline: ${due}.`] };
    case 'extension_denied':
      return vi
        ? { prefix: 'Không đồng ý gia hạn', lines: withReason([`Đề nghị gia hạn của ${unit} không được chấp thuận. Hạn vẫn là ${due}.`]) }
        : { prefix: 'Extension denied', lines: withReason([`${unit}'s extension is denied. The deadline stays ${due}.`]) };
    case 'report_submitted':
      return vi
        ? { prefix: 'Đã nhận báo cáo', lines: [`${unit} đã gửi báo cáo. Đề nghị cơ quan theo dõi xem xét, duyệt hoặc trả lại.`] }
        : { prefix: 'Report received', lines: [`${unit} has sent its report. Please review it.`] };
    case 'report_returned':
      return vi
        ? { prefix: 'Báo cáo bị trả lại', lines: withReason([`Báo cáo của ${unit} được trả lại để bổ sung, hoàn thiện.`]) }
        : { prefix: 'Report returned', lines: withReason([`${unit}'s report was returned for rework.`]) };
    case 'report_approved':
      return vi
        ? { prefix: 'Báo cáo đã được duyệt', lines: [`Báo cáo của ${unit} đã được duyệt. Nhiệm vụ hoàn thành.`] }
        : { prefix: 'Report approved', lines: [`${unit}'s report was approved. The task is done.`] };
    case 'assignment_cancelled':
      return vi
        ? { prefix: 'Hủy phân công', lines: withReason([`Nhiệm vụ của ${unit} đã được hủy.`]) }
        : { prefix: 'Task cancelled', lines: withReason([`${unit}'s task was cancelled.`]) };
    case 'deadline_moved':
      return vi
        ? { prefix: 'Điều chỉnh hạn', lines: [`Do lịch làm việc thay đổi, hạn của ${unit} chuyển từ ${when(p.event.previousDueAt)} sang ${due}.`] }
        : { prefix: 'Deadline moved', lines: [`The working calendar changed: ${unit}'s deadline moves from ${when(p.event.previousDueAt)} to ${due}.`] };
    case 'directive_withdrawn':
      return vi
        ? { prefix: 'Thu hồi văn bản', lines: withReason(['Văn bản này đã được thu hồi; các nhiệm vụ theo văn bản được hủy.']) }
        : { prefix: 'Directive withdrawn', lines: withReason(['This directive was withdrawn; its tasks are cancelled.']) };
    default:
      return reportWording(p, locale);
  }
}

/** Messages about periodic reports. */
function reportWording(p: MessageParams, locale: Locale): Wording {
  const vi = locale === 'vi';
  const unit = p.unit?.name ?? '';
  const period = p.period ? (vi ? `kỳ ${p.period.key} (${p.period.startsOn} – ${p.period.endsOn})` : `period ${p.period.key} (${p.period.startsOn} – ${p.period.endsOn})`) : '';
  const due = when(p.period?.dueAt);
  const reason = str(p.event.reason);
  const targets = (p.targets ?? []).map((t) => `- ${t.name} (${t.code}): ${t.targetValue} ${t.unitOfMeasure}`);
  switch (p.template) {
    case 'report_requested':
      return vi
        ? { prefix: 'Yêu cầu báo cáo', lines: [`Đề nghị ${unit} báo cáo kết quả thực hiện ${period}, hạn gửi ${due}.`, ...(targets.length ? ['Các chỉ tiêu cần báo cáo số liệu:', ...targets] : [])] }
        : { prefix: 'Report requested', lines: [`${unit} is asked to report on ${period}, due ${due}.`, ...(targets.length ? ['Targets to report on:', ...targets] : [])] };
    case 'report_reminder':
      return vi ? { prefix: 'Nhắc gửi báo cáo', lines: [`Báo cáo ${period} của ${unit} đến hạn lúc ${due}.`] } : { prefix: 'Report reminder', lines: [`${unit}'s report on ${period} is due at ${due}.`] };
    case 'report_late':
      return vi ? { prefix: 'Chậm báo cáo', lines: [`${unit} chưa gửi báo cáo ${period}, hạn ${due} đã qua.`, 'Đề nghị gửi ngay.'] } : { prefix: 'Report late', lines: [`${unit} has not sent its report on ${period}; it was due ${due}.`] };
    case 'report_escalation_1':
      return vi ? { prefix: 'Báo cáo Thủ trưởng: chậm báo cáo', lines: [`Kính gửi Thủ trưởng ${unit}: đơn vị chưa gửi báo cáo ${period} (hạn ${due}).`] } : { prefix: 'To the head of unit: report late', lines: [`To the head of ${unit}: the report on ${period} (due ${due}) has not come.`] };
    case 'report_escalation_2':
      return vi ? { prefix: 'Đơn vị chậm báo cáo', lines: [`${unit} chưa gửi báo cáo ${period} (hạn ${due}). Đề nghị cơ quan theo dõi đôn đốc.`] } : { prefix: 'Unit late with its report', lines: [`${unit} has not sent its report on ${period} (due ${due}).`] };
    case 'report_escalation_3':
      return vi ? { prefix: 'Chậm báo cáo, báo cáo Chủ tịch UBND tỉnh', lines: [`${unit} vẫn chưa gửi báo cáo ${period}; việc chậm báo cáo được báo cáo Chủ tịch UBND tỉnh.`] } : { prefix: "Late report, on the Chairman's list", lines: [`${unit} has still not reported on ${period}.`] };
    case 'report_period_submitted':
      return vi ? { prefix: 'Đã nhận báo cáo định kỳ', lines: [`${unit} đã gửi báo cáo ${period}.`] } : { prefix: 'Periodic report received', lines: [`${unit} has sent its report on ${period}.`] };
    case 'report_period_returned':
      return vi ? { prefix: 'Báo cáo định kỳ bị trả lại', lines: [`Báo cáo ${period} của ${unit} được trả lại để bổ sung.`, ...(reason ? [`Lý do: ${reason}`] : [])] } : { prefix: 'Periodic report returned', lines: [`${unit}'s report on ${period} was returned.`, ...(reason ? [`Reason: ${reason}`] : [])] };
    case 'report_period_accepted':
      return vi ? { prefix: 'Báo cáo định kỳ được chấp nhận', lines: [`Báo cáo ${period} của ${unit} đã được chấp nhận.`] } : { prefix: 'Periodic report accepted', lines: [`${unit}'s report on ${period} was accepted.`] };
    case 'report_missing':
      return vi ? { prefix: 'Không báo cáo', lines: [`${unit} không gửi báo cáo ${period} trước khi kỳ báo cáo đóng.`] } : { prefix: 'Report missing', lines: [`${unit} did not report on ${period} before it closed.`] };
    case 'consolidation':
      if (p.directive.classified) {
        return vi
          ? { prefix: 'Báo cáo tổng hợp', lines: [`Kỳ báo cáo ${period} đã khép lại. Văn bản có độ mật nên báo cáo tổng hợp không gửi kèm thư; đề nghị cơ quan theo dõi xem và phê duyệt trên hệ thống.`] }
          : { prefix: 'Consolidated report', lines: [`Period ${period} is closed. The directive is classified, so the consolidated report is not attached; please review and approve it in dondoc.`] };
      }
      return vi
        ? { prefix: 'Báo cáo tổng hợp', lines: [`Kỳ báo cáo ${period} đã khép lại. Báo cáo tổng hợp gửi kèm (XLSX, CSV); đề nghị cơ quan theo dõi xem xét, phê duyệt.`] }
        : { prefix: 'Consolidated report', lines: [`Period ${period} is closed. The consolidated report is attached (XLSX, CSV) for review and approval.`] };
    case 'consolidation_summary':
      return vi
        ? { prefix: 'Tóm tắt báo cáo tổng hợp', lines: [`Kính gửi Chủ tịch UBND tỉnh: kỳ báo cáo ${period} đã khép lại; báo cáo tổng hợp đã gửi cơ quan theo dõi.`, ...summaryLines(p, true)] }
        : { prefix: 'Consolidation summary', lines: [`To the Chairman: period ${period} is closed; the consolidated report went to the monitoring unit.`, ...summaryLines(p, false)] };
    default:
      throw new Error(`no template "${p.template}"`);
  }
}

/** The counts a summary carries (added by the mail worker from the consolidation). */
function summaryLines(p: MessageParams, vi: boolean): string[] {
  const c = p.event.counts as { units: number; onTime: number; late: number; missing: number } | undefined;
  if (!c) return [];
  return [vi ? `Đúng hạn ${c.onTime}, chậm ${c.late}, không báo cáo ${c.missing} trên ${c.units} đơn vị.` : `On time ${c.onTime}, late ${c.late}, missing ${c.missing} of ${c.units} units.`];
}

/** A notification in the recipient's language. */
export function renderMessage(p: MessageParams, locale: Locale, publicUrl: string): RenderedMessage {
  const w = wording(p, locale);
  const vi = locale === 'vi';
  const subject = `[dondoc] ${w.prefix}: ${p.directive.numberSymbol}${taskLabel(p, locale)}`;
  const link = new URL(p.path, publicUrl).toString();
  const about = p.directive.subject ? `${p.directive.numberSymbol}: ${p.directive.subject}` : p.directive.numberSymbol;
  const footer = vi ? 'Thư tự động từ hệ thống đôn đốc dondoc. Xin không trả lời thư này.' : 'An automatic message from dondoc. Please do not reply.';
  const open = vi ? 'Xem và xử lý' : 'Open';
  const text = [about, '', ...w.lines, '', `${open}: ${link}`, '', footer].join('\n');
  const html = page(
    locale,
    subject,
    `<p style="color:#555">${escapeHtml(about)}</p>${w.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}` +
      `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 14px;background:#b3261e;color:#fff;text-decoration:none;border-radius:4px">${open}</a></p>` +
      `<p style="color:#777;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

/** A small, mail-client-safe HTML page around a body. */
export function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222;max-width:640px">${body}</body></html>`;
}
