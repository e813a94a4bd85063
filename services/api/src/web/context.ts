import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '@dondoc/db';
import { describeIssue, messages, say, type StaticKey } from '@dondoc/domain';
import type { ApiDeps } from '../deps.ts';
import { seesEveryDirective } from '../auth/policy.ts';
import { html, page, type Lang, type Notice, type Raw, type Viewer } from './html.ts';
import { requireUser } from './session.ts';

export type WebUser = Principal & { csrf: string };

/** What every page module gets: the app scope, the dependencies and the helpers that answer. */
export interface Web {
  app: FastifyInstance;
  deps: ApiDeps;
  /**
   * Answers a page in the frame (html.ts `page()`), as `text/html; charset=utf-8`. The last argument is the status
   * (200 by default) or `{ status, notice }`: a notice is the line under the title saying what just happened
   * ("Đã gửi báo cáo."); without one, a `?notice=<name>` in the address shows the catalog's `notice.<name>`.
   */
  send(reply: FastifyReply, request: FastifyRequest, title: string, body: Raw, status?: number | SendOptions): FastifyReply;
  /** A page saying what went wrong, with its status: a catalog message, or a text in both languages (a domain error's). */
  refuse(reply: FastifyReply, request: FastifyRequest, status: number, why: StaticKey | Texts): FastifyReply;
  /** The signed-in user, or (having redirected to the sign-in page) null. */
  user(request: FastifyRequest, reply: FastifyReply): WebUser | null;
  /** The signed-in user if they see the whole province (the Office, the Chairman, monitors, admins); otherwise a 403 page and null. */
  provinceWide(request: FastifyRequest, reply: FastifyReply): WebUser | null;
}

/** How `web.send` answers: the status, and the notice to show under the title. */
export interface SendOptions {
  status?: number;
  notice?: Notice;
}

/** The catalog's `notice.<name>` for a `?notice=<name>` in the address, if there is such a fixed text. */
export function noticeOf(request: FastifyRequest): string | undefined {
  const name = (request.query as Record<string, unknown> | undefined)?.notice;
  if (typeof name !== 'string' || !/^[A-Za-z0-9.-]{1,60}$/.test(name)) return undefined;
  const key = `notice.${name}`;
  if (!Object.hasOwn(messages, key)) return undefined;
  const m = messages[key as keyof typeof messages] as { vi: (p?: unknown) => unknown; en: (p?: unknown) => unknown };
  if (m.vi.length > 0) return undefined; // a message with parameters cannot come from an address
  const text = m[request.lang]();
  return typeof text === 'string' ? text : undefined;
}

/** A text given in both languages, such as a domain error's message. */
export type Texts = { vi: string; en: string };

/** A domain error's message in both languages. */
export const errorTexts = (e: { messageVi: string; message: string }): Texts => ({ vi: e.messageVi, en: e.message });

/** The catalog's lookups in the page's language. */
export const sayTo = (r: FastifyRequest) => say(r.lang);
export const sees = (p: Principal): boolean => seesEveryDirective(p.role);
/** The Office and admins read the embedded mail catcher. */
export const readsMailbox = (role: string): boolean => role === 'office' || role === 'admin';

export function createWeb(app: FastifyInstance, deps: ApiDeps): Web {
  const viewerOf = (w: WebUser): Viewer => ({ name: w.name, role: w.role, csrf: w.csrf, mailbox: !!deps.mailbox && readsMailbox(w.role) });
  const send: Web['send'] = (reply, request, title, body, how = 200) => {
    const { status = 200, notice = noticeOf(request) } = typeof how === 'number' ? { status: how } : how;
    const viewer = request.web ? viewerOf(request.web) : undefined;
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(page({ lang: request.lang, title, body, path: request.url, ...(viewer && { viewer }), ...(notice && { notice }) }));
  };
  const refuse: Web['refuse'] = (reply, request, status, why) => {
    const t = sayTo(request);
    const title = t(status === 404 ? 'page.notFound' : status === 403 ? 'page.notAllowed' : status === 429 ? 'page.tooMany' : 'page.badRequest');
    return send(reply, request, title, html`<p class="err" role="alert">${typeof why === 'string' ? t(why) : why[request.lang]}</p>`, status);
  };
  return {
    app,
    deps,
    send,
    refuse,
    user: (request, reply) => requireUser(request, reply),
    provinceWide(request, reply) {
      const u = requireUser(request, reply);
      if (u && !sees(u)) {
        void refuse(reply, request, 403, 'page.provinceWideOnly');
        return null;
      }
      return u;
    },
  };
}

/** Field → message in the page's language, the first message for each field. */
export function fieldErrors(error: z.ZodError, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const d = describeIssue(issue);
    out[d.field] ??= d[lang];
  }
  return out;
}

/** Parses route params or a query with the API's schema; on failure answers (404 for a bad id, 400 otherwise) and returns null. */
export function parseOr404<S extends z.ZodType>(web: Web, schema: S, value: unknown, request: FastifyRequest, reply: FastifyReply): z.infer<S> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  void web.refuse(reply, request, 404, 'page.noSuchPage');
  return null;
}
