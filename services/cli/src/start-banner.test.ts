import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '@dondoc/db';
import { startBanner } from './start-banner.ts';
import { step } from './start-steps.ts';

describe("start's banner", () => {
  const banner = startBanner({
    base: 'http://127.0.0.1:3456',
    database: 'PGlite nhúng / embedded PGlite in /tmp/x',
    queues: 'redis-server riêng / private redis-server',
    mail: true,
  });

  it('lists a sign-in for every role of the demo, the monitoring unit included, with the password', () => {
    for (const role of ['office', 'chairman', 'monitor', 'admin'] as const) {
      for (const u of demoUsers.filter((x) => x.role === role)) expect(banner).toContain(u.email);
    }
    expect(banner).toContain('theodoi.congan@hoa-an.example');
    expect(banner).toMatch(/cơ quan theo dõi \/ the monitoring unit \(Nguyễn Hải Đăng\) +theodoi\.congan@hoa-an\.example/);
    expect(banner).toContain('so-tttt.daumoi@hoa-an.example');
    expect(banner).toContain('so-tttt.lanhdao@hoa-an.example');
    expect(banner).toContain(`mật khẩu / password ${DEMO_PASSWORD}`);
  });

  it('says where to go, the caught mail included, on the port it runs on', () => {
    expect(banner.split('\n')[0]).toBe('Sẵn sàng / ready: http://127.0.0.1:3456/');
    expect(banner).toContain('http://127.0.0.1:3456/api/v1');
    expect(banner).toContain('read it at http://127.0.0.1:3456/mail');
    expect(banner).not.toContain('3000');
    const elsewhere = startBanner({
      base: 'http://127.0.0.1:3456',
      database: 'x',
      queues: 'y',
      mail: { host: 'smtp.hoa-an.gov.vn', port: 587 },
      publicUrl: 'https://dondoc.hoa-an.gov.vn',
    });
    expect(elsewhere).toContain('Thư gửi qua / mail goes through smtp.hoa-an.gov.vn:587');
    expect(elsewhere).toContain('Liên kết trong thư / links in mail: https://dondoc.hoa-an.gov.vn (PUBLIC_URL)');
    expect(banner).not.toContain('LOG_LEVEL');
    expect(startBanner({ base: 'http://127.0.0.1:3456', database: 'x', queues: 'y', mail: true, quietLogs: true })).toContain(
      'Nhật ký / logs: chỉ cảnh báo và lỗi; LOG_LEVEL=info để xem từng việc',
    );
  });

  it('prints each step as it starts and when it is done', async () => {
    const lines: string[] = [];
    const out = { write: (s: string) => lines.push(s) };
    const n = await step(
      'Cập nhật cơ sở dữ liệu / migrating the database',
      async () => 3,
      (k) => `${k} migration`,
      out,
    );
    expect(n).toBe(3);
    expect(lines[0]).toBe('▸ Cập nhật cơ sở dữ liệu / migrating the database…\n');
    expect(lines[1]).toMatch(/^ {2}✓ 3 migration \(\d+,\d s\)\n$/);
  });
});
