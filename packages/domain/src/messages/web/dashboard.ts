import { both, by } from '../define.ts';

const tierLabels: Record<'province' | 'district' | 'commune', [string, string]> = {
  province: ['Sở, ban, ngành cấp tỉnh', "The province's departments and agencies"],
  district: ['UBND cấp huyện', 'District committees'],
  commune: ['UBND cấp xã', 'Commune committees'],
};

/** The Office's and the Chairman's first page, the compliance matrix, the lagging units and a unit's scorecard. */
export const dashboardMessages = {
  'dashboard.overview': both('Tổng quan tình hình thực hiện', 'Overview of follow-up'),
  'dashboard.overviewHelp': both(
    'Số liệu tính đến thời điểm xem, trên mọi văn bản chưa thu hồi; nhiệm vụ đã hủy không tính.',
    'Figures as of now, over every directive not withdrawn; cancelled work is not counted.',
  ),
  'dashboard.figuresCaption': both('Kết quả thực hiện nhiệm vụ', 'How the tasks stand'),
  'dashboard.doneOnTime': both('Hoàn thành đúng hạn', 'Finished on time'),
  'dashboard.doneLate': both('Hoàn thành quá hạn', 'Finished late'),
  'dashboard.openOnTime': both('Đang thực hiện trong hạn', 'In hand, within the deadline'),
  'dashboard.openOverdue': both('Đang thực hiện quá hạn', 'In hand, past the deadline'),
  'dashboard.onTimeRate': both('Tỷ lệ đúng hạn', 'On-time rate'),
  'dashboard.onTimeRateHelp': both('trên số nhiệm vụ đã hoàn thành', 'of the tasks finished'),
  'dashboard.afterExtension': by(
    (p: { n: string }) => `trong đó ${p.n} đúng hạn sau gia hạn`,
    (p) => `of which ${p.n} on time after an extension`,
  ),
  'dashboard.totalCounted': by(
    (p: { n: string }) => `Tổng số ${p.n} nhiệm vụ`,
    (p) => `${p.n} tasks in all`,
  ),
  'dashboard.mostLagging': both('Các đơn vị chậm nhất', 'The units lagging most'),
  'dashboard.allLagging': both('Xem tất cả đơn vị chậm thực hiện', 'All lagging units'),
  'dashboard.noLagging': both('Không có đơn vị nào đang quá hạn.', 'No unit has overdue work.'),
  'dashboard.why': both('Vì sao', 'Why'),
  'dashboard.itemLine': by(
    (p: { numberSymbol: string; ordinal: number; title: string | null; late: string; returns: number }) =>
      `${p.numberSymbol}, nhiệm vụ ${p.ordinal}${p.title ? ` (${p.title})` : ''}: chậm ${p.late} ngày làm việc${p.returns ? `, báo cáo bị trả lại ${p.returns} lần` : ''}`,
    (p) =>
      `${p.numberSymbol}, task ${p.ordinal}${p.title ? ` (${p.title})` : ''}: ${p.late} working days late${p.returns ? `, report returned ${p.returns} time${p.returns === 1 ? '' : 's'}` : ''}`,
  ),
  'dashboard.moreItems': by(
    (p: { n: string }) => `và ${p.n} việc khác`,
    (p) => `and ${p.n} more`,
  ),

  'dashboard.complianceMatrix': both('Ma trận thực hiện', 'Compliance matrix'),
  'dashboard.cellHelp': both('Mỗi ô: tình hình xấu nhất của đơn vị trong văn bản.', "Each cell: the unit's worst status in the directive."),
  'dashboard.notNamed': both('ô trống: đơn vị không được giao nhiệm vụ trong văn bản', 'an empty cell: the unit is not named in the directive'),
  'dashboard.filters': both('Lọc', 'Filter'),
  'dashboard.year': both('Năm ban hành', 'Year issued'),
  'dashboard.issuer': both('Cơ quan ban hành', 'Issued by'),
  'dashboard.directiveType': both('Loại văn bản', 'Type of directive'),
  'dashboard.tier': both('Cấp đơn vị', 'Tier of unit'),
  'dashboard.tierName': by(
    (p: { tier: keyof typeof tierLabels }) => tierLabels[p.tier][0],
    (p) => tierLabels[p.tier][1],
  ),
  'dashboard.status': both('Tình hình', 'Status'),
  'dashboard.any': both('Tất cả', 'All'),
  'dashboard.overdueOnly': both('Chỉ đơn vị có việc quá hạn', 'Only units with overdue work'),
  'dashboard.apply': both('Lọc', 'Apply'),
  'dashboard.clear': both('Bỏ lọc', 'Clear'),
  'dashboard.invalidFilter': both('Bộ lọc không hợp lệ.', 'Invalid filter.'),
  'dashboard.noUnits': both('Không có đơn vị nào khớp bộ lọc.', 'No unit matches the filter.'),
  'dashboard.sort': both('Sắp xếp', 'Sort'),
  'dashboard.byName': both('theo tên', 'by name'),
  'dashboard.mostOverdueFirst': both('chậm nhiều nhất trước', 'most overdue first'),
  'dashboard.matrixUnits': by(
    (p: { from: string; to: string; total: string }) => `Đơn vị ${p.from}–${p.to} trong tổng số ${p.total} đơn vị`,
    (p) => `Units ${p.from}–${p.to} of ${p.total}`,
  ),
  'dashboard.matrixDirectives': by(
    (p: { from: string; to: string; total: string }) => `Cột văn bản ${p.from}–${p.to} trong tổng số ${p.total} văn bản đang theo dõi`,
    (p) => `Directive columns ${p.from}–${p.to} of the ${p.total} followed up`,
  ),
  'dashboard.directivePages': both('Các trang cột văn bản', 'Pages of directive columns'),
  'dashboard.previousDirectives': both('‹ Các văn bản trước', '‹ Previous directives'),
  'dashboard.nextDirectives': both('Các văn bản tiếp theo ›', 'Next directives ›'),
  'dashboard.columns': both('Cột văn bản', 'Directive columns'),
  'dashboard.mostUnitsFirst': by(
    (p: { light: string }) => `nhiều đơn vị ${p.light.toLocaleLowerCase('vi')} nhất trước`,
    (p) => `most units ${p.light.toLocaleLowerCase('en')} first`,
  ),
  'dashboard.byNumber': both('theo số, ký hiệu', 'by number'),
  'dashboard.overdueUnitsOf': by(
    (p: { overdue: string; units: string }) => `${p.overdue} trong ${p.units} đơn vị được giao đang quá hạn`,
    (p) => `${p.overdue} of the ${p.units} units named are overdue`,
  ),
  'dashboard.matrixExportHelp': both(
    'Tệp xuất gồm mọi đơn vị khớp bộ lọc (mọi trang), với các cột văn bản đang xem.',
    'The file holds every unit matching the filter (every page), with the directive columns in view.',
  ),

  'dashboard.laggingUnits': both('Đơn vị chậm thực hiện', 'Lagging units'),
  'dashboard.laggardsHelp': both(
    'Đơn vị có nhiệm vụ quá hạn mà chưa có báo cáo được duyệt, chậm nhất trước. Mở từng đơn vị để xem việc quá hạn và người liên hệ.',
    'Units with work past its deadline and no approved report, the latest first. Open a unit for its overdue items and contacts.',
  ),
  'dashboard.overdueItems': both('Việc quá hạn', 'Overdue items'),
  'dashboard.worst': both('Chậm nhất (ngày làm việc)', 'Worst (working days)'),
  'dashboard.chairmansList': both('Danh sách Chủ tịch', "Chairman's list"),
  'dashboard.yes': both('Có', 'Yes'),
  'dashboard.no': both('Không', 'No'),
  'dashboard.requestedBody': both('Cơ quan được đề nghị', 'Requested body'),
  'dashboard.unitSummary': by(
    (p: { name: string; items: string; worst: string }) => `${p.name}: ${p.items} việc quá hạn, chậm nhất ${p.worst} ngày làm việc`,
    (p) => `${p.name}: ${p.items} overdue, the latest ${p.worst} working days late`,
  ),
  'dashboard.directive': both('Văn bản', 'Directive'),
  'dashboard.task': both('Nhiệm vụ', 'Task'),
  'dashboard.deadline': both('Hạn', 'Deadline'),
  'dashboard.daysLate': both('Số ngày làm việc chậm', 'Working days late'),
  'dashboard.returns': both('Số lần bị trả lại', 'Times returned'),
  'dashboard.taskNumber': by(
    (p: { ordinal: number }) => `Nhiệm vụ ${p.ordinal}`,
    (p) => `Task ${p.ordinal}`,
  ),
  'dashboard.contact': both('Liên hệ', 'Contact'),
  'dashboard.head': both('Thủ trưởng', 'Head'),
  'dashboard.focal': both('Cán bộ đầu mối', 'Focal officer'),
  'dashboard.noPhone': both('Hệ thống chưa lưu số điện thoại của đơn vị.', 'No phone number is kept for the unit.'),
  'dashboard.remindNow': both('Nhắc ngay', 'Remind now'),
  'dashboard.laggardsCount': by(
    (p: { from: string; to: string; total: string }) => `Đơn vị ${p.from}–${p.to} trong tổng số ${p.total} đơn vị chậm thực hiện`,
    (p) => `Units ${p.from}–${p.to} of the ${p.total} lagging`,
  ),
  'dashboard.laggardsExportHelp': both(
    'Tệp xuất gồm mọi đơn vị chậm khớp bộ lọc (mọi trang), với mọi việc quá hạn của từng đơn vị.',
    'The file holds every lagging unit matching the filter (every page), with all of its overdue items.',
  ),
  'dashboard.worstItemsShown': by(
    (p: { shown: string; total: string }) => `${p.shown} việc chậm nhất trong ${p.total} việc quá hạn.`,
    (p) => `The ${p.shown} latest of ${p.total} overdue items.`,
  ),
  'dashboard.seeAllItems': both('Xem mọi việc quá hạn của đơn vị', "See all of the unit's overdue items"),
  'dashboard.unitFigures': both('Số liệu của đơn vị (văn bản đang theo dõi)', "The unit's figures (directives followed up)"),
  'dashboard.remindHelp': both(
    'Gửi ngay cho cán bộ đầu mối của đơn vị thư đôn đốc các việc quá hạn trên.',
    "Mails the unit's focal officers now, urging them to finish the overdue items above.",
  ),
  'dashboard.reminded': by(
    (p: { unit: string; n: number }) => `Đã gửi thư đôn đốc cho ${p.unit} (${p.n} người nhận).`,
    (p) => `Urging mail sent to ${p.unit} (${p.n} recipient${p.n === 1 ? '' : 's'}).`,
  ),
  'dashboard.remindedNobody': by(
    (p: { unit: string }) => `${p.unit} chưa có địa chỉ thư nào để gửi; hãy bổ sung cán bộ đầu mối.`,
    (p) => `${p.unit} has no mail address to write to; add a focal officer.`,
  ),
  'dashboard.remindTooSoon': by(
    (p: { unit: string; at: string }) => `${p.unit} vừa được đôn đốc trong vòng một giờ qua; có thể gửi lại từ ${p.at}.`,
    (p) => `${p.unit} was urged within the last hour; it can be urged again from ${p.at}.`,
  ),
  'dashboard.nothingToRemind': by(
    (p: { unit: string }) => `${p.unit} không còn việc quá hạn để đôn đốc.`,
    (p) => `${p.unit} has no overdue work left to urge.`,
  ),
  'dashboard.officeReminds': both('Chỉ Văn phòng UBND tỉnh được gửi thư đôn đốc.', 'Only the Office sends these.'),

  'dashboard.scorecard': both('Kết quả thực hiện', 'Scorecard'),
  'dashboard.averageDelay': both('Chậm trung bình (ngày làm việc)', 'Average delay (working days)'),
  'dashboard.deadlinesMissedByMonth': both('Số nhiệm vụ chậm hạn, theo tháng của hạn', 'Deadlines missed, by the month they fell in'),
  'dashboard.chartHelp': both(
    'Mỗi cột là một tháng có hạn của nhiệm vụ (tối đa 12 tháng gần nhất): số nhiệm vụ có hạn trong tháng đó mà hoàn thành quá hạn hoặc đang quá hạn.',
    'Each bar is a month in which a deadline fell (the latest twelve at most): the tasks due that month that were finished late or are still overdue.',
  ),
  'dashboard.chartLabel': by(
    (p: { months: string }) => `Biểu đồ số nhiệm vụ chậm hạn theo tháng của hạn: ${p.months}`,
    (p) => `Chart of deadlines missed by the month they fell in: ${p.months}`,
  ),
  'dashboard.month': both('Tháng', 'Month'),
  'dashboard.missed': both('Số nhiệm vụ chậm hạn', 'Deadlines missed'),
  'dashboard.noDeadlines': both('Đơn vị chưa có nhiệm vụ nào có hạn.', 'The unit has no task with a deadline yet.'),
  'dashboard.notYourUnit': both('Không được xem đơn vị khác.', 'Not your unit.'),
  'dashboard.noSuchUnit': both('Không có đơn vị này.', 'No such unit.'),
} as const;
