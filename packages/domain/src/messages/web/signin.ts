import { both, by } from '../define.ts';

/** Signing in, the session, and refusals of a stale form. */
export const signinMessages = {
  'session.invalidSession': both('Phiên làm việc không hợp lệ', 'Invalid session'),
  'session.reload': both('Phiên làm việc không hợp lệ; hãy tải lại trang.', 'Invalid session; reload the page.'),
  'signin.email': both('Địa chỉ thư', 'Email'),
  'signin.missing': both('Hãy nhập địa chỉ thư và mật khẩu.', 'Enter your email and password.'),
  'signin.password': both('Mật khẩu', 'Password'),
  'signin.wrongEmailOrPassword': both('Sai địa chỉ thư hoặc mật khẩu.', 'Wrong email or password.'),
  'signin.tooMany': by(
    (p: { seconds: number }) => `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${p.seconds} giây.`,
    (p) => `Too many failed sign-ins; try again in ${p.seconds} seconds.`,
  ),
} as const;
