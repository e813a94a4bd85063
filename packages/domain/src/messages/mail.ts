import { commonMessages } from './common.ts';
import { both, by } from './define.ts';

/** A notification's wording: the subject's prefix and the body's lines. */
export interface Wording {
  prefix: string;
  lines: string[];
}

/** What a message about an assignment says, already formatted. */
export interface AssignmentFacts {
  unit: string;
  /** The assignment's deadline. */
  due: string;
  reason: string | null;
  /** The deadline an extension asks for. */
  askedDue: string;
  /** The deadline before the calendar moved it. */
  previousDue: string;
}

/** What a message about a periodic report says, already formatted. */
export interface ReportFacts {
  unit: string;
  /** "kỳ 2026-03 (…)" / "period 2026-03 (…)", in the message's language. */
  period: string;
  due: string;
  reason: string | null;
  /** One line per target to report on. */
  targets: string[];
  counts?: { units: number; onTime: number; late: number; missing: number };
}

const reason = commonMessages['common.reasonLine'];
const withReasonVi = (f: { reason: string | null }, lines: string[]) => (f.reason ? [...lines, reason.vi({ reason: f.reason })] : lines);
const withReasonEn = (f: { reason: string | null }, lines: string[]) => (f.reason ? [...lines, reason.en({ reason: f.reason })] : lines);
const about = <P>(vi: (f: P) => Wording, en: (f: NoInfer<P>) => Wording) => by<P, Wording>(vi, en);

