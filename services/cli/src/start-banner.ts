import { DEMO_PASSWORD, demoUsers } from '@dondoc/db';
import type { UserRole } from '@dondoc/domain';

/** Who a demo sign-in is, as the banner names it (the CLI speaks both languages on one line). */
const whoIs: Partial<Record<UserRole, string>> = {
  office: 'Văn phòng UBND tỉnh / the Office',
  chairman: 'Chủ tịch UBND tỉnh / the Chairman',
  monitor: 'cơ quan theo dõi / the monitoring unit',
  admin: 'quản trị / admin',
  unit_officer: 'cán bộ đầu mối đơn vị / a unit’s focal officer',
  unit_head: 'Thủ trưởng đơn vị / a unit’s head',
};
/** The unit whose officer and head the banner offers (the others sign in the same way, by unit code). */
const sampleUnit = 'so-tttt';

/** The demo sign-ins the banner lists: every role there is, the units' two by one example unit. */
export function demoSignIns(): { who: string; email: string }[] {
  const order: UserRole[] = ['office', 'chairman', 'monitor', 'unit_officer', 'unit_head', 'admin'];
  return order.flatMap((role) =>
    demoUsers
      .filter((u) => u.role === role && (role !== 'unit_officer' && role !== 'unit_head' ? true : u.unit === sampleUnit))
      .map((u) => ({ who: `${whoIs[role]}${role === 'monitor' ? ` (${u.name})` : ''}`, email: u.email })),
  );
}

export interface BannerFacts {
  /** Where this process serves the web app. */
  base: string;
  /** PUBLIC_URL when it was set and differs from `base`. */
  publicUrl?: string;
  database: string;
  queues: string;
  /** True when mail is caught in-process; otherwise the server it goes through. */
  mail: true | { host: string; port: number };
  /** Only warnings and errors are logged (a terminal without LOG_LEVEL). */
  quietLogs?: boolean;
}

/** What `start` prints once everything runs: where to go, how to sign in, what it embedded. */
export function startBanner(f: BannerFacts): string {
  const signIns = demoSignIns();
  const width = Math.max(...signIns.map((s) => s.who.length));
  return [
    `Sẵn sàng / ready: ${f.base}/`,
    `  API: ${f.base}/api/v1 — tài liệu / docs: ${f.base}/api/docs`,
    ...(f.publicUrl ? [`  Liên kết trong thư / links in mail: ${f.publicUrl} (PUBLIC_URL)`] : []),
    `  Đăng nhập thử / demo sign-ins, mật khẩu / password ${DEMO_PASSWORD}:`,
    ...signIns.map((s) => `    ${s.who.padEnd(width)}  ${s.email}`),
    `  Cơ sở dữ liệu / database: ${f.database}`,
    `  Hàng đợi / queues: ${f.queues}`,
    f.mail === true
      ? `  Thư được giữ lại trong máy, đọc tại / mail is caught in-process, read it at ${f.base}/mail ` +
        `(Văn phòng, quản trị / Office, admin); set SMTP_HOST to send it`
      : `  Thư gửi qua / mail goes through ${f.mail.host}:${f.mail.port}`,
    `  Mã truy cập cho Văn phòng / a token for the Office: ./infra/dondoc token create vanphong@hoa-an.example`,
    ...(f.quietLogs
      ? ['  Nhật ký / logs: chỉ cảnh báo và lỗi; LOG_LEVEL=info để xem từng việc / warnings and errors only; LOG_LEVEL=info shows every step']
      : []),
    `  Ctrl+C để dừng / to stop.`,
  ].join('\n');
}
