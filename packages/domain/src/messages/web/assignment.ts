import { both, by } from '../define.ts';

/** A unit's inbox and an assignment's page: the unit's actions, and the review and extension decisions of the Office and the monitoring unit. */
export const assignmentMessages = {
  'assignment.acknowledge': both('Tiếp nhận', 'Acknowledge'),
  'assignment.ask': both('Gửi đề nghị', 'Ask'),
  'assignment.askForMoreTime': both('Xin gia hạn', 'Ask for more time'),
  'assignment.directive': both('Văn bản', 'Directive'),
  'assignment.directiveTask': both('Văn bản, nhiệm vụ', 'Directive, task'),
  'assignment.latestReport': both('Báo cáo gần nhất', 'Latest report'),
  'assignment.newDate': both('Hạn mới', 'New date'),
  'assignment.noOpenPeriods': both('Không có kỳ báo cáo đang mở.', 'No open report periods.'),
  'assignment.noAssignments': both('Không có nhiệm vụ đang thực hiện.', 'No open assignments.'),
  'assignment.periodicReports': both('Báo cáo định kỳ', 'Periodic reports'),
  'assignment.period': both('Kỳ báo cáo', 'Report period'),
  'assignment.reportReturned': both('Báo cáo bị trả lại', 'Report returned'),
  'assignment.start': both('Bắt đầu thực hiện', 'Start'),
  'assignment.task': both('nhiệm vụ', 'task'),
  'assignment.timeLeft': both('Thời hạn', 'Time left'),
  'assignment.notYours': both('Không có nhiệm vụ này, hoặc nhiệm vụ không thuộc đơn vị của bạn.', 'No such assignment, or not your unit’s.'),
  // Working days to the deadline, from the calendar.
  'assignment.daysLeft': by(
    (p: { n: string }) => `còn ${p.n} ngày làm việc`,
    (p) => `${p.n} working days left`,
  ),
  'assignment.daysOverdue': by(
    (p: { n: string }) => `quá hạn ${p.n} ngày làm việc`,
    (p) => `${p.n} working days overdue`,
  ),
  'assignment.dueToday': both('đến hạn hôm nay', 'due today'),
  'assignment.overdueUnderADay': both('quá hạn chưa đến 1 ngày làm việc', 'overdue by under a working day'),
  'assignment.underADayLeft': both('còn chưa đến 1 ngày làm việc', 'under a working day left'),
  // An extension request and its decision.
  'assignment.extensionAsked': by(
    (p: { who: string; date: string; at: string }) => `${p.who} đề nghị gia hạn đến ngày ${p.date} (gửi lúc ${p.at}).`,
    (p) => `${p.who} asked to extend the deadline to ${p.date} (sent ${p.at}).`,
  ),
  'assignment.extensionPending': by(
    (p: { date: string }) => `Đề nghị gia hạn đến ngày ${p.date} đang chờ quyết định.`,
    (p) => `The request to extend the deadline to ${p.date} awaits a decision.`,
  ),
  'assignment.extensionGranted': by(
    (p: { date: string }) => `Đề nghị gia hạn đã được đồng ý: hạn mới là ngày ${p.date}.`,
    (p) => `The extension was granted: the new deadline is ${p.date}.`,
  ),
  'assignment.extensionRefused': both('Đề nghị gia hạn không được đồng ý.', 'The extension was refused.'),
  'assignment.decideExtension': both('Quyết định gia hạn', 'Decide the extension'),
  'assignment.grantExtension': both('Đồng ý gia hạn', 'Grant the extension'),
  'assignment.denyExtension': both('Không đồng ý', 'Refuse'),
  'assignment.comment': both('Ý kiến (không bắt buộc)', 'Comment (optional)'),
  'assignment.denyReason': both('Lý do không đồng ý', 'Why it is refused'),
  // Reviewing a report.
  'assignment.reviewReport': both('Xem xét báo cáo', 'Review the report'),
  'assignment.reportedAt': by(
    (p: { at: string }) => `Gửi lúc ${p.at}.`,
    (p) => `Sent ${p.at}.`,
  ),
  'assignment.approve': both('Duyệt', 'Approve'),
  'assignment.return': both('Trả lại', 'Return'),
  'assignment.returnReason': both('Lý do trả lại', 'Why it is returned'),
  // What a page says after an action.
  'assignment.done.acknowledge': both('Đã tiếp nhận nhiệm vụ.', 'Task acknowledged.'),
  'assignment.done.start': both('Đã bắt đầu thực hiện nhiệm vụ.', 'Task started.'),
  'assignment.done.submit-report': both('Đã gửi báo cáo.', 'Report sent.'),
  'assignment.done.request-extension': both('Đã gửi đề nghị gia hạn.', 'Extension requested.'),
  'assignment.done.approve': both('Đã duyệt báo cáo.', 'Report approved.'),
  'assignment.done.return': both('Đã trả lại báo cáo.', 'Report returned.'),
  'assignment.done.grant-extension': by(
    (p: { date: string }) => `Đã gia hạn đến ${p.date}.`,
    (p) => `Deadline extended to ${p.date}.`,
  ),
  'assignment.done.deny-extension': both('Đã từ chối đề nghị gia hạn.', 'Extension refused.'),
} as const;
