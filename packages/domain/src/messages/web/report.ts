import { both } from '../define.ts';

/** Periodic reports: a unit's report, its review, and a period's consolidated report. */
export const reportMessages = {
  'report.accept': both('Chấp nhận', 'Accept'),
  'report.achievedPercent': both('Tỷ lệ đạt (%)', 'Achieved (%)'),
  'report.attachments': both('Tệp đính kèm', 'Attachments'),
  'report.consolidatedReport': both('Báo cáo tổng hợp', 'Consolidated report'),
  'report.due': both('Hạn gửi', 'Due'),
  'report.late': both('Chậm', 'Late'),
  'report.lateDays': both('Chậm (ngày làm việc)', 'Late (working days)'),
  'report.onTime': both('Đúng hạn', 'On time'),
  'report.return': both('Trả lại', 'Return'),
  'report.returnForRework': both('Trả lại để bổ sung', 'Return for rework'),
  'report.periodConsolidated': both('Báo cáo tổng hợp của kỳ', "The period's consolidated report"),
  'report.thisPeriod': both('Kỳ này', 'This period'),
  'report.toDate': both('Lũy kế', 'To date'),
  'report.units': both('Đơn vị', 'Units'),
  'report.whatWasSent': both('Nội dung đã gửi', 'What was sent'),
  'report.lateWord': both('chậm', 'late'),
  'report.missing': both('không báo cáo', 'missing'),
  'report.notFound': both('Không có báo cáo này, hoặc bạn không được xem.', 'No such report, or not yours to see.'),
  'report.periodNotFound': both('Không có kỳ báo cáo này, hoặc bạn không được xem.', 'No such report period, or not yours to see.'),
  'report.submitsOnly': both('Chỉ đơn vị được yêu cầu mới gửi báo cáo này.', 'Only the unit asked sends this report.'),
  'report.reviewsOnly': both('Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh xem xét báo cáo.', 'Only the monitoring unit or the Office reviews reports.'),
  // The consolidated report's unit statuses.
  'report.status.missing': both('Không báo cáo', 'Missing'),
  'report.status.pending': both('Chưa đến hạn', 'Not yet due'),
} as const;
