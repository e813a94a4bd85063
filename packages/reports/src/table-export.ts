import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

/** One cell of an exported list: text, a number (kept a number, so Excel sums it), or empty. */
export type ExportCell = string | number | null;

/**
 * A list as shown on a page, as an XLSX workbook of one sheet: the header row bold and frozen, columns
 * sized to their text. Written row by row (ExcelJS's streaming writer, no shared strings): a list of
 * tens of thousands of rows costs its zip, not ten times its size in cell objects.
 */
export async function tableXlsx(sheetName: string, head: readonly string[], rows: readonly (readonly ExportCell[])[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'dondoc';
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  const sheet = wb.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  // Widths go before the first row is written.
  const longest = head.map((h) => h.length);
  for (const r of rows)
    r.forEach((v, i) => {
      longest[i] = Math.max(longest[i] ?? 0, String(v ?? '').length);
    });
  sheet.columns = longest.map((n) => ({ width: Math.min(60, Math.max(10, n + 2)) }));
  const top = sheet.addRow([...head]);
  top.font = { bold: true };
  top.commit();
  for (const r of rows) sheet.addRow(r.map((v) => v ?? '')).commit();
  sheet.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** The same list as CSV, UTF-8 with a BOM (Excel reads the diacritics right only with it). */
export function tableCsv(head: readonly string[], rows: readonly (readonly ExportCell[])[]): Buffer {
  const body = stringify([[...head], ...rows.map((r) => r.map((v) => v ?? ''))]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
