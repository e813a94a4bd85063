import { idParams } from '../http/schemas.ts';
import type { Web } from './context.ts';
import { assignmentActions, doneQuery } from './assignment.actions.ts';
import { assignmentPage, notYours } from './assignment.page.ts';
import { inboxPage } from './inbox.page.ts';

/** A unit's inbox, an assignment's page, and the commands given from it. */
export function assignmentPages(web: Web): void {
  inboxPage(web);
  web.app.get('/assignments/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = idParams.safeParse(request.params);
    if (!params.success) return notYours(web, request, reply);
    const { done } = doneQuery.parse(request.query ?? {});
    return assignmentPage(web, request, reply, u, params.data.id, { ...(done && { done }) });
  });
  assignmentActions(web);
}
