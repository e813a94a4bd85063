import { both, by } from '../define.ts';

/** Words several pages use. */
export const commonWebMessages = {
  'common.exportXlsx': both('Xuất Excel', 'Export to Excel'),
  'common.exportCsv': both('Xuất CSV', 'Export to CSV'),
  'common.previousPage': both('‹ Trang trước', '‹ Previous'),
  'common.nextPage': both('Trang sau ›', 'Next ›'),
  'common.pageOf': by(
    (p: { page: string; pages: string }) => `Trang ${p.page}/${p.pages}`,
    (p) => `Page ${p.page} of ${p.pages}`,
  ),
  'common.pages': both('Các trang', 'Pages'),
  'common.assignments': both('Nhiệm vụ được giao', 'Assignments'),
  'common.due': both('Hạn', 'Due'),
  'common.inbox': both('Việc cần làm', 'Inbox'),
  'common.reason': both('Lý do', 'Reason'),
  'common.reportText': both('Nội dung báo cáo', 'Report'),
  'common.sendButton': both('Gửi báo cáo', 'Send'),
  'common.sendTheReport': both('Gửi báo cáo', 'Send the report'),
  'common.state': both('Trạng thái', 'State'),
  'common.status': both('Tình hình', 'Status'),
  'common.unit': both('Đơn vị', 'Unit'),
  'common.period': both('kỳ', 'period'),
  'common.targetWord': both('chỉ tiêu', 'target'),
  'common.overdue': both('Quá hạn', 'Overdue'),
  'common.reported': both('Đã báo cáo', 'Reported'),
  'common.set': both('Giao', 'Set'),
  'common.target': both('Chỉ tiêu', 'Target'),
  'common.targets': both('Chỉ tiêu', 'Targets'),
  'common.caughtMail': both('Hộp thư thử nghiệm', 'Caught mail'),
  'common.signIn': both('Đăng nhập', 'Sign in'),
} as const;
