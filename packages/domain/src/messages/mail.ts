import type { AssignmentRole } from '../model.ts';
import { both, by } from './define.ts';
import { digestMail } from './mail.digest.ts';
import { officeMail, type OfficeReminderFacts, type OfficeReminderWording } from './mail.office.ts';
import { reportMail, type ReportFacts } from './mail.reports.ts';
import { about, withReasonEn, withReasonVi, type Wording } from './mail.wording.ts';

export type { OfficeReminderFacts, OfficeReminderWording, ReportFacts, Wording };

/** What a message about an assignment says, already formatted (dates dd/mm/yyyy hh:mm, numbers grouped). */
export interface AssignmentFacts {
  unit: string;
  /** The assignment's deadline, '—' when it has none. */
  due: string;
  /** The deadline, or null when the task has none (the new-task mail says so). */
  deadline: string | null;
  /** Lead or coordinating; null in a notification written before the role was carried. */
  role: AssignmentRole | null;
  /** A body the Committee only requests ("Đề nghị"), not one it directs. */
  requested: boolean;
  /** One line per target of the task: "- name: 12.000 người". */
  targets: string[];
  reason: string | null;
  /** The deadline an extension asks for. */
  askedDue: string;
  /** The deadline before the calendar moved it. */
  previousDue: string;
}

const roleVi: Record<AssignmentRole, string> = { lead: 'chủ trì', coordinate: 'phối hợp' };
const roleEn: Record<AssignmentRole, string> = { lead: 'as the lead unit', coordinate: 'as a coordinating unit' };

function assignedVi(f: AssignmentFacts): string[] {
  const role = f.role ? `${roleVi[f.role]} ` : '';
  return [
    f.requested ? `Đề nghị ${f.unit} ${role}thực hiện nhiệm vụ này.` : `${f.unit} được giao ${role}thực hiện nhiệm vụ này.`,
    f.deadline ? `Thời hạn hoàn thành: ${f.deadline}.` : 'Nhiệm vụ không ấn định thời hạn hoàn thành.',
    ...(f.targets.length ? ['Chỉ tiêu cần đạt:', ...f.targets] : []),
    'Đề nghị đơn vị tiếp nhận nhiệm vụ trên hệ thống và tổ chức triển khai thực hiện.',
  ];
}

function assignedEn(f: AssignmentFacts): string[] {
  const role = f.role ? ` ${roleEn[f.role]}` : '';
  return [
    f.requested ? `${f.unit} is requested to take part in this task${role}.` : `${f.unit} has been given this task${role}.`,
    f.deadline ? `Deadline: ${f.deadline}.` : 'The task has no set deadline.',
    ...(f.targets.length ? ['Targets to reach:', ...f.targets] : []),
    'Please acknowledge the task in dondoc and start on it.',
  ];
}

/**
 * Messages about an assignment, by notification template. A notice sent once the
 * deadline has passed says so ("quá hạn", "đôn đốc"); only the one before it is a reminder ("nhắc hạn").
 */
