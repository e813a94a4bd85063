import { about, withReasonEn, withReasonVi } from './mail.wording.ts';

/** What a message about a periodic report says, already formatted. */
export interface ReportFacts {
  unit: string;
  /** The period as people name it, with its dates: "tháng 03/2026 (từ 01/03/2026 đến 31/03/2026)". */
  period: string;
  due: string;
  reason: string | null;
  /** One line per target to report on: "- name: 12.000 người". */
  targets: string[];
  counts?: { units: string; onTime: string; late: string; missing: string };
}

const summaryVi = (f: ReportFacts) =>
  f.counts ? [`Đúng hạn ${f.counts.onTime}, chậm ${f.counts.late}, không báo cáo ${f.counts.missing} trên ${f.counts.units} đơn vị.`] : [];
const summaryEn = (f: ReportFacts) =>
  f.counts ? [`On time ${f.counts.onTime}, late ${f.counts.late}, missing ${f.counts.missing} of ${f.counts.units} units.`] : [];

/** Messages about periodic reports, by notification template. After the due time nothing is a reminder: it is late. */
export const reportMail = {
  'mail.report_requested': about(
    (f: ReportFacts) => ({
      prefix: 'Yêu cầu báo cáo',
      lines: [
        `Đề nghị ${f.unit} báo cáo kết quả thực hiện kỳ ${f.period}, hạn gửi báo cáo ${f.due}.`,
        ...(f.targets.length ? ['Các chỉ tiêu cần báo cáo số liệu:', ...f.targets] : []),
      ],
    }),
    (f) => ({
      prefix: 'Report requested',
      lines: [`${f.unit} is asked to report on ${f.period}, due ${f.due}.`, ...(f.targets.length ? ['Targets to report on:', ...f.targets] : [])],
    }),
  ),
  'mail.report_reminder': about(
    (f: ReportFacts) => ({ prefix: 'Nhắc gửi báo cáo', lines: [`Báo cáo kỳ ${f.period} của ${f.unit} đến hạn lúc ${f.due}.`] }),
    (f) => ({ prefix: 'Report reminder', lines: [`${f.unit}'s report on ${f.period} is due at ${f.due}.`] }),
  ),
  'mail.report_late': about(
    (f: ReportFacts) => ({
      prefix: 'Chậm báo cáo',
      lines: [`${f.unit} chưa gửi báo cáo kỳ ${f.period}, hạn ${f.due} đã qua.`, 'Đề nghị đơn vị gửi báo cáo ngay.'],
    }),
    (f) => ({ prefix: 'Report late', lines: [`${f.unit} has not sent its report on ${f.period}; it was due ${f.due}.`, 'Please send it now.'] }),
  ),
  'mail.report_escalation_1': about(
    (f: ReportFacts) => ({
      prefix: 'Báo cáo Thủ trưởng về việc chậm báo cáo',
      lines: [
        `Kính gửi Thủ trưởng ${f.unit}:`,
        `Đơn vị chưa gửi báo cáo kỳ ${f.period} (hạn ${f.due}).`,
        'Đề nghị Thủ trưởng đơn vị chỉ đạo gửi báo cáo ngay.',
      ],
    }),
    (f) => ({
      prefix: 'Late report, for the head of unit',
      lines: [`To the head of ${f.unit}:`, `The report on ${f.period} (due ${f.due}) has not come.`, 'Please see that it is sent at once.'],
    }),
  ),
  'mail.report_escalation_2': about(
    (f: ReportFacts) => ({
      prefix: 'Đơn vị chậm báo cáo',
      lines: [`${f.unit} chưa gửi báo cáo kỳ ${f.period} (hạn ${f.due}).`, 'Đề nghị cơ quan theo dõi đôn đốc.'],
    }),
    (f) => ({
      prefix: 'Unit late with its report',
      lines: [`${f.unit} has not sent its report on ${f.period} (due ${f.due}).`, 'Please follow up with the unit.'],
    }),
  ),
  'mail.report_escalation_3': about(
    (f: ReportFacts) => ({
      prefix: 'Chậm báo cáo, báo cáo Chủ tịch UBND tỉnh',
      lines: [`${f.unit} vẫn chưa gửi báo cáo kỳ ${f.period}; việc chậm báo cáo được báo cáo Chủ tịch UBND tỉnh.`],
    }),
    (f) => ({ prefix: "Late report, on the Chairman's list", lines: [`${f.unit} has still not reported on ${f.period}; the Chairman is told.`] }),
  ),
  'mail.report_period_submitted': about(
    (f: ReportFacts) => ({ prefix: 'Đã nhận báo cáo định kỳ', lines: [`${f.unit} đã gửi báo cáo kỳ ${f.period}.`] }),
    (f) => ({ prefix: 'Periodic report received', lines: [`${f.unit} has sent its report on ${f.period}.`] }),
  ),
  'mail.report_period_returned': about(
    (f: ReportFacts) => ({ prefix: 'Báo cáo định kỳ bị trả lại', lines: withReasonVi(f, [`Báo cáo kỳ ${f.period} của ${f.unit} được trả lại để bổ sung.`]) }),
    (f) => ({ prefix: 'Periodic report returned', lines: withReasonEn(f, [`${f.unit}'s report on ${f.period} was returned.`]) }),
  ),
  'mail.report_period_accepted': about(
    (f: ReportFacts) => ({ prefix: 'Báo cáo định kỳ được chấp nhận', lines: [`Báo cáo kỳ ${f.period} của ${f.unit} đã được chấp nhận.`] }),
    (f) => ({ prefix: 'Periodic report accepted', lines: [`${f.unit}'s report on ${f.period} was accepted.`] }),
  ),
  'mail.report_missing': about(
    (f: ReportFacts) => ({ prefix: 'Không báo cáo', lines: [`${f.unit} không gửi báo cáo kỳ ${f.period} trước khi kỳ báo cáo đóng.`] }),
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
      lines: [
        `The period ${f.period} is closed. The directive is classified, so the consolidated report is not attached; please review and approve it in dondoc.`,
      ],
    }),
  ),
  'mail.consolidation': about(
    (f: ReportFacts) => ({
      prefix: 'Báo cáo tổng hợp',
      lines: [`Kỳ báo cáo ${f.period} đã khép lại. Báo cáo tổng hợp gửi kèm thư (XLSX, CSV); đề nghị cơ quan theo dõi xem xét, phê duyệt.`],
    }),
    (f) => ({
      prefix: 'Consolidated report',
      lines: [`The period ${f.period} is closed. The consolidated report is attached (XLSX, CSV) for review and approval.`],
    }),
  ),
  'mail.consolidation_summary': about(
    (f: ReportFacts) => ({
      prefix: 'Tóm tắt báo cáo tổng hợp',
      lines: ['Kính gửi Chủ tịch UBND tỉnh:', `Kỳ báo cáo ${f.period} đã khép lại; báo cáo tổng hợp đã gửi cơ quan theo dõi.`, ...summaryVi(f)],
    }),
    (f) => ({
      prefix: 'Consolidation summary',
      lines: ['To the Chairman:', `The period ${f.period} is closed; the consolidated report went to the monitoring unit.`, ...summaryEn(f)],
    }),
  ),
} as const;
