import ExcelJS from 'exceljs';
import escapeHtml from 'escape-html';
import { stringify } from 'csv-stringify/sync';
import { formatInstant } from '@dondoc/domain';
import type { Consolidation, UnitStatus } from './consolidation.ts';

/** The consolidated report as files: CSV (UTF-8 with a BOM, as Excel expects), XLSX and HTML. Headings in Vietnamese. */
const statusVi: Record<UnitStatus, string> = { on_time: 'Đúng hạn', late: 'Chậm', missing: 'Không báo cáo', pending: 'Chưa đến hạn' };
const unitHeader = ['Đơn vị', 'Tình trạng', 'Chậm (ngày làm việc)', 'Thời điểm gửi'];
const targetHeader = [
  'Mã chỉ tiêu',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Chỉ tiêu giao',
  'Kỳ này',
  'Lũy kế',
  'Tỷ lệ đạt (%)',
  'Kỳ trước',
  'Tăng/giảm',
  'Số đơn vị báo cáo',
];

function title(c: Consolidation): string {
  return `Báo cáo tổng hợp ${c.directive.numberSymbol}, kỳ ${c.period.key} (${c.period.startsOn} – ${c.period.endsOn})`;
}

const unitRows = (c: Consolidation) =>
  c.units.map((u) => [u.unitName, statusVi[u.status], u.workingDaysLate, u.submittedAt ? formatInstant(new Date(u.submittedAt)) : '']);
const targetRows = (c: Consolidation) =>
  c.targets.map((t) => [
    t.code,
    t.name ?? '',
    t.unitOfMeasure,
    t.targetValue,
    t.periodValue ?? '',
    t.cumulative ?? '',
    t.percentAchieved ?? '',
    t.previousPeriodValue ?? '',
    t.change ?? '',
    t.reportedBy,
  ]);

export function consolidationCsv(c: Consolidation): Buffer {
  const rows: unknown[][] = [[title(c)], [], unitHeader, ...unitRows(c), [], targetHeader, ...targetRows(c)];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stringify(rows), 'utf8')]);
}

export async function consolidationXlsx(c: Consolidation): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dondoc';
  const units = wb.addWorksheet('Đơn vị');
  units.addRow([title(c)]).font = { bold: true };
  units.addRow(unitHeader).font = { bold: true };
  for (const r of unitRows(c)) units.addRow(r);
  units.columns.forEach((col, i) => {
    col.width = [40, 16, 20, 20][i] ?? 14;
  });
  const targets = wb.addWorksheet('Chỉ tiêu');
  targets.addRow([title(c)]).font = { bold: true };
  targets.addRow(targetHeader).font = { bold: true };
  for (const r of targetRows(c)) targets.addRow(r);
  targets.columns.forEach((col, i) => {
    col.width = i === 1 ? 40 : 14;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function consolidationHtml(c: Consolidation): string {
  const table = (header: string[], rows: unknown[][]) =>
    `<table style="border-collapse:collapse"><thead><tr>${header.map((h) => `<th style="border:1px solid #999;padding:4px 8px;text-align:left">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((v) => `<td style="border:1px solid #ccc;padding:4px 8px">${escapeHtml(String(v))}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const counts = `Đúng hạn: ${c.counts.onTime} · Chậm: ${c.counts.late} · Không báo cáo: ${c.counts.missing} · Chưa đến hạn: ${c.counts.pending} (tổng ${c.counts.units} đơn vị)`;
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title(c))}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px">` +
    `<h1 style="font-size:18px">${escapeHtml(title(c))}</h1>${c.directive.subject ? `<p>${escapeHtml(c.directive.subject)}</p>` : ''}<p>${escapeHtml(counts)}</p>` +
    `<h2 style="font-size:16px">Các đơn vị</h2>${table(unitHeader, unitRows(c))}<h2 style="font-size:16px">Các chỉ tiêu</h2>${table(targetHeader, targetRows(c))}</body></html>`
  );
}