/** Messages about an assignment, by notification template. */
const assignmentMail = {
  'mail.assigned': about(
    (f: AssignmentFacts) => ({
      prefix: 'Giao nhiệm vụ',
      lines: [`${f.unit} được giao nhiệm vụ này.`, `Hạn hoàn thành: ${f.due}.`, 'Đề nghị đơn vị tiếp nhận và triển khai thực hiện.'],
    }),
    (f) => ({ prefix: 'New task', lines: [`${f.unit} has been given this task.`, `Due: ${f.due}.`, 'Please acknowledge it and start.'] }),
  ),
  'mail.reminder': about(
    (f: AssignmentFacts) => ({
      prefix: 'Nhắc hạn',
      lines: [`Nhiệm vụ của ${f.unit} đến hạn lúc ${f.due}.`, 'Đề nghị đơn vị hoàn thành và gửi báo cáo trước hạn.', 'Lịch hạn được gửi kèm (tệp .ics).'],
    }),
    (f) => ({
      prefix: 'Reminder',
      lines: [
        `${f.unit}'s task is due at ${f.due}.`,
        'Please finish it and send the report before the deadline.',
        'The deadline is attached as a calendar file (.ics).',
      ],
    }),
  ),
  'mail.overdue': about(
    (f: AssignmentFacts) => ({
      prefix: 'Quá hạn',
      lines: [`Nhiệm vụ của ${f.unit} đã quá hạn (${f.due}) mà chưa có báo cáo được duyệt.`, 'Đề nghị đơn vị khẩn trương hoàn thành và báo cáo.'],
    }),
    (f) => ({
      prefix: 'Overdue',
      lines: [`${f.unit}'s task passed its deadline (${f.due}) without an approved report.`, 'Please complete it and report without delay.'],
    }),
  ),
  'mail.escalation_1': about(
    (f: AssignmentFacts) => ({
      prefix: 'Báo cáo Thủ trưởng: nhiệm vụ quá hạn',
      lines: [`Kính gửi Thủ trưởng ${f.unit}:`, `nhiệm vụ của đơn vị đã quá hạn từ ${f.due}. Đề nghị Thủ trưởng chỉ đạo hoàn thành.`],
    }),
    (f) => ({
      prefix: 'To the head of unit: task overdue',
      lines: [`To the head of ${f.unit}:`, `your unit's task has been overdue since ${f.due}. Please see that it is completed.`],
    }),
  ),
  'mail.escalation_2': about(
    (f: AssignmentFacts) => ({
      prefix: 'Đơn vị chậm thực hiện',
      lines: [`${f.unit} chưa hoàn thành nhiệm vụ, quá hạn từ ${f.due}.`, 'Đề nghị cơ quan theo dõi đôn đốc, kiểm tra.'],
    }),
    (f) => ({ prefix: 'Unit lagging', lines: [`${f.unit} has not completed the task, overdue since ${f.due}.`, 'Please follow up with the unit.'] }),
  ),
  /** The last rung for a requested body: a courtesy reminder, not the Chairman's list. */
  'mail.escalation_3.requested': about(
    (f: AssignmentFacts) => ({
      prefix: 'Thư nhắc',
      lines: [
        `Kính gửi ${f.unit}:`,
        `nội dung đề nghị phối hợp thực hiện đã quá thời hạn (${f.due}).`,
        'Kính đề nghị quý cơ quan quan tâm, phối hợp và thông tin kết quả.',
      ],
    }),
    (f) => ({
      prefix: 'Courtesy reminder',
      lines: [
        `To ${f.unit}:`,
        `the requested contribution is past its date (${f.due}).`,
        'We would be grateful for your attention and an update on the results.',
      ],
    }),
  ),
  'mail.escalation_3': about(
    (f: AssignmentFacts) => ({
      prefix: 'Đưa vào danh sách báo cáo Chủ tịch UBND tỉnh',
      lines: [
        `${f.unit} chậm thực hiện nhiệm vụ (quá hạn từ ${f.due}) và đã được đưa vào danh sách báo cáo Chủ tịch UBND tỉnh.`,
        'Thủ trưởng đơn vị chịu trách nhiệm trước Chủ tịch UBND tỉnh.',
      ],
    }),
    (f) => ({
      prefix: "Placed on the Chairman's list",
      lines: [
        `${f.unit} is late with the task (overdue since ${f.due}) and has been placed on the Chairman's list.`,
        'The head of the unit answers to the Chairman.',
      ],
    }),
  ),
  'mail.extension_requested': about(
    (f: AssignmentFacts) => ({ prefix: 'Xin gia hạn', lines: withReasonVi(f, [`${f.unit} xin gia hạn đến ${f.askedDue}.`]) }),
    (f) => ({ prefix: 'Extension requested', lines: withReasonEn(f, [`${f.unit} asks for an extension to ${f.askedDue}.`]) }),
  ),
  'mail.extension_granted': about(
    (f: AssignmentFacts) => ({ prefix: 'Đồng ý gia hạn', lines: [`Đề nghị gia hạn của ${f.unit} được chấp thuận. Hạn mới: ${f.due}.`] }),
    (f) => ({ prefix: 'Extension granted', lines: [`${f.unit}'s extension is granted. New deadline: ${f.due}.`] }),
  ),
  'mail.extension_denied': about(
    (f: AssignmentFacts) => ({
      prefix: 'Không đồng ý gia hạn',
      lines: withReasonVi(f, [`Đề nghị gia hạn của ${f.unit} không được chấp thuận. Hạn vẫn là ${f.due}.`]),
    }),
    (f) => ({ prefix: 'Extension denied', lines: withReasonEn(f, [`${f.unit}'s extension is denied. The deadline stays ${f.due}.`]) }),
  ),
  'mail.report_submitted': about(
    (f: AssignmentFacts) => ({ prefix: 'Đã nhận báo cáo', lines: [`${f.unit} đã gửi báo cáo. Đề nghị cơ quan theo dõi xem xét, duyệt hoặc trả lại.`] }),
    (f) => ({ prefix: 'Report received', lines: [`${f.unit} has sent its report. Please review it.`] }),
  ),
  'mail.report_returned': about(
    (f: AssignmentFacts) => ({ prefix: 'Báo cáo bị trả lại', lines: withReasonVi(f, [`Báo cáo của ${f.unit} được trả lại để bổ sung, hoàn thiện.`]) }),
    (f) => ({ prefix: 'Report returned', lines: withReasonEn(f, [`${f.unit}'s report was returned for rework.`]) }),
  ),
  'mail.report_approved': about(
    (f: AssignmentFacts) => ({ prefix: 'Báo cáo đã được duyệt', lines: [`Báo cáo của ${f.unit} đã được duyệt. Nhiệm vụ hoàn thành.`] }),
    (f) => ({ prefix: 'Report approved', lines: [`${f.unit}'s report was approved. The task is done.`] }),
  ),
  'mail.assignment_cancelled': about(
    (f: AssignmentFacts) => ({ prefix: 'Hủy phân công', lines: withReasonVi(f, [`Nhiệm vụ của ${f.unit} đã được hủy.`]) }),
    (f) => ({ prefix: 'Task cancelled', lines: withReasonEn(f, [`${f.unit}'s task was cancelled.`]) }),
  ),
  'mail.deadline_moved': about(
    (f: AssignmentFacts) => ({
      prefix: 'Điều chỉnh hạn',
      lines: [`Do lịch làm việc thay đổi, hạn của ${f.unit} chuyển từ ${f.previousDue} sang ${f.due}.`],
    }),
    (f) => ({ prefix: 'Deadline moved', lines: [`The working calendar changed: ${f.unit}'s deadline moves from ${f.previousDue} to ${f.due}.`] }),
  ),
  'mail.directive_withdrawn': about(
    (f: AssignmentFacts) => ({ prefix: 'Thu hồi văn bản', lines: withReasonVi(f, ['Văn bản này đã được thu hồi; các nhiệm vụ theo văn bản được hủy.']) }),
    (f) => ({ prefix: 'Directive withdrawn', lines: withReasonEn(f, ['This directive was withdrawn; its tasks are cancelled.']) }),
  ),
} as const;

