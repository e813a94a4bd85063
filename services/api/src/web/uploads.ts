import type { FastifyRequest } from 'fastify';
/** A file the web form sent, as `multipartFields` gives it. */
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

/**
 * A multipart form's fields as a form post's body: a text field as a string
 * (an array when it was sent more than once, as `FormBody` has it), each file
 * as an `Uploaded`. Throws when the body is not the multipart it claims to be.
 */
export async function multipartFields(request: FastifyRequest): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  const put = (name: string, value: unknown) => {
    body[name] = name in body ? [body[name], value].flat() : value;
  };
  for await (const part of request.parts()) {
    if (part.type === 'file') put(part.fieldname, { filename: part.filename, contentType: part.mimetype, data: await part.toBuffer() } satisfies Uploaded);
    else put(part.fieldname, part.value);
  }
  return body;
}
