/**
 * Who may use each route and page: the one table the authorisation test is
 * generated from and the README shows (`pnpm access:table` prints it). The
 * rules themselves live in `policy.ts` and the routes; this says what they add
 * up to, for a directive and the people around it.
 */
export const audiences = ['anonymous', 'admin', 'office', 'chairman', 'monitor', 'monitoring_head', 'unit_head', 'unit_officer', 'other_unit'] as const;
export type Audience = (typeof audiences)[number];

/** The columns, as the README names them. */
export const audienceLabels: Record<Audience, string> = {
  anonymous: 'signed out',
  admin: 'admin',
  office: 'Office',
  chairman: 'Chairman',
  monitor: 'monitor',
  monitoring_head: 'head of the monitoring unit',
  unit_head: 'head of an assigned unit',
  unit_officer: 'officer of an assigned unit',
  other_unit: 'officer of a unit not named',
};

export interface Access {
  method: string;
  path: string;
  /** API route or web page. */
  kind: 'api' | 'page' | 'ops';
  allowed: readonly Audience[];
}

const everyone: readonly Audience[] = audiences;
const signedIn: readonly Audience[] = audiences.filter((a) => a !== 'anonymous');
/** Those who see the directive: the province-wide roles and the units it names or that monitor it. */
const seesDirective: readonly Audience[] = ['admin', 'office', 'chairman', 'monitor', 'monitoring_head', 'unit_head', 'unit_officer'];
/** Those who see every unit's part of it: the province-wide roles and the monitoring unit. */
const seesAllOfIt: readonly Audience[] = ['admin', 'office', 'chairman', 'monitor', 'monitoring_head'];
/** Those who see the whole province (every directive, the dashboards). */
const provinceWide: readonly Audience[] = ['admin', 'office', 'chairman', 'monitor'];
/** Reviewers: the Office, and the monitoring unit's monitor or head (a monitor of another unit is not one). */
const reviewers: readonly Audience[] = ['office', 'monitoring_head'];
const theUnit: readonly Audience[] = ['unit_head', 'unit_officer'];
const machinery: readonly Audience[] = ['admin', 'office', 'monitor'];

const api = (method: string, path: string, allowed: readonly Audience[]): Access => ({ method, path: `/api/v1${path}`, kind: 'api', allowed });
const page = (method: string, path: string, allowed: readonly Audience[]): Access => ({ method, path, kind: 'page', allowed });
const ops = (method: string, path: string, allowed: readonly Audience[]): Access => ({ method, path, kind: 'ops', allowed });

export const accessTable: readonly Access[] = [
  api('GET', '/me', signedIn),
  api('GET', '/directives', signedIn),
  api('POST', '/directives', ['office']),
  api('GET', '/directives/:id', seesDirective),
  api('GET', '/directives/:id/history', seesAllOfIt),
  api('GET', '/directives/:id/timers', machinery),
  api('GET', '/directives/:id/periods', seesDirective),
  api('POST', '/directives/:id/regimes', ['office']),
  api('POST', '/directives/:id/withdraw', ['office']),
  api('POST', '/directives/:id/close', ['office']),
  api('GET', '/assignments/:id', seesDirective),
  api('GET', '/assignments/:id/history', seesDirective),
  api('GET', '/assignments/:id/timers', machinery),
  api('POST', '/assignments/:id/acknowledge', theUnit),
  api('POST', '/assignments/:id/start', theUnit),
  api('POST', '/assignments/:id/submit-report', theUnit),
  api('POST', '/assignments/:id/request-extension', theUnit),
  api('POST', '/assignments/:id/approve', reviewers),
  api('POST', '/assignments/:id/return', reviewers),
  api('POST', '/assignments/:id/grant-extension', reviewers),
  api('POST', '/assignments/:id/deny-extension', reviewers),
  api('POST', '/assignments/:id/cancel', ['office']),
  api('POST', '/regimes/:id/periods', reviewers),
  api('GET', '/periods/:id', seesDirective),
  api('GET', '/periods/:id/consolidated', seesAllOfIt),
  api('POST', '/periods/:id/approve', reviewers),
  api('POST', '/unit-reports/:id/submit', theUnit),
  api('POST', '/unit-reports/:id/return', reviewers),
  api('POST', '/unit-reports/:id/accept', reviewers),
  api('GET', '/unit-reports/:id/attachments/:attachmentId', seesDirective),
  api('GET', '/calendar/:year', signedIn),
  api('POST', '/calendar/overrides', ['admin']),
  api('DELETE', '/calendar/overrides/:date', ['admin']),
  api('PATCH', '/calendar/settings', ['admin']),
  api('GET', '/units', ['admin', 'office']),
  api('POST', '/units', ['admin']),
  api('PATCH', '/units/:code', ['admin']),
  api('GET', '/users', ['admin']),
  api('POST', '/users', ['admin']),
  api('PATCH', '/users/:id', ['admin']),
  api('POST', '/users/:id/tokens', ['admin']),
  api('DELETE', '/tokens/:id', ['admin']),
  api('GET', '/ops/notifications/failed', ['admin']),
  api('POST', '/ops/notifications/:id/retry', ['admin']),
  api('POST', '/ops/notifications/retry-failed', ['admin']),

  page('GET', '/', signedIn),
  page('GET', '/login', everyone),
  page('POST', '/login', everyone),
  page('POST', '/logout', signedIn),
  page('GET', '/directives', signedIn),
  page('GET', '/directives/new', ['office']),
  page('POST', '/directives/new', ['office']),
  page('GET', '/directives/:id', seesDirective),
  page('POST', '/directives/:id/withdraw', ['office']),
  page('POST', '/directives/:id/close', ['office']),
  page('GET', '/matrix', provinceWide),
  page('GET', '/laggards', provinceWide),
  page('POST', '/laggards', ['office']),
  page('GET', '/overview', provinceWide),
  page('GET', '/units/:code/scorecard', [...provinceWide, 'unit_head', 'unit_officer']),
  page('GET', '/inbox', signedIn),
  page('GET', '/assignments/:id', seesDirective),
  page('POST', '/assignments/:id/:action', theUnit),
  page('GET', '/reports/:id', seesDirective),
  page('POST', '/reports/:id/submit', theUnit),
  page('POST', '/reports/:id/:action', reviewers),
  page('GET', '/reports/:id/attachments/:attachmentId', seesDirective),
  page('GET', '/periods/:id', seesDirective),
  page('GET', '/periods/:id/consolidated.:format', seesAllOfIt),
  page('POST', '/periods/:id/approve', reviewers),
  page('GET', '/mail', ['admin', 'office']),
  page('GET', '/mail/:n', ['admin', 'office']),

  ops('GET', '/healthz', everyone),
  ops('GET', '/readyz', everyone),
  ops('GET', '/metrics', []),
  ops('GET', '/admin/queues', ['admin']),
  ops('GET', '/api/docs', everyone),
  ops('GET', '/api/openapi.json', everyone),
];

/** The table as Markdown, for the README. */
export function accessTableMarkdown(): string {
  const head = `| route | ${audiences.map((a) => audienceLabels[a]).join(' | ')} |`;
  const rule = `| --- | ${audiences.map(() => ':-:').join(' | ')} |`;
  const rows = accessTable.map((r) => `| \`${r.method} ${r.path}\` | ${audiences.map((a) => (r.allowed.includes(a) ? '✓' : '')).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}
