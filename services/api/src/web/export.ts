import type { FastifyReply } from 'fastify';
import { tableCsv, tableXlsx, type ExportCell } from '@dondoc/reports';

export type { ExportCell } from '@dondoc/reports';

/** A file name safe in a Content-Disposition header: ASCII letters, digits and dashes (the UTF-8 name goes in filename*). */
function disposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9.-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Answers with the rows of a list as an XLSX workbook (the list exactly as the page shows it: the caller applies its filters). */
export async function sendXlsx(reply: FastifyReply, filename: string, head: string[], rows: ExportCell[][]): Promise<FastifyReply> {
  const name = filename.endsWith('.xlsx') ? filename : `${filename}.xlsx`;
  const body = await tableXlsx(name.replace(/\.xlsx$/, ''), head, rows);
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', disposition(name)).send(body);
}

/** The same rows as CSV (UTF-8 with a BOM, which Excel needs to read the diacritics). */
export function sendCsv(reply: FastifyReply, filename: string, head: string[], rows: ExportCell[][]): FastifyReply {
  const name = filename.endsWith('.csv') ? filename : `${filename}.csv`;
  return reply.type('text/csv; charset=utf-8').header('content-disposition', disposition(name)).send(tableCsv(head, rows));
}

/** `?format=xlsx` or `?format=csv` on a list page: which file, if any, the user asked for. */
export function exportFormat(query: unknown): 'xlsx' | 'csv' | null {
  const f = (query as Record<string, unknown> | undefined)?.format;
  return f === 'xlsx' || f === 'csv' ? f : null;
}
