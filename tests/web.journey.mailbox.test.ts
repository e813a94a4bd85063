import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caughtMailLimits, loadCaughtMail, saveCaughtMail, seedDemo } from '@dondoc/db';
import { createMailTransport, renderMessage, startMailCatcher, type CaughtMailStore, type MailCatcher } from '@dondoc/mail';
import { desktop, hiddenOnPhone, launchBrowser, phone, seriousViolations, shot, type Browsing, type Viewport } from './support/browser.ts';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';

/**
 * The caught-mail page in Chromium, at desktop size and on a phone: the Office
 * opens "Hộp thư thử nghiệm" from the navigation, reads a new-task mail (kept in
 * PostgreSQL, shown again after the catcher restarts) and follows its link to
 * the assignment.
 */
describe('the caught mail in a browser', () => {
  let t: TestContext;
  let api: TestApi;
  let web: Browsing;
  let catcher: MailCatcher;
  let store: CaughtMailStore;
  let assignmentId: string;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    store = { load: () => loadCaughtMail(t.db), save: (m) => saveCaughtMail(t.db, m), max: caughtMailLimits.max };
    const first = await startMailCatcher({ store });
    const a = await t.db
      .selectFrom('assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .innerJoin('directives as d', 'd.id', 'a.directive_id')
      .innerJoin('tasks as k', 'k.id', 'a.task_id')
      .select(['a.id', 'a.due_at', 'a.role', 'd.id as directiveId', 'd.number_symbol', 'd.subject', 'd.type', 'k.ordinal', 'k.title'])
      .where('u.code', '=', 'so-tttt')
      .where('d.number_symbol', '=', '25/CT-UBND')
      .orderBy('k.ordinal')
      .executeTakeFirstOrThrow();
    assignmentId = a.id;
    catcher = first;
    // The page reads whichever catcher runs now, so that the catcher can restart under the same server.
    api = await startApi(t, {
      mailbox: {
        get messages() {
          return catcher.messages;
        },
      },
    });
    // A new-task mail as the worker renders it, its link on this server.
    const m = renderMessage(
      {
        template: 'assigned',
        directive: { id: a.directiveId, numberSymbol: a.number_symbol, type: a.type, classified: false, subject: a.subject },
        task: { ordinal: a.ordinal, title: a.title },
        unit: { code: 'so-tttt', name: 'Sở Thông tin và Truyền thông' },
        assignment: { id: a.id, dueAt: a.due_at!.toISOString(), escalationLevel: 0, requested: false, role: a.role },
        targets: [{ code: 'tin-bai', name: 'Tin, bài tuyên truyền', unitOfMeasure: 'tin, bài', targetValue: 12000 }],
        event: {},
        path: `/assignments/${a.id}`,
      },
      'vi',
      api.url,
    );
    const transport = createMailTransport({ host: '127.0.0.1', port: first.port, secure: false });
    await transport.sendMail({ from: 'dondoc <dondoc@hoa-an.example>', to: users.officer('so-tttt'), subject: m.subject, text: m.text, html: m.html });
    transport.close();
    // The catcher restarts (as `start` does): the page reads what the database kept.
    await first.close();
    catcher = await startMailCatcher({ store });
    expect(catcher.messages.map((x) => x.parsed.subject)).toEqual([m.subject]);
    web = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await api?.close();
    await catcher?.close();
    await t?.close();
  });

  const checked = async (page: Page, viewport: Viewport, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    if (viewport === phone) expect(await hiddenOnPhone(page), name).toEqual([]);
    await shot(page, `${name}-${viewport === phone ? 'phone' : 'desktop'}`);
  };

  it.each([
    ['desktop', desktop],
    ['phone', phone],
  ] as const)(
    'the Office reads the caught new-task mail and follows its link (%s)',
    async (_, viewport) => {
      const page = await web.signIn(api.url, users.office, viewport);
      await page.goto(`${api.url}/mail`);
      await expect.poll(() => page.title()).toContain('Hộp thư thử nghiệm');
      const subject = page.getByRole('link', { name: /Giao nhiệm vụ – 25\/CT-UBND – Nhiệm vụ 1/ });
      await expect.poll(() => subject.count()).toBe(1);
      expect(await page.getByText(users.officer('so-tttt')).count()).toBeGreaterThan(0);
      await checked(page, viewport, 'mailbox-list');

      await subject.click();
      await page.waitForURL(/\/mail\/\d+$/);
      const body = (await page.locator('.card.pre').innerText()).replace(/\s+/g, ' ');
      expect(body).toContain('Sở Thông tin và Truyền thông được giao chủ trì thực hiện nhiệm vụ này.');
      expect(body).toContain('Tin, bài tuyên truyền: 12.000 tin, bài');
      const link = page.getByRole('link', { name: `${api.url}/assignments/${assignmentId}` });
      expect(await link.count()).toBe(1);
      await checked(page, viewport, 'mailbox-message');

      await link.click();
      await page.waitForURL(`${api.url}/assignments/${assignmentId}`);
      expect(await page.locator('h1').innerText()).toBeTruthy();
    },
    60_000,
  );
});
