import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

/** One cell of an exported list: text, a number (kept a number, so Excel sums it), or empty. */
export type ExportCell = string | number | null;

/** A list as shown on a page, as an XLSX workbook of one sheet: the header row bold and frozen, columns sized to their text. */
export async function tableXlsx(sheetName: string, head: readonly string[], rows: readonly (readonly ExportCell[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dondoc';
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  const sheet = wb.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...head]).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
  sheet.columns.forEach((col, i) => {
    const longest = Math.max(head[i]?.length ?? 0, ...rows.map((r) => String(r[i] ?? '').length));
    col.width = Math.min(60, Math.max(10, longest + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same list as CSV, UTF-8 with a BOM (Excel reads the diacritics right only with it). */
export function tableCsv(head: readonly string[], rows: readonly (readonly ExportCell[])[]): Buffer {
  const body = stringify([[...head], ...rows.map((r) => r.map((v) => v ?? ''))]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
