/**
 * What `start` is doing, one line a step, so a first run that takes a minute
 * says why: "▸ Cập nhật cơ sở dữ liệu / migrating the database…" then
 * "  ✓ đã áp dụng / applied 8 migrations (2,4 s)".
 */
export async function step<T>(
  what: string,
  run: () => Promise<T>,
  done?: (result: T) => string | null,
  out: { write(s: string): unknown } = process.stdout,
): Promise<T> {
  const started = Date.now();
  out.write(`▸ ${what}…\n`);
  const result = await run();
  const seconds = ((Date.now() - started) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const note = done?.(result);
  out.write(`  ✓ ${note ? `${note} ` : ''}(${seconds} s)\n`);
  return result;
}
