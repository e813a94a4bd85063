import { DomainError, localDateOf } from '@dondoc/domain';
import { canIssue } from '../auth/policy.ts';
import { idParams } from '../http/schemas.ts';
import { closeBody, runDirectiveCommand, withdrawBody } from '../routes/directives.routes.ts';
import { errorTexts, fieldErrors, parseOr404, type Web } from './context.ts';
import { directiveListPage } from './directive-list.page.ts';
import { directivePage } from './directive.page.ts';
import { formFields, numberField } from './form.ts';
import { postIssueForm, showIssueForm } from './issue-form.ts';

/** A withdraw or close form as the API's body and the engine's event, checked by the API's schema; the notice shown after it. */
function directiveCommand(action: 'withdraw' | 'close', fields: Record<string, unknown>) {
  if (action === 'withdraw') {
    const parsed = withdrawBody.safeParse(fields);
    return parsed.success
      ? ({ ok: true, event: { type: 'WITHDRAW', reason: parsed.data.reason }, expectedVersion: parsed.data.expectedVersion, done: 'withdrawn' } as const)
      : ({ ok: false, error: parsed.error } as const);
  }
  const parsed = closeBody.safeParse(fields);
  return parsed.success
    ? ({
        ok: true,
        event: { type: 'CLOSE', comment: parsed.data?.comment || undefined },
        expectedVersion: parsed.data?.expectedVersion,
        done: 'closed',
      } as const)
    : ({ ok: false, error: parsed.error } as const);
}

/** The directive list, the issue form, a directive's page and the Office's withdraw and close. */
export function directivePages(web: Web): void {
  const { app, deps } = web;

  app.get('/directives', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    return directiveListPage(web, request, reply, u);
  });

  app.get('/directives/new', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    if (!canIssue(u)) return web.refuse(reply, request, 403, 'directive.officeIssues');
    // Most directives are entered on the day they are signed.
    return showIssueForm(web, request, reply, { issuedOn: localDateOf(new Date()) });
  });

  app.post('/directives/new', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    if (!canIssue(u)) return web.refuse(reply, request, 403, 'directive.officeIssues');
    return postIssueForm(web, request, reply, u);
  });

  app.get('/directives/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = parseOr404(web, idParams, request.params, request, reply);
    if (!params) return;
    return directivePage(web, request, reply, u, params.id);
  });

  for (const action of ['withdraw', 'close'] as const) {
    app.post(`/directives/:id/${action}`, async (request, reply) => {
      const u = web.user(request, reply);
      if (!u) return;
      if (!canIssue(u)) return web.refuse(reply, request, 403, 'directive.officeActs');
      const params = parseOr404(web, idParams, request.params, request, reply);
      if (!params) return;
      const form = formFields(request.body);
      const { expectedVersion, ...fields } = form;
      const command = directiveCommand(action, {
        ...fields,
        ...(expectedVersion !== undefined && { expectedVersion: numberField(expectedVersion, request.lang) }),
      });
      let errors: Record<string, string>;
      if (!command.ok) {
        errors = fieldErrors(command.error, request.lang);
      } else {
        try {
          const opts = { expectedVersion: command.expectedVersion, requestId: request.id };
          await deps.db.transaction().execute((tx) => runDirectiveCommand(tx, u, params.id, command.event, opts));
          return reply.redirect(`/directives/${params.id}?notice=directive.${command.done}`);
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          if (e.code === 'NOT_FOUND') return web.refuse(reply, request, 404, 'directive.notFound');
          errors = { [e.field ?? '']: errorTexts(e)[request.lang] };
        }
      }
      return directivePage(web, request, reply, u, params.id, { errors, form, status: 400 });
    });
  }
}