const assignmentMail = {
  'mail.assigned': about(
    (f: AssignmentFacts) => ({ prefix: 'Giao nhiệm vụ', lines: assignedVi(f) }),
    (f) => ({ prefix: 'New task', lines: assignedEn(f) }),
  ),
  'mail.reminder': about(
    (f: AssignmentFacts) => ({
      prefix: 'Nhắc hạn',
      lines: [
        `Nhiệm vụ của ${f.unit} đến hạn lúc ${f.due}.`,
        'Đề nghị đơn vị hoàn thành và gửi báo cáo trước thời hạn.',
        'Lịch hạn được gửi kèm thư (tệp .ics).',
      ],
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
      lines: [
        `Nhiệm vụ của ${f.unit} đã quá thời hạn hoàn thành (${f.due}) nhưng chưa có báo cáo được duyệt.`,
        'Đề nghị đơn vị khẩn trương hoàn thành và báo cáo kết quả.',
      ],
    }),
    (f) => ({
      prefix: 'Overdue',
      lines: [`${f.unit}'s task passed its deadline (${f.due}) without an approved report.`, 'Please complete it and report without delay.'],
    }),
  ),
  'mail.escalation_1': about(
    (f: AssignmentFacts) => ({
      prefix: 'Báo cáo Thủ trưởng về nhiệm vụ quá hạn',
      lines: [
        `Kính gửi Thủ trưởng ${f.unit}:`,
        `Nhiệm vụ của đơn vị đã quá hạn từ ${f.due} nhưng chưa hoàn thành.`,
        'Đề nghị Thủ trưởng đơn vị quan tâm chỉ đạo hoàn thành và báo cáo kết quả.',
      ],
    }),
    (f) => ({
      prefix: 'Overdue task, for the head of unit',
      lines: [`To the head of ${f.unit}:`, `Your unit's task has been overdue since ${f.due}.`, 'Please see that it is completed and reported.'],
    }),
  ),
  'mail.escalation_2': about(
    (f: AssignmentFacts) => ({
      prefix: 'Đơn vị chậm thực hiện',
      lines: [`${f.unit} chưa hoàn thành nhiệm vụ, quá hạn từ ${f.due}.`, 'Đề nghị cơ quan theo dõi đôn đốc, kiểm tra.'],
    }),
    (f) => ({ prefix: 'Unit lagging', lines: [`${f.unit} has not completed the task, overdue since ${f.due}.`, 'Please follow up with the unit.'] }),
  ),
  /** The last rung for a requested body: a courteous request for news, not the Chairman's list. */
  'mail.escalation_3.requested': about(
    (f: AssignmentFacts) => ({
      prefix: 'Đề nghị thông tin kết quả phối hợp',
      lines: [
        `Kính gửi ${f.unit}:`,
        `Nội dung đề nghị phối hợp thực hiện đã quá thời hạn (${f.due}).`,
        'Kính đề nghị quý cơ quan quan tâm phối hợp và thông tin kết quả thực hiện.',
      ],
    }),
    (f) => ({
      prefix: 'Request for news of the contribution',
      lines: [`To ${f.unit}:`, `The requested contribution is past its date (${f.due}).`, 'We would be grateful for your attention and news of the results.'],
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
    (f: AssignmentFacts) => ({ prefix: 'Đồng ý gia hạn', lines: [`Đề nghị gia hạn của ${f.unit} được chấp thuận. Hạn mới là ${f.due}.`] }),
    (f) => ({ prefix: 'Extension granted', lines: [`${f.unit}'s extension is granted. The new deadline is ${f.due}.`] }),
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
    (f) => ({ prefix: 'Deadline moved', lines: [`The working calendar changed, so ${f.unit}'s deadline moves from ${f.previousDue} to ${f.due}.`] }),
  ),
  'mail.directive_withdrawn': about(
    (f: AssignmentFacts) => ({ prefix: 'Thu hồi văn bản', lines: withReasonVi(f, ['Văn bản này đã được thu hồi; các nhiệm vụ theo văn bản được hủy.']) }),
    (f) => ({ prefix: 'Directive withdrawn', lines: withReasonEn(f, ['This directive was withdrawn; its tasks are cancelled.']) }),
  ),
} as const;

/** The parts every notification shares: the directive, the task or period in the subject, the link, the footer. */
const mailParts = {
  /** The directive as the first line names it: "Chỉ thị số 25/CT-UBND – Thực hiện đợt cao điểm…". */
  'mail.directive': by(
    (p: { type: string; numberSymbol: string; subject: string | null }) => `${p.type} số ${p.numberSymbol}${p.subject ? ` – ${p.subject}` : ''}`,
    (p) => `${p.type} no. ${p.numberSymbol}${p.subject ? ` – ${p.subject}` : ''}`,
  ),
  'mail.document': both('Văn bản', 'Document'),
  'mail.period': by(
    (p: { name: string; startsOn: string; endsOn: string }) => `${p.name} (từ ${p.startsOn} đến ${p.endsOn})`,
    (p) => `${p.name} (${p.startsOn} to ${p.endsOn})`,
  ),
  'mail.subject.period': by(
    (p: { name: string }) => ` – Kỳ báo cáo ${p.name}`,
    (p) => ` – Report for ${p.name}`,
  ),
  'mail.subject.task': by(
    (p: { ordinal: number; title: string | null }) => (p.title ? ` – Nhiệm vụ ${p.ordinal}: ${p.title}` : ` – Nhiệm vụ số ${p.ordinal}`),
    (p) => (p.title ? ` – Task ${p.ordinal}: ${p.title}` : ` – Task no. ${p.ordinal}`),
  ),
  /** A target to reach or report on: its name, value and unit of measure. */
  'mail.target': by(
    (p: { name: string; value: string; unitOfMeasure: string }) => `- ${p.name}: ${p.value} ${p.unitOfMeasure}`.trimEnd(),
    (p) => `- ${p.name}: ${p.value} ${p.unitOfMeasure}`.trimEnd(),
  ),
  'mail.footer': both('Thư tự động từ hệ thống đôn đốc dondoc. Xin không trả lời thư này.', 'An automatic message from dondoc. Please do not reply.'),
  'mail.open': both('Xem và xử lý', 'Open'),
} as const;

export const mailMessages = { ...assignmentMail, ...reportMail, ...mailParts, ...digestMail, ...officeMail };

/** The notification templates worded from an assignment's facts, and from a report's. */
export type AssignmentMailKey = keyof typeof assignmentMail;
export type ReportMailKey = keyof typeof reportMail;
