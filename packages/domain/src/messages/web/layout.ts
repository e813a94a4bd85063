import type { Light } from '../../rules/follow-up-status.ts';
import { both, by } from '../define.ts';

const legendGlosses: Record<Light, [(days: number) => string, (days: number) => string]> = {
  overdue: [() => 'đã quá hạn mà chưa hoàn thành', () => 'past the deadline, not done'],
  due_soon: [(d) => `đến hạn trong ${d} ngày làm việc tới`, (d) => `due within the next ${d} working days`],
  on_time: [() => 'đang thực hiện, còn trong hạn', () => 'in progress, before the deadline'],
  done: [() => 'báo cáo đã được duyệt', () => 'the report is approved'],
  cancelled: [() => 'không phải thực hiện nữa', () => 'no longer to be done'],
};

/** The page frame (navigation, language switch, legend) and the pages that say why nothing is shown. */
export const layoutMessages = {
  'layout.compliance': both('Ma trận thực hiện', 'Compliance'),
  'layout.directives': both('Văn bản', 'Directives'),
  'layout.issue': both('Ban hành văn bản', 'Issue'),
  'layout.laggards': both('Đơn vị chậm', 'Laggards'),
  'layout.queues': both('Hàng đợi', 'Queues'),
  'layout.sections': both('Chức năng', 'Sections'),
  'layout.signOut': both('Đăng xuất', 'Sign out'),
  'layout.otherLanguage': both('English', 'Tiếng Việt'),
  'layout.skipToContent': both('Chuyển đến nội dung chính', 'Skip to the content'),
  'layout.legend': both('Chú giải', 'Legend'),
  /** What a traffic light means, beside its badge in the legend. */
  'layout.legendGloss': by(
    (p: { light: Light; days: number }) => legendGlosses[p.light][0](p.days),
    (p) => legendGlosses[p.light][1](p.days),
  ),
  'page.badRequest': both('Yêu cầu không hợp lệ', 'Bad request'),
  'page.notAllowed': both('Không được phép', 'Not allowed'),
  'page.notFound': both('Không tìm thấy', 'Not found'),
  'page.serverError': both('Lỗi hệ thống', 'System error'),
  'page.unavailable': both('Tạm thời gián đoạn', 'Temporarily unavailable'),
  'page.tooMany': both('Quá nhiều yêu cầu', 'Too many requests'),
  'page.signInRequired': both('Cần đăng nhập', 'Sign-in required'),
  'page.goHome': both('Về trang đầu', 'Go to the start page'),
  'page.tooManyRequests': by(
    (p: { seconds: number }) => `Có quá nhiều yêu cầu từ máy này trong thời gian ngắn; hãy thử lại sau ${p.seconds} giây.`,
    (p) => `Too many requests from this machine in a short time; try again in ${p.seconds} seconds.`,
  ),
  // Refusals: why a page is not shown or a command not taken.
  'page.noSuchPage': both('Không có trang này.', 'No such page.'),
  'page.noSuchAddress': both(
    'Không có trang nào ở địa chỉ này; có thể đường dẫn đã cũ hoặc gõ nhầm.',
    'There is no page at this address; the link may be old or mistyped.',
  ),
  'page.provinceWideOnly': both('Trang này dành cho Văn phòng và lãnh đạo.', 'For the Office and the Committee.'),
  // Notices a page shows after an action, asked for with ?notice=<name> (see html.ts `Notice`).
  'notice.saved': both('Đã lưu.', 'Saved.'),
  'notice.sent': both('Đã gửi.', 'Sent.'),
  'notice.signedOut': both('Đã đăng xuất.', 'Signed out.'),
} as const;
