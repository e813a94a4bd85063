import type { UnitKind } from '../../model.ts';
import { both, by } from '../define.ts';

/**
 * A directive's own states as the Office reads them on its pages: the state is
 * rolled up from the units' assignments, so `issued` means no unit has
 * acknowledged yet, not that the directive is new.
 */
const directiveStates: Record<string, [string, string]> = {
  issued: ['chưa đơn vị nào tiếp nhận', 'not yet acknowledged by any unit'],
  assigned: ['các đơn vị đã tiếp nhận', 'acknowledged by the units'],
  in_progress: ['đang thực hiện', 'in progress'],
  reported: ['các đơn vị đã báo cáo, chờ duyệt', 'reported, awaiting review'],
  reviewed: ['đã duyệt hết báo cáo', 'every report approved'],
  closed: ['đã kết thúc theo dõi', 'closed'],
  withdrawn: ['đã thu hồi', 'withdrawn'],
};

const unitKinds: Record<UnitKind, [string, string]> = {
  province: ['UBND tỉnh', 'Provincial committee'],
  office: ['Văn phòng', 'Office'],
  department: ['Các sở', 'Departments'],
  sector: ['Ban, ngành', 'Boards and agencies'],
  police: ['Công an', 'Police'],
  military: ['Lực lượng vũ trang', 'Armed forces'],
  judiciary: ['Cơ quan tư pháp', 'Judiciary'],
  front: ['Mặt trận Tổ quốc', 'Fatherland Front'],
  mass_org: ['Các đoàn thể', 'Mass organisations'],
  party: ['Cơ quan Đảng', 'Party bodies'],
  district: ['UBND cấp huyện', 'District committees'],
  commune: ['UBND cấp xã', 'Commune committees'],
};

const dueRules: Record<string, [string, string]> = {
  working_days_after_end: ['Sau khi hết kỳ một số ngày làm việc', 'Working days after the period ends'],
  day_of_last_month: ['Một ngày của tháng cuối kỳ', 'A day of the period’s last month'],
  weekday: ['Một ngày trong tuần (chế độ báo cáo hằng tuần)', 'A weekday (weekly regimes)'],
  date: ['Một ngày cụ thể (báo cáo đột xuất)', 'A date (ad hoc reports)'],
};

const weekdays: [string, string][] = [
  ['Thứ Hai', 'Monday'],
  ['Thứ Ba', 'Tuesday'],
  ['Thứ Tư', 'Wednesday'],
  ['Thứ Năm', 'Thursday'],
  ['Thứ Sáu', 'Friday'],
  ['Thứ Bảy', 'Saturday'],
  ['Chủ nhật', 'Sunday'],
];

