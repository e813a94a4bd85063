import { z } from 'zod';
import { DomainError } from '@dondoc/domain';
import { runAssignmentCommand } from '../routes/assignments.routes.ts';
import { assignmentCommands, idParams } from '../http/schemas.ts';
import { errorTexts, fieldErrors, parseOr404, type Web } from './context.ts';
import { formFields, valuesFields, type FormBody } from './form.ts';
import type { Lang } from './html.ts';
import { assignmentPage, notYours, reviewActions, unitActions, type AssignmentAction } from './assignment.page.ts';

const actionParams = idParams.extend({ action: z.enum([...unitActions, ...reviewActions]) });
/** After an action the page says what was done: `?done=<action>`, anything else ignored. */
export const doneQuery = z.object({ done: z.enum([...unitActions, ...reviewActions]).optional() }).catch({});

/** A form's fields as the command's API body: the same schema then checks both. */
function commandBody(action: AssignmentAction, form: FormBody, lang: Lang): unknown {
  switch (action) {
    case 'submit-report':
      return { text: form.text, values: valuesFields(form, lang) };
    case 'request-extension':
      return { dueDate: form.dueDate, reason: form.reason };
    case 'return':
    case 'deny-extension':
      return { reason: form.reason };
    case 'approve':
    case 'grant-extension':
      // An empty comment is no comment.
      return form.comment === undefined || form.comment === '' ? null : { comment: form.comment };
    default:
      return Object.keys(form).length ? form : null;
  }
}

/**
 * An assignment command from its page, for the unit (acknowledge, start,
 * report, ask for more time) and for the Office and the monitoring unit
 * (approve, return, grant or refuse an extension): the API's schema, then the
 * API's `runAssignmentCommand` (who may, then the engine). On success the page
 * again with a notice; on a refusal, the page with the messages beside the form.
 */
export function assignmentActions(web: Web): void {
  web.app.post('/assignments/:id/:action', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = parseOr404(web, actionParams, request.params, request, reply);
    if (!params) return;
    const { action, id } = params;
    const form = formFields(request.body);
    const { event, body } = assignmentCommands[action];
    const parsed = body.safeParse(commandBody(action, form, request.lang));
    let errors: Record<string, string> = {};
    if (!parsed.success) {
      errors = fieldErrors(parsed.error, request.lang);
    } else {
      const { expectedVersion: _, ...fields } = (parsed.data ?? {}) as Record<string, unknown>;
      try {
        await web.deps.db.transaction().execute((tx) => runAssignmentCommand(tx, u, id, event, fields, { requestId: request.id }));
        return reply.redirect(`/assignments/${id}?done=${action}`);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        if (e.code === 'NOT_FOUND') return notYours(web, request, reply);
        if (e.code === 'FORBIDDEN') return web.refuse(reply, request, 403, errorTexts(e));
        errors[e.field ?? ''] = errorTexts(e)[request.lang];
      }
    }
    return assignmentPage(web, request, reply, u, id, { refused: { action, errors, form } });
  });
}
