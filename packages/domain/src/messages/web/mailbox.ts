import { both, by } from '../define.ts';

/** The caught-mail page. */
export const mailboxMessages = {
  'mailbox.noSubject': both('(không có tiêu đề)', '(no subject)'),
  'mailbox.from': both('Người gửi', 'From'),
  'mailbox.noSuchMessage': both('Không có thư này', 'No such message'),
  'mailbox.subject': both('Tiêu đề', 'Subject'),
  'mailbox.time': both('Thời gian', 'Time'),
  'mailbox.to': both('Người nhận', 'To'),
  'mailbox.noServer': both(
    'dondoc đang chạy không có máy chủ thư: thư được giữ lại trong máy, không gửi ra ngoài. Đặt SMTP_HOST để gửi thư thật.',
    'dondoc runs without a mail server: mail is kept here and not sent out. Set SMTP_HOST to send it.',
  ),
  'mailbox.count': by(
    (p: { count: string }) => `${p.count} thư, lưu trong cơ sở dữ liệu (5.000 thư gần nhất, trong 30 ngày)`,
    (p) => `${p.count} messages, kept in the database (the latest 5,000, for 30 days)`,
  ),
  'mailbox.back': both('← Hộp thư thử nghiệm', '← Caught mail'),
  'mailbox.officeOnly': both('Chỉ Văn phòng và quản trị viên xem hộp thư thử nghiệm.', 'Only the Office and admins read the caught mail.'),
} as const;
