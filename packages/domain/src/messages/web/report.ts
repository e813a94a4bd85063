import { both, by } from '../define.ts';

/** A unit report's state as the report pages say it. */
const unitReportStates: Record<string, [string, string]> = {
  open: ['chưa gửi', 'not sent'],
  late: ['chậm, chưa gửi', 'late, not sent'],
  submitted: ['đã gửi, chờ xem xét', 'sent, awaiting review'],
  returned: ['bị trả lại', 'returned'],
  accepted: ['đã chấp nhận', 'accepted'],
  missing: ['không báo cáo', 'missing'],
};
/** A report period's state. */
const periodStates: Record<string, [string, string]> = { open: ['đang nhận báo cáo', 'taking reports'], closed: ['đã khóa sổ', 'closed'] };

/** Periodic reports: a unit's report, its review, and a period's consolidated report. */
export const reportMessages = {
  'report.accept': both('Chấp nhận', 'Accept'),
  'report.achievedPercent': both('Tỷ lệ đạt (%)', 'Achieved (%)'),
  'report.attachments': both('Tệp đính kèm', 'Attachments'),
  'report.attachFiles': both('Tệp đính kèm (tối đa 3 tệp, mỗi tệp đến 2 MB)', 'Attachments (up to 3 files of 2 MB each)'),
  'report.consolidatedReport': both('Báo cáo tổng hợp', 'Consolidated report'),
  'report.due': both('Hạn gửi', 'Due'),
  'report.late': both('Chậm', 'Late'),
  'report.lateDays': both('Chậm (ngày làm việc)', 'Late (working days)'),
  'report.onTime': both('Đúng hạn', 'On time'),
  'report.return': both('Trả lại', 'Return'),
  'report.returnForRework': both('Trả lại để bổ sung', 'Return for rework'),
  'report.review': both('Xem xét báo cáo', 'Review the report'),
  'report.comment': both('Ý kiến (không bắt buộc)', 'Comment (optional)'),
  'report.returnReason': both('Lý do trả lại', 'Why it is returned'),
  'report.returned': by(
    (p: { reason: string }) => `Báo cáo bị trả lại để bổ sung. Lý do: ${p.reason}`,
    (p) => `The report was returned for rework. Reason: ${p.reason}`,
  ),
  'report.periodConsolidated': both('Báo cáo tổng hợp của kỳ', "The period's consolidated report"),
  'report.periodDates': by(
    (p: { from: string; to: string }) => `Từ ${p.from} đến ${p.to}`,
    (p) => `From ${p.from} to ${p.to}`,
  ),
  'report.sentAt': by(
    (p: { at: string }) => `Gửi lúc ${p.at}`,
    (p) => `Sent ${p.at}`,
  ),
  'report.state': by(
    (p: { state: string }) => unitReportStates[p.state]?.[0] ?? p.state,
    (p) => unitReportStates[p.state]?.[1] ?? p.state,
  ),
  'report.periodState': by(
    (p: { state: string }) => periodStates[p.state]?.[0] ?? p.state,
    (p) => periodStates[p.state]?.[1] ?? p.state,
  ),
  'report.thisPeriod': both('Kỳ này', 'This period'),
  'report.toDate': both('Lũy kế', 'To date'),
  'report.units': both('Đơn vị', 'Units'),
  // A long list of units (a period of every commune): filters and pages.
  'report.filterUnits': both('Lọc danh sách đơn vị', 'Filter the units'),
  'report.reportState': both('Trạng thái báo cáo', 'State of the report'),
  'report.byReportState': both('Theo trạng thái báo cáo', 'By state of the report'),
  'report.choiceCount': by(
    (p: { choice: string; n: string }) => `${p.choice} (${p.n})`,
    (p) => `${p.choice} (${p.n})`,
  ),
  'report.unitsShown': by(
    (p: { from: string; to: string; total: string; all: string }) =>
      p.total === p.all ? `Đơn vị ${p.from}–${p.to} trong ${p.total}` : `Đơn vị ${p.from}–${p.to} trong ${p.total} đơn vị khớp bộ lọc (tổng số ${p.all})`,
    (p) => (p.total === p.all ? `Units ${p.from}–${p.to} of ${p.total}` : `Units ${p.from}–${p.to} of ${p.total} matching the filters (${p.all} in all)`),
  ),
  'report.noUnitMatches': both('Không có đơn vị nào khớp bộ lọc.', 'No unit matches the filters.'),
  'report.whatWasSent': both('Nội dung đã gửi', 'What was sent'),
  'report.counts': by(
    (p: { onTime: string; late: string; missing: string; pending: string; units: string }) =>
      `Đúng hạn ${p.onTime}, chậm ${p.late}, không báo cáo ${p.missing}, chưa đến hạn ${p.pending} trên ${p.units} đơn vị.`,
    (p) => `On time ${p.onTime}, late ${p.late}, missing ${p.missing}, not yet due ${p.pending}, of ${p.units} units.`,
  ),
  'report.unreadableForm': both(
    'Không đọc được nội dung biểu mẫu gửi lên. Hãy tải lại trang và gửi lại.',
    'The form sent could not be read. Reload the page and send it again.',
  ),
  'report.notFound': both('Không có báo cáo này, hoặc bạn không được xem.', 'No such report, or not yours to see.'),
  'report.periodNotFound': both('Không có kỳ báo cáo này, hoặc bạn không được xem.', 'No such report period, or not yours to see.'),
  'report.submitsOnly': both('Chỉ đơn vị được yêu cầu mới gửi báo cáo này.', 'Only the unit asked sends this report.'),
  'report.reviewsOnly': both('Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh xem xét báo cáo.', 'Only the monitoring unit or the Office reviews reports.'),
  'report.approvesOnly': both(
    'Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh phê duyệt báo cáo tổng hợp.',
    'Only the monitoring unit or the Office approves the consolidated report.',
  ),
  'report.approve': both('Duyệt báo cáo tổng hợp', 'Approve the consolidated report'),
  'report.approved': by(
    (p: { who: string; at: string }) => `Báo cáo tổng hợp đã được ${p.who} phê duyệt lúc ${p.at}.`,
    (p) => `Consolidated report approved by ${p.who} at ${p.at}.`,
  ),
  'report.notClosedYet': both(
    'Kỳ báo cáo chưa khóa sổ: báo cáo tổng hợp được phê duyệt sau khi khóa sổ.',
    'The period is not closed yet: its consolidation is approved once it closes.',
  ),
  'report.download': by(
    (p: { format: string }) => `Tải về ${p.format}`,
    (p) => `Download ${p.format}`,
  ),
  // What a page says after an action.
  'report.done.submit': both('Đã gửi báo cáo.', 'Report sent.'),
  'report.done.accept': both('Đã chấp nhận báo cáo.', 'Report accepted.'),
  'report.done.return': both('Đã trả lại báo cáo để bổ sung.', 'Report returned for rework.'),
  'report.done.approve': both('Đã duyệt báo cáo tổng hợp.', 'Consolidated report approved.'),
  // The consolidated report's unit statuses.
  'report.status.missing': both('Không báo cáo', 'Missing'),
  'report.status.pending': both('Chưa đến hạn', 'Not yet due'),
} as const;
