import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { issueDirective } from '../directive.repository.ts';
import { hashPassword } from '../session.repository.ts';

/** The password of every demo user, for trying the web app. */
export const DEMO_PASSWORD = 'hoa-an-2026';
import { findDirectiveByNumber } from '../query.repository.ts';
import { createRegime } from '../reports/regime.repository.ts';
import { keHoach146 } from './ke-hoach-146.ts';
import { DEMO_DIRECTIVE_ISSUED_ON, DEMO_DIRECTIVE_NUMBER, chiThiTetGiapThin2024 } from './chi-thi-tet-giap-thin-2024.ts';
import { demoGroups, demoUnits, demoUsers, focalEmail, headEmail } from './demo-province.ts';

export interface SeedResult {
  units: number;
  users: number;
  /** Null when the directive was not asked for. */
  directiveId: string | null;
  directiveCreated: boolean;
}

/** Loads the demo province and (unless `directive: false`) its Chỉ thị and (unless `plan: false`) Kế hoạch 146 with a monthly report. Safe to run again: what exists is kept. */
export async function seedDemo(db: Db, opts: { directive?: boolean; plan?: boolean } = {}): Promise<SeedResult> {
  await db.transaction().execute(async (tx) => {
    const ids = new Map<string, string>();
    for (const u of demoUnits) {
      const { id } = await tx
        .insertInto('units')
        .values({
          code: u.code,
          name: u.name,
          kind: u.kind,
          parent_id: u.parent ? ids.get(u.parent)! : null,
          commanded: u.commanded ?? true,
          head_name: u.head,
          head_email: headEmail(u.code),
          focal_name: `Cán bộ đầu mối ${u.name}`,
          focal_email: focalEmail(u.code),
        })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: u.name }))
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(u.code, id);
    }
    for (const g of demoGroups) {
      await tx
        .insertInto('unit_groups')
        .values({ code: g.code, name: g.name })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      const members = demoUnits.filter(g.members).map((u) => ({ group_code: g.code, unit_id: ids.get(u.code)! }));
      await tx
        .insertInto('unit_group_members')
        .values(members)
        .onConflict((oc) => oc.columns(['group_code', 'unit_id']).doNothing())
        .execute();
    }
    // One demo password for every demo user, hashed once (argon2id).
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of demoUsers) {
      await tx
        .insertInto('users')
        .values({ unit_id: ids.get(u.unit)!, role: u.role, email: u.email, name: u.name, disabled_at: null, password_hash: passwordHash })
        .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
        .execute();
    }
  });

  if (opts.directive === false) return { units: demoUnits.length, users: demoUsers.length, directiveId: null, directiveCreated: false };
  const existing = await findDirectiveByNumber(db, DEMO_DIRECTIVE_NUMBER, Number(DEMO_DIRECTIVE_ISSUED_ON.slice(0, 4)));
  const directiveId = existing ? existing.id : (await issueDirective(db, chiThiTetGiapThin2024, { kind: 'system', label: 'seed' })).directiveId;
  // A plan with targets and a monthly report (due 5 working days after each month), for the report pages.
  const plan = opts.plan === false || (await findDirectiveByNumber(db, keHoach146.numberSymbol, Number(keHoach146.issuedOn.slice(0, 4))));
  if (!plan) {
    const issued = await issueDirective(db, keHoach146, { kind: 'system', label: 'seed' });
    await createRegime(db, issued.directiveId, { kind: 'monthly', dueRule: { kind: 'working_days_after_end', days: 5 }, closeAfterWorkingDays: 5 });
  }
  return { units: demoUnits.length, users: demoUsers.length, directiveId, directiveCreated: !existing };
}
