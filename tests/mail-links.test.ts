import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegime, loadCalendar, openPeriod, seedDemo, writeChairmanDigest, writeUnitDigests } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { alwaysWorking, seconds, startFollowUp, type FollowUp } from './support/follow-up.ts';
import { issueWithDeadline } from './support/directives.ts';
import { officeActor } from './support/commands.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { signIn, type WebClient } from './support/web.ts';

/**
 * Every link in every mail leads somewhere: a scenario sends mail of each kind
 * of page a message links to (an assignment, a directive, a unit's periodic
 * report, a period's consolidation, the start page of a digest, the Chairman's
 * list), and each recipient with an account signs in and follows the link of
 * every mail it got, to a 200.
 */
const site = 'https://dondoc.hoa-an.example';

describe('links in mail', () => {
  let t: TestContext;
  let follow: FollowUp;
  let api: TestApi;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db, { directive: false, plan: false });
    await alwaysWorking(t);
    follow = await startFollowUp(t);
    api = await startApi(t);
  });
  afterAll(async () => {
    await api?.close();
    await follow?.stop();
    await t?.close();
  });

  it('all resolve to a page its recipient can open', async () => {
    const units = ['so-tttt', 'so-gtvt'];
    // Reminders, the deadline passing and the whole ladder, in seconds.
    const main = await issueWithDeadline(t, {
      units,
      dueAt: new Date(Date.now() + 1500),
      reminderPolicy: { reminders: [{ hoursBefore: seconds(1) }] },
      escalationPolicy: { steps: [{ hoursAfter: seconds(0.3) }, { hoursAfter: seconds(0.6) }, { hoursAfter: seconds(0.9) }] },
    });
    // A directive withdrawn.
    const other = await issueWithDeadline(t, { units, dueAt: new Date(Date.now() + 3600_000) });
    const office = await api.token(users.office);
    expect((await api.call('POST', `/api/v1/directives/${other.directiveId}/withdraw`, { token: office, json: { reason: 'Ban hành nhầm' } })).status).toBe(200);
    // A report period that falls due and closes: requests, lateness, missing reports, the consolidation.
    const regime = await createRegime(t.db, main.directiveId, {
      kind: 'monthly',
      dueRule: { kind: 'working_days_after_end', days: 5 },
      closeAfterWorkingDays: 5,
    });
    await openPeriod(
      t.db,
      {
        regimeId: regime.id,
        key: '2026-11',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
        dueAt: new Date(Date.now() + 1000),
        closesAt: new Date(Date.now() + 2500),
      },
      officeActor,
    );
    await expect
      .poll(async () => (await t.db.selectFrom('notifications').select('template').where('template', '=', 'consolidation_summary').execute()).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => (await t.db.selectFrom('notifications').select('template').where('template', '=', 'escalation_3').execute()).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    // The morning digests.
    await t.db.updateTable('users').set({ mail_digest: true }).where('email', '=', users.officer('so-gtvt')).execute();
    const cal = await loadCalendar(t.db);
    await writeUnitDigests(t.db, cal, new Date(), new Date(Date.now() + 7 * 86_400_000));
    await writeChairmanDigest(t.db, cal, new Date());
    await expect
      .poll(async () => (await t.db.selectFrom('notifications').select('status').where('status', 'in', ['pending', 'sending']).execute()).length, {
        timeout: 30_000,
      })
      .toBe(0);

    const templateOf = new Map((await t.db.selectFrom('notifications').select(['message_id', 'template']).execute()).map((n) => [n.message_id, n.template]));
    const accounts = new Set((await t.db.selectFrom('users').select('email').execute()).map((u) => u.email));
    const clients = new Map<string, WebClient>();
    const checked = new Map<string, Set<string>>(); // link pattern → templates that carry it
    const failures: string[] = [];
    for (const m of follow.catcher.messages) {
      const to = m.envelopeTo[0]!;
      const links = [...new Set([...(m.parsed.text ?? '').matchAll(/https:\/\/dondoc\.hoa-an\.example(\/[^\s)]*)/g)].map((x) => x[1]!))];
      expect(links.length, `${m.parsed.subject}: no link`).toBeGreaterThan(0);
      if (!accounts.has(to)) continue; // a unit's contact address, without an account to sign in with
      const client = clients.get(to) ?? (await signIn(api, to));
      clients.set(to, client);
      for (const link of links) {
        // Follow the site's own redirects (the start page, a unit's view of a period) to the page itself.
        let path = link;
        let r = await client.get(path);
        for (let hops = 0; r.status === 302 && hops < 3; hops++) {
          path = r.headers.get('location')!.replace(site, '');
          r = await client.get(path);
        }
        if (r.status !== 200) failures.push(`${to} ${templateOf.get(m.parsed.messageId ?? '')} ${link} → ${r.status}`);
        const pattern = link.replace(/[0-9a-f-]{36}/g, ':id');
        const set = checked.get(pattern) ?? new Set<string>();
        set.add(templateOf.get(m.parsed.messageId ?? '') ?? '?');
        checked.set(pattern, set);
      }
    }
    expect(failures).toEqual([]);
    expect([...checked.keys()].sort()).toEqual(['/', '/assignments/:id', '/directives/:id', '/laggards', '/periods/:id', '/reports/:id']);
    const templates = new Set([...checked.values()].flatMap((s) => [...s]));
    console.log(`mail links: ${follow.catcher.messages.length} mails, ${templates.size} templates (${[...templates].sort().join(', ')})`);
    expect(templates.size).toBeGreaterThanOrEqual(12);
  }, 90_000);
});
