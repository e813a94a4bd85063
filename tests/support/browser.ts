import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';
import { DEMO_PASSWORD } from '@dondoc/db';

/**
 * Real headless Chromium (Debian's, driven by playwright-core) for the web
 * journeys: sign-in as a user, screenshots to tests/artifacts/, axe-core's
 * serious and critical findings, and the phone check (nothing scrolls
 * sideways inside a table). Every Content Security Policy violation a page
 * reports is collected, since the pages must keep their own policy.
 */
export const artifacts = new URL('../artifacts/', import.meta.url);

export const desktop = { width: 1280, height: 900 } as const;
export const phone = { width: 390, height: 844 } as const;
export type Viewport = { width: number; height: number };

export interface Browsing {
  browser: Browser;
  cspViolations: string[];
  /** A new browser context signed in as `email` at `baseUrl`, on the page the sign-in leads to. */
  signIn(baseUrl: string, email: string, viewport?: Viewport): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browsing> {
  await mkdir(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const cspViolations: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    browser,
    cspViolations,
    async signIn(baseUrl, email, viewport = desktop) {
      // A Vietnamese browser: date pickers read dd/mm/yyyy, as the users' own do.
      const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
      });
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('Địa chỉ thư').fill(email);
      await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
    },
  };
}

/** A full-page screenshot in tests/artifacts/<name>.png. */
export const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, artifacts).pathname, fullPage: true });

/** axe-core's serious and critical violations on the page, as "rule: targets". */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol, which the page's CSP does not govern (a script tag would be refused, as it should).
  await page.evaluate(axe.source);
  const result = (await page.evaluate(() => (globalThis as unknown as { axe: typeof axe }).axe.run())) as axe.AxeResults;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * What a phone user could not see without scrolling sideways: status badges
 * (`.s`) beyond the viewport's right edge, and tables wider than their
 * container (so a row must be scrolled to be read whole). Empty when the page
 * fits.
 */
export async function hiddenOnPhone(page: Page): Promise<string[]> {
  // A string, run in the page: the project's TypeScript has no DOM library.
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('.s')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) out.push('badge "' + el.textContent + '" ends at ' + Math.round(r.right) + ' px of ' + width);
    }
    for (const t of document.querySelectorAll('table')) {
      const box = t.parentElement.getBoundingClientRect();
      if (t.scrollWidth > Math.ceil(box.width) + 1) out.push('table ' + (t.id || t.querySelector('caption')?.textContent || '') + ' is ' + t.scrollWidth + ' px wide in ' + Math.round(box.width));
    }
    if (document.documentElement.scrollWidth > width + 1) out.push('page is ' + document.documentElement.scrollWidth + ' px wide in ' + width);
    return out;
  })()`);
}
