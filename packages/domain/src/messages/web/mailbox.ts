import { both } from '../define.ts';

/** The caught-mail page. */
export const mailboxMessages = {
  'mailbox.noSubject': both('(không có tiêu đề)', '(no subject)'),
  'mailbox.from': both('Người gửi', 'From'),
  'mailbox.noSuchMessage': both('Không có thư này', 'No such message'),
  'mailbox.subject': both('Tiêu đề', 'Subject'),
  'mailbox.time': both('Thời gian', 'Time'),
  'mailbox.to': both('Người nhận', 'To'),
  'mailbox.noServer': both(
    'dondoc đang chạy không có máy chủ thư: thư được giữ lại trong máy, không gửi ra ngoài. Đặt SMTP_HOST để gửi thật.',
    'dondoc runs without a mail server: mail is kept here and not sent out. Set SMTP_HOST to send it.',
  ),
  'mailbox.messages': both('thư', 'messages'),
  'mailbox.back': both('← Hộp thư thử nghiệm', '← Caught mail'),
  'mailbox.officeOnly': both('Chỉ Văn phòng và quản trị viên xem hộp thư thử nghiệm.', 'Only the Office and admins read the caught mail.'),
} as const;
