import { nasty, deeplyNested, type Random } from './random.ts';

/** A JSON Schema as the served OpenAPI document has it (the parts the generator reads). */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema | Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
  default?: unknown;
}

/** Ids and codes that exist, so that some generated requests get past "not found" into the work itself. */
export interface Pools {
  uuid: string[];
  code: string[];
  date: string[];
}

const words = [
  'Báo cáo',
  'triển khai',
  'tuyên truyền',
  'Tết Giáp Thìn',
  'phòng, chống ma túy',
  'số liệu',
  'Sở Thông tin và Truyền thông',
  'cai nghiện',
  'hoàn thành',
];

function text(r: Random, s: Schema): string {
  const max = Math.min(s.maxLength ?? 60, 200);
  const min = s.minLength ?? 0;
  let out = '';
  while (out.length < Math.max(min, r.int(1, max))) out += `${r.pick(words)} `;
  return out.slice(0, Math.max(min, Math.min(max, out.length))).trimEnd() || 'x';
}

/**
 * A value for a schema: mostly one that fits (with real ids from the pools),
 * now and then a nasty one in place of a leaf, an extra field, or a field left
 * out. `mutate` is the chance of each of those.
 */
export function generate(r: Random, s: Schema | undefined, pools: Pools, mutate: number, depth = 0): unknown {
  if (!s) return r.pick(nasty);
  if (r.chance(mutate)) return r.chance(0.05) ? deeplyNested(r.int(100, 800)) : r.pick(nasty);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return generate(r, r.pick(alternatives), pools, mutate, depth);
  if (s.allOf?.length) return generate(r, Object.assign({}, ...s.allOf), pools, mutate, depth);
  if (s.enum?.length) return r.pick(s.enum);
  const type = Array.isArray(s.type) ? r.pick(s.type) : s.type;
  if (s.nullable && r.chance(0.1)) return null;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      // Optional fields: none (an empty PATCH), exactly one, or each at even odds.
      const optional = Object.keys(s.properties ?? {}).filter((k) => !required.has(k));
      const mode = r.next();
      const only = optional.length ? r.pick(optional) : undefined;
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (depth > 6) break;
        const include = required.has(k) ? !r.chance(mutate) : mode < 0.15 ? false : mode < 0.4 ? k === only : r.chance(0.5);
        if (include) out[k] = generate(r, v, pools, mutate, depth + 1);
      }
      if (r.chance(mutate)) out[r.pick(['extra', 'admin', 'role', 'id', '__proto__'])] = r.pick(nasty);
      return out;
    }
    case 'array': {
      const item = Array.isArray(s.items) ? undefined : s.items;
      if (Array.isArray(s.items)) return s.items.map((i) => generate(r, i, pools, mutate, depth + 1));
      const n = r.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3));
      return Array.from({ length: n }, () => generate(r, item, pools, mutate, depth + 1));
    }
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? 0;
      const hi = Math.min(s.maximum ?? 1000, lo + 1000);
      return type === 'integer' ? r.int(lo, hi) : Math.round((lo + r.next() * (hi - lo)) * 10) / 10;
    }
    case 'boolean':
      return r.chance(0.5);
    case 'string':
      if (s.format === 'uuid') return r.chance(0.85) ? r.pick(pools.uuid) : crypto.randomUUID();
      if (s.format === 'date') return r.pick(pools.date);
      if (s.format === 'email') return r.chance(0.5) ? `nguoi${r.int(1, 999)}@hoa-an.example` : 'vanphong@hoa-an.example';
      if (s.format === 'byte' || s.pattern?.includes('A-Za-z0-9+/')) return Buffer.from(text(r, s)).toString('base64');
      if (s.pattern?.startsWith('^[a-z0-9')) return r.pick(pools.code);
      if (s.pattern?.includes('0[1-9]|1[0-2]')) return r.pick(['01-01', '11-24', '12-31', '06-15', '02-29', '02-30', '04-31', '02-28']);
      if (s.pattern?.includes(':')) return r.pick(['07:30', '11:30', '13:30', '17:00', '08:00']);
      if (s.pattern?.startsWith('^\\d+[/-]')) return `${r.int(1, 999)}/CT-UBND`;
      return text(r, s);
    default:
      return r.pick(nasty);
  }
}
