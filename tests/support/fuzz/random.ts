/** A seeded PRNG (mulberry32): the same seed gives the same requests, so a failure can be replayed. */
export class Random {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  next(): number {
    this.#s = (this.#s + 0x6d2b79f5) >>> 0;
    let t = this.#s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
}

/** Values that have broken servers: each one is a way a careless user or an attacker writes a field. */
export const nasty: readonly unknown[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'Báo cáo\u0007',
  '\u001b[31mđỏ',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE units; --",
  '%00',
  '%E0%A4%A',
  '\uD800',
  '\u202Egnp.exe',
  '😀'.repeat(50),
  'x'.repeat(100_001),
  'Đ'.repeat(20_001),
  '2027-02-30',
  '2026-02-29',
  '02-30',
  '02-29',
  '24:00',
  '99:99',
  '1e308',
  '-1',
  'NaN',
  -1,
  0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.5,
  true,
  null,
  [],
  {},
  ['a', 'b'],
  { __proto__: { admin: true } },
  { constructor: { prototype: {} } },
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '../../etc/passwd',
  '//evil.example',
];

/** An array nested `depth` deep: `[[[…]]]`. */
export function deeplyNested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
