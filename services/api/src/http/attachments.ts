import { ValidationError } from '@dondoc/domain';

/** The largest file a unit report takes, from the API or the web form. */
export const MAX_ATTACHMENT = 2 * 1024 * 1024;

/** A unit report's attachments as the submit schema gives them, decoded; an empty file or one over 2 MB is refused by its index. */
export function attachmentFiles(attachments: readonly { filename: string; contentType: string; dataBase64: string }[]) {
  return attachments.map((a, i) => {
    const data = Buffer.from(a.dataBase64, 'base64');
    if (data.length === 0 || data.length > MAX_ATTACHMENT) {
      throw new ValidationError(`Tệp "${a.filename}" rỗng hoặc lớn hơn 2 MB.`, `File "${a.filename}" is empty or larger than 2 MB.`, `attachments.${i}`);
    }
    return { filename: a.filename, contentType: a.contentType, data };
  });
}
