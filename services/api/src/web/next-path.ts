const base = 'http://dondoc.invalid';

/**
 * Where to go after signing in: a path on this site, or `/`. Refuses what
 * browsers would take to another site: `//host`, `/\host` (read as `//`),
 * encoded slashes and backslashes, control characters (a tab or a newline in a
 * URL is dropped by the browser, so `/\t/host` becomes `//host`), absolute URLs,
 * and the sign-in and sign-out pages themselves.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return '/';
  }
  for (const s of [raw, decoded]) {
    if (!s.startsWith('/') || s.startsWith('//') || /[\\\u0000-\u001F\u007F]/.test(s)) return '/';
  }
  const u = new URL(raw, base);
  if (u.origin !== base || u.pathname === '/login' || u.pathname === '/logout') return '/';
  return `${u.pathname}${u.search}${u.hash}`;
}
