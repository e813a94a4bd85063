import { both } from '../define.ts';

/** A unit's inbox and an assignment's page. */
export const assignmentMessages = {
  'assignment.acknowledge': both('Tiếp nhận', 'Acknowledge'),
  'assignment.ask': both('Gửi đề nghị', 'Ask'),
  'assignment.askForMoreTime': both('Xin gia hạn', 'Ask for more time'),
  'assignment.directiveTask': both('Văn bản, nhiệm vụ', 'Directive, task'),
  'assignment.extensionPending': both('Đang chờ quyết định gia hạn đến', 'Extension requested to'),
  'assignment.latestReport': both('Báo cáo gần nhất', 'Latest report'),
  'assignment.newDate': both('Hạn mới', 'New date'),
  'assignment.noOpenPeriods': both('Không có kỳ báo cáo đang mở.', 'No open report periods.'),
  'assignment.periodicReports': both('Báo cáo định kỳ', 'Periodic reports'),
  'assignment.reportReturned': both('Báo cáo bị trả lại', 'Report returned'),
  'assignment.start': both('Bắt đầu thực hiện', 'Start'),
  'assignment.dueWord': both('hạn', 'due'),
  'assignment.task': both('nhiệm vụ', 'task'),
  'assignment.notYours': both('Không có nhiệm vụ này, hoặc nhiệm vụ không thuộc đơn vị của bạn.', 'No such assignment, or not your unit’s.'),
} as const;