/** The directive list, the issue form and a directive's page. */
export const directiveMessages = {
  'directive.classifiedSubject': both('(mật)', '(classified)'),
  'directive.directives': both('Văn bản chỉ đạo', 'Directives'),
  'directive.notFound': both('Không có văn bản này, hoặc bạn không được xem.', 'No such directive, or not yours to see.'),
  'directive.officeIssues': both('Chỉ Văn phòng UBND tỉnh được ban hành văn bản.', 'Only the Office issues directives.'),
  'directive.officeActs': both('Chỉ Văn phòng UBND tỉnh được thu hồi hoặc kết thúc theo dõi văn bản.', 'Only the Office withdraws or closes directives.'),
  'directive.invalidFilter': by(
    (p: { field: string; message: string }) => `Bộ lọc không hợp lệ (${p.field}): ${p.message}`,
    (p) => `Invalid filter (${p.field}): ${p.message}`,
  ),
  /** A directive's state in the Office's words. */
  'directive.state': by(
    (p: { state: string }) => directiveStates[p.state]?.[0] ?? p.state,
    (p) => directiveStates[p.state]?.[1] ?? p.state.replaceAll('_', ' '),
  ),

  // The list
  'directive.search': both('Tìm theo số, ký hiệu hoặc trích yếu', 'Search number or subject'),
  'directive.year': both('Năm ban hành', 'Year of issue'),
  'directive.issuer': both('Cơ quan ban hành', 'Issued by'),
  'directive.type': both('Loại văn bản', 'Type'),
  'directive.all': both('Tất cả', 'All'),
  'directive.onlyOverdue': both('Chỉ văn bản có nhiệm vụ quá hạn', 'Only with overdue tasks'),
  'directive.filter': both('Lọc', 'Filter'),
  'directive.number': both('Số, ký hiệu', 'Number'),
  'directive.issueDate': both('Ngày ban hành', 'Issue date'),
  'directive.subject': both('Trích yếu', 'Subject'),
  'directive.assignments': both('Số nhiệm vụ giao', 'Assignments'),
  'directive.count': by(
    (p: { n: string }) => `${p.n} văn bản`,
    (p) => `${p.n} directives`,
  ),

  // The issue form
  'directive.issueADirective': both('Ban hành văn bản', 'Issue a directive'),
  'directive.document': both('Văn bản', 'The document'),
  'directive.numberSymbol': both('Số, ký hiệu (ví dụ 30/CT-UBND)', 'Number and symbol (e.g. 30/CT-UBND)'),
  'directive.signer': both('Người ký', 'Signer'),
  'directive.body': both('Nội dung', 'Body'),
  'directive.classification': both('Độ mật', 'Classification'),
  'directive.monitoringUnit': both('Cơ quan theo dõi', 'Monitoring unit'),
  'directive.pickMonitoringUnit': both('— Chọn cơ quan theo dõi —', '— Choose the monitoring unit —'),
  'directive.reminders': both('Nhắc hạn', 'Reminders'),
  'directive.remindersHint': both(
    'Để trống các mốc nhắc thì dùng lịch nhắc chung của tỉnh. Nhắc rơi vào ngoài giờ làm việc được dời sang giờ làm việc kế tiếp.',
    'Leave the reminders empty for the province’s usual ones. A reminder outside working hours moves to the next working time.',
  ),
  'directive.reminderUnit': both('Tính mốc nhắc theo', 'Count reminders in'),
  'directive.reminderWorkingDays': both('Số ngày làm việc trước hạn', 'Working days before the deadline'),
  'directive.reminderHours': both('Số giờ trước hạn', 'Hours before the deadline'),
  'directive.reminderOffsets': both('Các mốc nhắc, cách nhau bởi dấu chấm phẩy (ví dụ 3; 1; 0)', 'Reminders, separated by semicolons (e.g. 3; 1; 0)'),
  'directive.reminderAt': both('Giờ nhắc trong ngày (hh:mm, với mốc tính theo ngày làm việc)', 'Time of day (hh:mm, for working-day reminders)'),
  'directive.reportingRegime': both('Chế độ báo cáo định kỳ', 'Reporting regime'),
  'directive.regimeKind': both('Kỳ báo cáo', 'Reporting period'),
  'directive.noRegime': both('Không yêu cầu báo cáo định kỳ', 'No periodic reports'),
  'directive.dueRule': both('Hạn nộp báo cáo', 'Reports due'),
  'directive.dueRuleKind': by(
    (p: { kind: string }) => dueRules[p.kind]?.[0] ?? p.kind,
    (p) => dueRules[p.kind]?.[1] ?? p.kind,
  ),
  'directive.dueRuleHint': both(
    'Chỉ cần điền các ô của cách tính hạn đã chọn; các ô khác được bỏ qua.',
    'Fill in only the fields of the due rule chosen; the others are ignored.',
  ),
  'directive.dueDays': both('Số ngày làm việc sau khi hết kỳ', 'Working days after the period'),
  'directive.dueDay': both('Ngày của tháng cuối kỳ (1–31)', 'Day of the last month (1–31)'),
  'directive.dueWeekday': both('Thứ trong tuần', 'Weekday'),
  'directive.weekday': by(
    (p: { day: number }) => weekdays[p.day - 1]?.[0] ?? String(p.day),
    (p) => weekdays[p.day - 1]?.[1] ?? String(p.day),
  ),
  'directive.dueOnDate': both('Ngày nộp', 'Due date'),
  'directive.dueAtTime': both('Giờ nộp (hh:mm; để trống thì theo mặc định)', 'Time due (hh:mm; empty for the default)'),
  'directive.closeAfter': both('Khóa sổ kỳ báo cáo sau hạn nộp (số ngày làm việc)', 'Close the period after the due date (working days)'),
  'directive.tasks': both('Nhiệm vụ', 'Tasks'),
  'directive.blankIgnored': both(
    'Nhiệm vụ hoặc chỉ tiêu để trống hoàn toàn thì được bỏ qua. Nút "Thêm" gửi lại biểu mẫu và giữ nguyên những gì đã nhập.',
    'A task or target left entirely blank is ignored. The "Add" buttons send the form back and keep what you typed.',
  ),
  'directive.taskN': by(
    (p: { n: number }) => `Nhiệm vụ ${p.n}`,
    (p) => `Task ${p.n}`,
  ),
  'directive.title': both('Tên nhiệm vụ', 'Title'),
  'directive.taskBody': both('Nội dung nhiệm vụ', 'What the task asks'),
  'directive.isRequest': both(
    'Là nội dung "đề nghị" (gửi cơ quan không trực thuộc UBND tỉnh)',
    'A request ("Đề nghị") to bodies the Committee does not command',
  ),
  'directive.deadline': both('Loại hạn', 'Deadline'),
  'directive.aDate': both('Ngày cụ thể', 'A date'),
  'directive.workingDaysFromIssue': both('Số ngày làm việc kể từ ngày ban hành', 'Working days from issue'),
  'directive.standing': both('Thường xuyên', 'Standing'),
  'directive.dueDate': both('Hạn (ngày)', 'Due date'),
  'directive.workingDays': both('Số ngày làm việc', 'Working days'),
  'directive.leadUnits': both('Đơn vị chủ trì', 'Lead units'),
  'directive.coordinatingUnits': both('Đơn vị phối hợp', 'Coordinating units'),
  'directive.unitGroups': both('Nhóm đơn vị', 'Unit groups'),
  'directive.chosen': by(
    (p: { n: number }): string => (p.n ? `đã chọn ${p.n}` : 'chưa chọn'),
    (p) => (p.n ? `${p.n} chosen` : 'none chosen'),
  ),
  'directive.unitKind': by(
    (p: { kind: UnitKind }) => unitKinds[p.kind][0],
    (p) => unitKinds[p.kind][1],
  ),
  'directive.targetN': by(
    (p: { n: number }) => `Chỉ tiêu ${p.n}`,
    (p) => `Target ${p.n}`,
  ),
  'directive.targetName': both('Tên chỉ tiêu', 'Target name'),
  'directive.targetCode': both('Mã chỉ tiêu (chữ thường không dấu; để trống thì tự đặt)', 'Target code (lowercase; empty to make one)'),
  'directive.unitOfMeasure': both('Đơn vị tính', 'Unit of measure'),
  'directive.targetValue': both('Chỉ tiêu giao (ví dụ 1.250)', 'Target value (e.g. 1,250)'),
  'directive.addTask': both('Thêm nhiệm vụ', 'Add a task'),
  'directive.addTarget': by(
    (p: { n: number }) => `Thêm chỉ tiêu cho nhiệm vụ ${p.n}`,
    (p) => `Add a target to task ${p.n}`,
  ),
  'directive.issue': both('Ban hành', 'Issue'),
  'directive.notIssued': both('Văn bản chưa được ban hành: xem các lỗi được đánh dấu bên dưới.', 'The directive was not issued: see the marked fields below.'),

  // A directive's page
  'directive.issuedBy': both('Cơ quan ban hành', 'Issued by'),
  'directive.progress': both('Tình hình thực hiện', 'Progress'),
  'directive.overdueOf': by(
    (p: { overdue: string; open: string }) => `${p.overdue}/${p.open} nhiệm vụ đang mở đã quá hạn`,
    (p) => `${p.overdue}/${p.open} open tasks overdue`,
  ),
  'directive.noneOverdue': by(
    (p: { open: string }) => `${p.open} nhiệm vụ đang mở, chưa nhiệm vụ nào quá hạn`,
    (p) => `${p.open} open tasks, none overdue`,
  ),
  'directive.doneOf': by(
    (p: { done: string; total: string }) => `${p.done}/${p.total} nhiệm vụ đã hoàn thành`,
    (p) => `${p.done}/${p.total} tasks done`,
  ),
  'directive.dueOn': by(
    (p: { date: string }) => `Hạn: ${p.date}`,
    (p) => `Due: ${p.date}`,
  ),
  'directive.dueInWorkingDays': by(
    (p: { days: number }) => `Hạn: trong ${p.days} ngày làm việc kể từ ngày ban hành`,
    (p) => `Due: within ${p.days} working days of issue`,
  ),
  'directive.standingTask': both('Nhiệm vụ thường xuyên', 'Standing task'),
  'directive.role': both('Vai trò', 'Role'),
  // A long list of units (a Kế hoạch sent to every commune): counts, filters and pages.
  'directive.wholeDirective': both('Toàn văn bản', 'The whole directive'),
  'directive.filterUnits': both('Lọc danh sách đơn vị', 'Filter the units'),
  'directive.unitSearch': both('Tên hoặc mã đơn vị', 'Unit name or code'),
  'directive.order': both('Sắp xếp', 'Order'),
  'directive.orderBy': by(
    (p: { order: 'unit' | 'worst' }): string => (p.order === 'worst' ? 'Chậm nhất trước (quá hạn, sắp đến hạn…)' : 'Theo mã đơn vị'),
    (p) => (p.order === 'worst' ? 'Worst first (overdue, due soon…)' : 'By unit code'),
  ),
  'directive.clearFilter': both('Bỏ lọc', 'Clear the filters'),
  'directive.unitsShown': by(
    (p: { from: string; to: string; total: string }) => `đơn vị ${p.from}–${p.to} trong ${p.total}`,
    (p) => `units ${p.from}–${p.to} of ${p.total}`,
  ),
  'directive.ofAll': by(
    (p: { all: string }) => `khớp bộ lọc, trên tổng số ${p.all}`,
    (p) => `matching the filters, of ${p.all} in all`,
  ),
  'directive.noneMatch': both('Không có đơn vị nào của nhiệm vụ này khớp bộ lọc.', 'No unit of this task matches the filters.'),
  'directive.noneOnThisPage': both(
    'Các đơn vị của nhiệm vụ này khớp bộ lọc đều ở các trang trước.',
    'The units of this task that match the filters are all on earlier pages.',
  ),
  'directive.setValue': both('Chỉ tiêu giao', 'Set'),
  'directive.reportedValue': both('Đã thực hiện (theo báo cáo)', 'Reported'),
  'directive.periods': both('Kỳ báo cáo', 'Report periods'),
  'directive.period': both('Kỳ', 'Period'),
  'directive.regime': both('Chế độ', 'Regime'),
  'directive.reportsDue': both('Hạn nộp', 'Due'),
  'directive.submitted': both('Đã nộp', 'Submitted'),
  'directive.xOfY': by(
    (p: { x: string; y: string }) => `${p.x}/${p.y}`,
    (p) => `${p.x}/${p.y}`,
  ),
  'directive.periodState': by(
    (p: { state: string }): string => (p.state === 'closed' ? 'đã khóa sổ' : 'đang nhận báo cáo'),
    (p) => (p.state === 'closed' ? 'closed' : 'taking reports'),
  ),
  'directive.noPeriods': both('Chưa có kỳ báo cáo nào.', 'No report periods yet.'),
  'directive.timeline': both('Diễn biến', 'Timeline'),
  'directive.when': both('Thời điểm', 'When'),
  'directive.what': both('Việc', 'What'),
  'directive.who': both('Người thực hiện', 'Who'),
  'directive.after': both('Trạng thái sau đó', 'State after'),
  'directive.system': both('Hệ thống', 'The system'),
  'directive.eventIssue': both('ban hành', 'issued'),
  'directive.eventApproval': both('duyệt báo cáo tổng hợp kỳ', 'consolidated report approved'),
  'directive.withdrawTitle': both('Thu hồi văn bản', 'Withdraw the directive'),
  'directive.withdrawHint': both(
    'Thu hồi thì mọi nhiệm vụ chưa xong bị hủy và các đơn vị được báo tin. Việc này không hoàn tác được.',
    'Withdrawing cancels every open task and tells the units. It cannot be undone.',
  ),
  'directive.withdrawReason': both('Lý do thu hồi (bắt buộc)', 'Why it is withdrawn (required)'),
  'directive.withdraw': both('Thu hồi văn bản', 'Withdraw'),
  'directive.closeTitle': both('Kết thúc theo dõi', 'Close the follow-up'),
  'directive.closeHint': both(
    'Mọi báo cáo đã được duyệt. Kết thúc theo dõi thì văn bản không còn được đôn đốc.',
    'Every report is approved. Closing ends the follow-up.',
  ),
  'directive.closeComment': both('Ghi chú (không bắt buộc)', 'Comment (optional)'),
  'directive.close': both('Kết thúc theo dõi', 'Close'),
  'directive.closeNotYet': both(
    'Chỉ kết thúc theo dõi được khi mọi báo cáo của các đơn vị đã được duyệt.',
    'The follow-up can be closed once every unit’s report is approved.',
  ),
  'notice.directive.issued': both('Đã ban hành văn bản và giao nhiệm vụ cho các đơn vị.', 'The directive is issued and its tasks sent to the units.'),
  'notice.directive.withdrawn': both(
    'Đã thu hồi văn bản; các nhiệm vụ chưa xong đã được hủy và các đơn vị đã được báo tin.',
    'The directive is withdrawn; its open tasks are cancelled and the units told.',
  ),
  'notice.directive.closed': both('Đã kết thúc theo dõi văn bản.', 'The follow-up is closed.'),
} as const;
