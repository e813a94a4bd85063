import { by } from './define.ts';

/** What the Office's "Nhắc ngay" mail says, already formatted (counts grouped, dates dd/mm/yyyy). */
export interface OfficeReminderFacts {
  unit: string;
  /** How many overdue items, as a number (for the English plural) and grouped the recipient's way. */
  n: number;
  count: string;
  /** The Office user who sent it, or null when the notification does not say. */
  sender: string | null;
}

/** The mail's parts around the list of overdue items. */
export interface OfficeReminderWording {
  subject: string;
  /** The salutation on a line of its own, then the request. */
  intro: string[];
  /** What the unit is asked to do, and who sent it. */
  outro: string[];
  /** The label of the link to the unit's inbox. */
  open: string;
}

const officeEn = "the Office of the Provincial People's Committee";

/** "Nhắc ngay": the Office of the Provincial People's Committee urges a lagging unit now. */
export const officeMail = {
  'mail.office_reminder': by<OfficeReminderFacts, OfficeReminderWording>(
    (f) => ({
      subject: `[dondoc] Văn phòng UBND tỉnh đôn đốc – ${f.count} nhiệm vụ quá hạn`,
      intro: [`Kính gửi ${f.unit}:`, 'Văn phòng UBND tỉnh đề nghị đơn vị khẩn trương hoàn thành các nhiệm vụ đã quá hạn sau đây:'],
      outro: [
        'Đề nghị đơn vị cập nhật tiến độ và gửi báo cáo kết quả thực hiện trên hệ thống dondoc.',
        f.sender ? `Người gửi: ${f.sender}, Văn phòng UBND tỉnh.` : 'Người gửi: Văn phòng UBND tỉnh.',
      ],
      open: 'Mở danh sách việc cần làm của đơn vị',
    }),
    (f) => ({
      subject: `[dondoc] The Office of the Provincial People's Committee urges action – ${f.count} overdue task${f.n === 1 ? '' : 's'}`,
      intro: [`To ${f.unit}:`, `The Office of the Provincial People's Committee asks your unit to complete these overdue tasks without delay:`],
      outro: ['Please update their progress and send the reports in dondoc.', f.sender ? `Sent by ${f.sender}, ${officeEn}.` : `Sent by ${officeEn}.`],
      open: "Open your unit's inbox",
    }),
  ),
  /** One overdue item: the directive's number, the task, the deadline, how many working days late. */
  'mail.office_reminder.item': by(
    (p: { numberSymbol: string; task: string; due: string; days: string }) => `${p.numberSymbol}, ${p.task} — hạn ${p.due}, quá hạn ${p.days} ngày làm việc`,
    (p) => `${p.numberSymbol}, ${p.task} — due ${p.due}, ${p.days} working days late`,
  ),
} as const;