const summaryVi = (f: ReportFacts) =>
  f.counts ? [`Đúng hạn ${f.counts.onTime}, chậm ${f.counts.late}, không báo cáo ${f.counts.missing} trên ${f.counts.units} đơn vị.`] : [];
const summaryEn = (f: ReportFacts) =>
  f.counts ? [`On time ${f.counts.onTime}, late ${f.counts.late}, missing ${f.counts.missing} of ${f.counts.units} units.`] : [];

/** Messages about periodic reports, by notification template. */
const reportMail = {
  'mail.report_requested': about(
    (f: ReportFacts) => ({
      prefix: 'Yêu cầu báo cáo',
      lines: [
        `Đề nghị ${f.unit} báo cáo kết quả thực hiện ${f.period}, hạn gửi ${f.due}.`,
        ...(f.targets.length ? ['Các chỉ tiêu cần báo cáo số liệu:', ...f.targets] : []),
      ],
    }),
    (f) => ({
      prefix: 'Report requested',
      lines: [`${f.unit} is asked to report on ${f.period}, due ${f.due}.`, ...(f.targets.length ? ['Targets to report on:', ...f.targets] : [])],
    }),
  ),
  'mail.report_reminder': about(
    (f: ReportFacts) => ({ prefix: 'Nhắc gửi báo cáo', lines: [`Báo cáo ${f.period} của ${f.unit} đến hạn lúc ${f.due}.`] }),
    (f) => ({ prefix: 'Report reminder', lines: [`${f.unit}'s report on ${f.period} is due at ${f.due}.`] }),
  ),
  'mail.report_late': about(
    (f: ReportFacts) => ({ prefix: 'Chậm báo cáo', lines: [`${f.unit} chưa gửi báo cáo ${f.period}, hạn ${f.due} đã qua.`, 'Đề nghị gửi ngay.'] }),
    (f) => ({ prefix: 'Report late', lines: [`${f.unit} has not sent its report on ${f.period}; it was due ${f.due}.`] }),
  ),
  'mail.report_escalation_1': about(
    (f: ReportFacts) => ({
      prefix: 'Báo cáo Thủ trưởng: chậm báo cáo',
      lines: [`Kính gửi Thủ trưởng ${f.unit}: đơn vị chưa gửi báo cáo ${f.period} (hạn ${f.due}).`],
    }),
    (f) => ({ prefix: 'To the head of unit: report late', lines: [`To the head of ${f.unit}: the report on ${f.period} (due ${f.due}) has not come.`] }),
  ),
  'mail.report_escalation_2': about(
    (f: ReportFacts) => ({
      prefix: 'Đơn vị chậm báo cáo',
      lines: [`${f.unit} chưa gửi báo cáo ${f.period} (hạn ${f.due}). Đề nghị cơ quan theo dõi đôn đốc.`],
    }),
    (f) => ({ prefix: 'Unit late with its report', lines: [`${f.unit} has not sent its report on ${f.period} (due ${f.due}).`] }),
  ),
  'mail.report_escalation_3': about(
    (f: ReportFacts) => ({
      prefix: 'Chậm báo cáo, báo cáo Chủ tịch UBND tỉnh',
      lines: [`${f.unit} vẫn chưa gửi báo cáo ${f.period}; việc chậm báo cáo được báo cáo Chủ tịch UBND tỉnh.`],
    }),
    (f) => ({ prefix: "Late report, on the Chairman's list", lines: [`${f.unit} has still not reported on ${f.period}.`] }),
  ),
  'mail.report_period_submitted': about(
    (f: ReportFacts) => ({ prefix: 'Đã nhận báo cáo định kỳ', lines: [`${f.unit} đã gửi báo cáo ${f.period}.`] }),
    (f) => ({ prefix: 'Periodic report received', lines: [`${f.unit} has sent its report on ${f.period}.`] }),
  ),
  'mail.report_period_returned': about(
    (f: ReportFacts) => ({ prefix: 'Báo cáo định kỳ bị trả lại', lines: withReasonVi(f, [`Báo cáo ${f.period} của ${f.unit} được trả lại để bổ sung.`]) }),
    (f) => ({ prefix: 'Periodic report returned', lines: withReasonEn(f, [`${f.unit}'s report on ${f.period} was returned.`]) }),
  ),
  'mail.report_period_accepted': about(
    (f: ReportFacts) => ({ prefix: 'Báo cáo định kỳ được chấp nhận', lines: [`Báo cáo ${f.period} của ${f.unit} đã được chấp nhận.`] }),
    (f) => ({ prefix: 'Periodic report accepted', lines: [`${f.unit}'s report on ${f.period} was accepted.`] }),
  ),
  'mail.report_missing': about(
    (f: ReportFacts) => ({ prefix: 'Không báo cáo', lines: [`${f.unit} không gửi báo cáo ${f.period} trước khi kỳ báo cáo đóng.`] }),
    (f) => ({ prefix: 'Report missing', lines: [`${f.unit} did not report on ${f.period} before it closed.`] }),
  ),
  /** A classified directive's consolidation goes without the files. */
  'mail.consolidation.classified': about(
    (f: ReportFacts) => ({
      prefix: 'Báo cáo tổng hợp',
      lines: [
        `Kỳ báo cáo ${f.period} đã khép lại. Văn bản có độ mật nên báo cáo tổng hợp không gửi kèm thư; ` +
          'đề nghị cơ quan theo dõi xem và phê duyệt trên hệ thống.',
      ],
    }),
    (f) => ({
      prefix: 'Consolidated report',
      lines: [`Period ${f.period} is closed. The directive is classified, so the consolidated report is not attached; please review and approve it in dondoc.`],
    }),
  ),
  'mail.consolidation': about(
    (f: ReportFacts) => ({
      prefix: 'Báo cáo tổng hợp',
      lines: [`Kỳ báo cáo ${f.period} đã khép lại. Báo cáo tổng hợp gửi kèm (XLSX, CSV); đề nghị cơ quan theo dõi xem xét, phê duyệt.`],
    }),
    (f) => ({
      prefix: 'Consolidated report',
      lines: [`Period ${f.period} is closed. The consolidated report is attached (XLSX, CSV) for review and approval.`],
    }),
  ),
  'mail.consolidation_summary': about(
    (f: ReportFacts) => ({
      prefix: 'Tóm tắt báo cáo tổng hợp',
      lines: [`Kính gửi Chủ tịch UBND tỉnh: kỳ báo cáo ${f.period} đã khép lại; báo cáo tổng hợp đã gửi cơ quan theo dõi.`, ...summaryVi(f)],
    }),
    (f) => ({
      prefix: 'Consolidation summary',
      lines: [`To the Chairman: period ${f.period} is closed; the consolidated report went to the monitoring unit.`, ...summaryEn(f)],
    }),
  ),
} as const;

