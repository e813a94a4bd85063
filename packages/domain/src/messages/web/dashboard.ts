import { both } from '../define.ts';

/** The compliance matrix, the lagging units and a unit's scorecard. */
export const dashboardMessages = {
  'dashboard.averageDelay': both('Chậm trung bình (ngày làm việc)', 'Average delay (working days)'),
  'dashboard.chairmansList': both('Danh sách Chủ tịch', "Chairman's list"),
  'dashboard.chartLabel': both('Biểu đồ số lần quá hạn theo tháng', 'Chart of deadlines missed by month'),
  'dashboard.complianceMatrix': both('Ma trận thực hiện', 'Compliance matrix'),
  'dashboard.deadlinesMissedByMonth': both('Số lần quá hạn theo tháng', 'Deadlines missed by month'),
  'dashboard.cellHelp': both('Mỗi ô: tình hình xấu nhất của đơn vị trong văn bản.', "Each cell: the unit's worst status in the directive."),
  'dashboard.laggingUnits': both('Đơn vị chậm thực hiện', 'Lagging units'),
  'dashboard.lateThisYear': both('Số lần chậm trong năm', 'Late this year'),
  'dashboard.onTimeRate': both('Tỷ lệ đúng hạn', 'On-time rate'),
  'dashboard.openOverdue': both('Đang quá hạn', 'Open overdue'),
  'dashboard.overdueItems': both('Việc quá hạn', 'Overdue items'),
  'dashboard.requestedBody': both('Cơ quan được đề nghị', 'Requested body'),
  'dashboard.scorecard': both('Kết quả thực hiện', 'Scorecard'),
  'dashboard.sort': both('Sắp xếp', 'Sort'),
  'dashboard.worst': both('Chậm nhất (ngày làm việc)', 'Worst (working days)'),
  'dashboard.yes': both('Có', 'Yes'),
  'dashboard.byName': both('theo tên', 'by name'),
  'dashboard.mostOverdueFirst': both('chậm nhiều nhất trước', 'most overdue first'),
  'dashboard.notYourUnit': both('Không được xem đơn vị khác.', 'Not your unit.'),
  'dashboard.noSuchUnit': both('Không có đơn vị này.', 'No such unit.'),
} as const;
