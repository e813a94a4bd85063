import { both } from '../define.ts';

/** The page frame (navigation, language switch) and the pages that say why nothing is shown. */
export const layoutMessages = {
  'layout.compliance': both('Ma trận thực hiện', 'Compliance'),
  'layout.directives': both('Văn bản', 'Directives'),
  'layout.issue': both('Ban hành văn bản', 'Issue'),
  'layout.laggards': both('Đơn vị chậm', 'Laggards'),
  'layout.queues': both('Hàng đợi', 'Queues'),
  'layout.sections': both('Chức năng', 'Sections'),
  'layout.signOut': both('Đăng xuất', 'Sign out'),
  'layout.otherLanguage': both('English', 'Tiếng Việt'),
  'page.badRequest': both('Yêu cầu không hợp lệ', 'Bad request'),
  'page.notAllowed': both('Không được phép', 'Not allowed'),
  'page.notFound': both('Không tìm thấy', 'Not found'),
  // Refusals: why a page is not shown or a command not taken.
  'page.noSuchPage': both('Không có trang này.', 'No such page.'),
  'page.provinceWideOnly': both('Trang này dành cho Văn phòng và lãnh đạo.', 'For the Office and the Committee.'),
} as const;
