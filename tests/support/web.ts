import { DEMO_PASSWORD } from '@dondoc/db';
import type { TestApi } from './api.ts';

export interface WebAnswer {
  status: number;
  text: string;
  headers: Headers;
  /** The CSRF token of the first form on the page, if any. */
  csrf: string | undefined;
}

/** A signed-in browser without the browser: a session cookie and plain HTTP requests that do not follow redirects. */
export interface WebClient {
  cookie: string;
  get(path: string): Promise<WebAnswer>;
  /** Posts a form; a field given an array is sent once per value (as a tampered form would). The page's CSRF token is added unless `csrf: false`. */
  post(path: string, fields: Record<string, string | string[]>, opts?: { csrf?: string | false; headers?: Record<string, string> }): Promise<WebAnswer>;
}

export function formBody(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) p.append(k, one);
  return p.toString();
}

async function answer(res: Response): Promise<WebAnswer> {
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, csrf: /name="_csrf" value="([^"]+)"/.exec(text)?.[1] };
}

export async function signIn(api: TestApi, email: string, password = DEMO_PASSWORD): Promise<WebClient> {
  const login = await fetch(`${api.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    body: formBody({ email, password }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (login.status !== 302) throw new Error(`sign-in of ${email} answered ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const get = async (path: string) => answer(await fetch(api.url + path, { headers: { cookie }, redirect: 'manual' }));
  let csrf: string | undefined;
  return {
    cookie,
    get,
    async post(path, fields, opts = {}) {
      csrf ??= (await get('/')).csrf ?? (await get('/inbox')).csrf;
      const token = opts.csrf === false ? undefined : (opts.csrf ?? csrf);
      const body = formBody({ ...fields, ...(token && { _csrf: token }) });
      return answer(
        await fetch(api.url + path, {
          method: 'POST',
          redirect: 'manual',
          body,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
        }),
      );
    },
  };
}
