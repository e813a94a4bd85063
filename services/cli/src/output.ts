import { formatInstant } from '@dondoc/domain';

/** Prints rows as aligned columns; instants in Vietnam time. */
export function printTable(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) {
    console.log('(không có dòng nào / no rows)');
    return;
  }
  const cell = (v: unknown) => (v instanceof Date ? formatInstant(v) : v === null || v === undefined ? '—' : String(v));
  const cols = Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(cols));
  for (const r of cells) console.log(line(r));
}