type Period = { key: string; startsOn: string; endsOn: string };

/** The parts every notification shares: the task or period in the subject, the link, the footer. */
const mailParts = {
  'mail.period': by(
    (p: Period) => `kỳ ${p.key} (${p.startsOn} – ${p.endsOn})`,
    (p) => `period ${p.key} (${p.startsOn} – ${p.endsOn})`,
  ),
  'mail.subject.period': by(
    (p: { key: string }) => ` – kỳ ${p.key}`,
    (p) => ` – period ${p.key}`,
  ),
  'mail.subject.task': by(
    (p: { ordinal: number; title: string | null }) => (p.title ? ` – Nhiệm vụ ${p.ordinal}: ${p.title}` : ` – nhiệm vụ số ${p.ordinal}`),
    (p) => (p.title ? ` – Task ${p.ordinal}: ${p.title}` : ` – task no. ${p.ordinal}`),
  ),
  'mail.footer': both('Thư tự động từ hệ thống đôn đốc dondoc. Xin không trả lời thư này.', 'An automatic message from dondoc. Please do not reply.'),
  'mail.open': both('Xem và xử lý', 'Open'),
} as const;

/** The digests: a unit's morning mail and the Chairman's list. */
const digestMail = {
  'digest.task': by(
    (p: { ordinal: number; title?: string | undefined }) => `nhiệm vụ ${p.ordinal}${p.title ? `: ${p.title}` : ''}`,
    (p) => `task ${p.ordinal}${p.title ? `: ${p.title}` : ''}`,
  ),
  'digest.overdue': by(
    (p: { days: number; due: string }) => `quá hạn ${p.days} ngày làm việc (hạn ${p.due})`,
    (p) => `${p.days} working days late (due ${p.due})`,
  ),
  'digest.due': by(
    (p: { due: string }) => `hạn ${p.due}`,
    (p) => `due ${p.due}`,
  ),
  'digest.open': both('Mở dondoc', 'Open dondoc'),
  'digest.unit.subject': by(
    (p: { day: string; unit: string; items: number; overdue: number }) =>
      `[dondoc] Tổng hợp ngày ${p.day}: ${p.unit} — ${p.items} nhiệm vụ cần xử lý, ${p.overdue} quá hạn`,
    (p) => `[dondoc] Digest for ${p.day}: ${p.unit} — ${p.items} tasks to handle, ${p.overdue} overdue`,
  ),
  'digest.unit.intro': by(
    (p: { unit: string }) => `Các nhiệm vụ của ${p.unit} đến hạn hoặc đã quá hạn:`,
    (p) => `${p.unit}'s tasks due soon or overdue:`,
  ),
  'digest.chairman.subject': by(
    (p: { day: string; units: number }) => `[dondoc] Danh sách đơn vị chậm thực hiện ngày ${p.day}: ${p.units} đơn vị`,
    (p) => `[dondoc] Lagging units, ${p.day}: ${p.units}`,
  ),
  'digest.chairman.intro': both(
    'Kính gửi Chủ tịch UBND tỉnh, các đơn vị sau chậm thực hiện nhiệm vụ:',
    'To the Chairman: these units are late with their tasks:',
  ),
  'digest.chairman.unit': by(
    (p: { unit: string; lateThisYear: number }) => `${p.unit} (chậm ${p.lateThisYear} lần trong năm)`,
    (p) => `${p.unit} (late ${p.lateThisYear} times this year)`,
  ),
} as const;

export const mailMessages = { ...assignmentMail, ...reportMail, ...mailParts, ...digestMail };

/** The notification templates worded from an assignment's facts, and from a report's. */
export type AssignmentMailKey = keyof typeof assignmentMail;
export type ReportMailKey = keyof typeof reportMail;
