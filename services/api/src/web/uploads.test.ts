import { describe, expect, it } from 'vitest';
import { uploadedFiles } from './uploads.ts';

describe('files from the web report form, as the API’s submit schema takes them', () => {
  const file = (filename: string, data: string, contentType = 'text/csv') => ({ filename, contentType, data: Buffer.from(data) });

  it('passes each file on as name, type and base64', () => {
    expect(uploadedFiles(file('số liệu.csv', 'a,b'))).toEqual([{ filename: 'số liệu.csv', contentType: 'text/csv', dataBase64: 'YSxi' }]);
    expect(uploadedFiles([file('a.csv', 'a'), file('b.pdf', 'b', 'application/pdf')]).map((f) => (f as { filename: string }).filename)).toEqual([
      'a.csv',
      'b.pdf',
    ]);
  });

  it('takes a file input left empty as no file, but keeps an empty file for the size check to refuse', () => {
    expect(uploadedFiles(undefined)).toEqual([]);
    expect(uploadedFiles(file('', ''))).toEqual([]);
    expect(uploadedFiles(file('rong.csv', ''))).toEqual([{ filename: 'rong.csv', contentType: 'text/csv', dataBase64: '' }]);
  });

  it('passes a text sent under the files’ name on as it is, for the schema to refuse', () => {
    expect(uploadedFiles('not a file')).toEqual(['not a file']);
  });
});
