import { formatNumber } from '../text/numbers.ts';
import { both, by } from './define.ts';

/**
 * What a form or the API says about a value it refuses, as a clerk reads it:
 * one short sentence per kind of mistake, naming what is wrong in the words of
 * the form (never zod's "array", "string", ">=", nor a format like the ISO
 * date the date picker hides). `validation.ts` picks the message for each zod
 * issue; schemas name their own rules' messages here too.
 */

/** What a list holds, for "Hãy chọn ít nhất một đơn vị.": the noun in each language and whether it is picked from a list. */
export interface ListNoun {
  vi: string;
  en: string;
  /** Chosen from the form's options (units), rather than entered. */
  chosen?: boolean;
}

/** "một" for one, otherwise the number as the page writes it ("1.000"). */
const countVi = (n: number): string => (n === 1 ? 'một' : formatNumber(n, 'vi'));
const countEn = (n: number): string => (n === 1 ? 'one' : formatNumber(n, 'en'));
/** English nouns take an s after any count but one. */
const pluralEn = (n: number, noun: string): string => (n === 1 ? noun : `${noun}s`);

type Count = { n: number };
type CountOf = { n: number; noun: ListNoun };

export const validationMessages = {
  // A value left out.
  'validation.required': both('Chưa nhập.', 'Required.'),
  'validation.notChosen': both('Chưa chọn.', 'Not chosen.'),
  'validation.noDate': both('Chưa chọn ngày.', 'No date chosen.'),
  // A value of the wrong kind.
  'validation.number': both('Hãy nhập một số (ví dụ 1.250 hoặc 12,5).', 'Enter a number (for example 1,250 or 12.5).'),
  'validation.wholeNumber': both('Hãy nhập một số nguyên (ví dụ 5).', 'Enter a whole number (for example 5).'),
  'validation.text': both('Hãy nhập nội dung bằng chữ.', 'Enter text.'),
  'validation.oneValue': both('Chỉ nhập một giá trị cho mục này.', 'Enter one value only.'),
  'validation.yesNo': both('Hãy chọn có hoặc không.', 'Choose yes or no.'),
  'validation.list': both('Cần một danh sách các mục.', 'A list of items is expected.'),
  'validation.details': both('Mục này thiếu thông tin.', 'This item lacks its details.'),
  'validation.wrongKind': both('Giá trị không đúng loại.', 'Wrong kind of value.'),
  'validation.date': both('Hãy chọn một ngày có thật (ngày/tháng/năm, ví dụ 05/02/2026).', 'Choose a real date (day/month/year, for example 05/02/2026).'),
  'validation.time': both('Hãy nhập giờ dạng giờ:phút, ví dụ 08:00.', 'Enter a time as hours:minutes, for example 08:00.'),
  'validation.choose': both('Hãy chọn một trong các mục có sẵn.', 'Choose one of the options offered.'),
  'validation.unknownField': both('Trường này không có trong biểu mẫu.', 'This field is not part of the form.'),
  'validation.badName': both('Tên mục không đúng.', 'Not a valid name.'),
  'validation.targetCode': both('Mã chỉ tiêu không đúng.', 'Not a valid target code.'),
  'validation.format': both('Chưa đúng dạng.', 'Not in the expected form.'),
  'validation.id': both('Mã không đúng.', 'Not a valid identifier.'),
  'validation.email': both('Địa chỉ thư không đúng.', 'Not a valid email address.'),
  'validation.file': both('Tệp đính kèm bị hỏng (không đọc được).', 'The attached file is damaged (it cannot be read).'),
  'validation.invalid': both('Giá trị này không dùng được.', 'This value cannot be used.'),
  // Sizes: of a list, a text, a number.
  'validation.chooseAtLeast': by(
    (p: CountOf) => `Hãy chọn ít nhất ${countVi(p.n)} ${p.noun.vi}.`,
    (p) => `Choose at least ${countEn(p.n)} ${pluralEn(p.n, p.noun.en)}.`,
  ),
  'validation.atLeast': by(
    (p: CountOf) => `Cần ít nhất ${countVi(p.n)} ${p.noun.vi}.`,
    (p) => `At least ${countEn(p.n)} ${pluralEn(p.n, p.noun.en)} needed.`,
  ),
  'validation.atMost': by(
    (p: CountOf) => `Nhiều nhất ${countVi(p.n)} ${p.noun.vi}.`,
    (p) => `At most ${countEn(p.n)} ${pluralEn(p.n, p.noun.en)}.`,
  ),
  'validation.exactly': by(
    (p: CountOf) => `Cần đúng ${countVi(p.n)} ${p.noun.vi}.`,
    (p) => `Exactly ${countEn(p.n)} ${pluralEn(p.n, p.noun.en)} needed.`,
  ),
  'validation.minChars': by(
    (p: Count) => `Cần ít nhất ${formatNumber(p.n, 'vi')} ký tự.`,
    (p) => `At least ${formatNumber(p.n, 'en')} characters.`,
  ),
  'validation.maxChars': by(
    (p: Count) => `Không được dài quá ${formatNumber(p.n, 'vi')} ký tự.`,
    (p) => `At most ${formatNumber(p.n, 'en')} characters.`,
  ),
  'validation.exactChars': by(
    (p: Count) => `Cần đúng ${formatNumber(p.n, 'vi')} ký tự.`,
    (p) => `Exactly ${formatNumber(p.n, 'en')} characters.`,
  ),
  'validation.notNegative': both('Không được là số âm.', 'Cannot be negative.'),
  'validation.minNumber': by(
    (p: Count) => `Không được nhỏ hơn ${formatNumber(p.n, 'vi')}.`,
    (p) => `Must be at least ${formatNumber(p.n, 'en')}.`,
  ),
  'validation.aboveNumber': by(
    (p: Count) => `Phải lớn hơn ${formatNumber(p.n, 'vi')}.`,
    (p) => `Must be more than ${formatNumber(p.n, 'en')}.`,
  ),
  'validation.maxNumber': by(
    (p: Count) => `Không được lớn hơn ${formatNumber(p.n, 'vi')}.`,
    (p) => `Must be at most ${formatNumber(p.n, 'en')}.`,
  ),
  'validation.belowNumber': by(
    (p: Count) => `Phải nhỏ hơn ${formatNumber(p.n, 'vi')}.`,
    (p) => `Must be less than ${formatNumber(p.n, 'en')}.`,
  ),
  'validation.multipleOf': by(
    (p: Count) => `Phải là bội số của ${formatNumber(p.n, 'vi')}.`,
    (p) => `Must be a multiple of ${formatNumber(p.n, 'en')}.`,
  ),
  // The rules schemas state themselves.
  'validation.controlChars': both('Có ký tự điều khiển không in ra được; hãy gõ lại đoạn này.', 'Contains control characters; type this text again.'),
  'validation.markup': both('Không được chứa mã HTML (như <b>).', 'Must not contain HTML markup (such as <b>).'),
  'validation.code': both(
    'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ so-tttt).',
    'A code has lowercase letters without accents, digits and dashes (for example so-tttt).',
  ),
  'validation.numberSymbol': both('Số, ký hiệu văn bản chưa đúng dạng; hãy ghi như 146/KH-UBND.', 'Not a document number and symbol; write it as 146/KH-UBND.'),
  'validation.unitOrGroup': both('Hãy chọn một đơn vị hoặc một nhóm đơn vị, không chọn cả hai.', 'Choose a unit or a group of units, not both.'),
  'validation.campaignEnds': both('Đợt cao điểm kết thúc trước ngày bắt đầu.', 'The campaign ends before it starts.'),
  'validation.duplicateTarget': by(
    (p: { code: string }) => `Chỉ tiêu "${p.code}" bị trùng.`,
    (p) => `Target "${p.code}" appears twice.`,
  ),
  'validation.duplicateTask': by(
    (p: { ordinal: number }) => `Nhiệm vụ số ${p.ordinal} bị trùng.`,
    (p) => `Task number ${p.ordinal} appears twice.`,
  ),
  'validation.deadlineBeforeIssue': both('Hạn trước ngày ban hành văn bản.', 'The deadline is before the issue date.'),
  'validation.ladderSteps': both('Thang đôn đốc phải có đúng 3 bậc.', 'The escalation ladder has exactly 3 steps.'),
  'validation.weekdayWeekly': both('Hạn theo thứ trong tuần chỉ dùng cho chế độ báo cáo hằng tuần.', 'A weekday deadline is for weekly reports only.'),
  'validation.weeklyNoLastMonth': both('Chế độ báo cáo hằng tuần không có "tháng cuối".', 'A weekly regime has no last month.'),
  'validation.fileName': both(
    'Tên tệp chỉ gồm chữ, chữ số, dấu cách và các dấu . _ ( ) -, dài tối đa 120 ký tự.',
    'A file name has letters, digits, spaces and . _ ( ) -, at most 120 characters.',
  ),
  'validation.fileType': both('Không nhận ra loại tệp.', 'Unknown file type.'),
  'validation.password': both('Chưa nhập mật khẩu.', 'Enter the password.'),
} as const;
