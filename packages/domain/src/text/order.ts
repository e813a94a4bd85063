/**
 * Vietnamese alphabetical order (a ă â b c d đ e ê … ; tones after letters),
 * not the bytes' order that puts "Tòa án" before "Tỉnh Đoàn". Every list
 * people read is sorted with this.
 */
const collator = new Intl.Collator('vi', { numeric: true });

export const compareVi = (a: string, b: string): number => collator.compare(a, b);

/** Sorts a copy by a name, in Vietnamese order. */
export const byName = <T>(items: readonly T[], nameOf: (item: T) => string): T[] => [...items].sort((a, b) => compareVi(nameOf(a), nameOf(b)));
