/** A file the web form sent, as the multipart parser gives it (see report.pages.ts). */
interface Uploaded {
  filename: string;
  contentType: string;
  data: Buffer;
}

const isUploaded = (v: unknown): v is Uploaded => typeof v === 'object' && v !== null && Buffer.isBuffer((v as Uploaded).data);

/**
 * The form's files as the API's submit schema takes them (name, type, base64),
 * so that one schema checks both; a file input left empty (no name, no bytes)
 * is no file. Anything else sent under the field's name (a text value) is
 * passed on as it is, for the schema to refuse.
 */
export function uploadedFiles(field: unknown): unknown[] {
  const all = field === undefined ? [] : [field].flat();
  return all
    .filter((f) => !(isUploaded(f) && f.filename === '' && f.data.length === 0))
    .map((f) => (isUploaded(f) ? { filename: f.filename, contentType: f.contentType, dataBase64: f.data.toString('base64') } : f));
}
