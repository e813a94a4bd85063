import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DirectiveAssignmentFilter } from '@dondoc/db';
import { trafficLights } from '@dondoc/domain';
import { assignmentMachine } from '@dondoc/workflows';
import { sayTo } from './context.ts';
import { html, option, type Raw } from './html.ts';
import { unitTiers, type UnitTier } from './queries.ts';

/**
 * The units' list of a directive's page, past one page: its query (status,
 * state, tier, unit name, order, page), the filter as the queries take it, and
 * the GET form that sends it back. A value the form would not send is ignored.
 */

/** Rows of each task on a page. */
export const PAGE_SIZE = 100;

const assignmentStates = Object.keys(assignmentMachine.states) as [string, ...string[]];
const tiers = Object.keys(unitTiers) as [UnitTier, ...UnitTier[]];
const orders = ['unit', 'worst'] as const;
const ignored = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const assignmentListQuery = z
  .object({
    light: ignored(z.enum(trafficLights)),
    state: ignored(z.enum(assignmentStates)),
    tier: ignored(z.enum(tiers)),
    q: ignored(z.string().trim().min(1).max(100)),
    sort: ignored(z.enum(orders)),
    page: ignored(z.coerce.number().int().min(1).max(100_000)),
  })
  .catch({});
export type AssignmentListQuery = z.infer<typeof assignmentListQuery>;

/** The query as the queries' filter. */
export const unitsFilter = (q: AssignmentListQuery): DirectiveAssignmentFilter => ({
  ...(q.light && { light: q.light }),
  ...(q.state && { state: q.state }),
  ...(q.tier && { unitKinds: unitTiers[q.tier] }),
  ...(q.q && { search: q.q }),
});

/** The filter form, with a link back to the whole list when something is filtered. */
export function unitsForm(request: FastifyRequest, action: string, q: AssignmentListQuery, filtered: boolean): Raw {
  const t = sayTo(request);
  const all = html`<option value="">${t('directive.all')}</option>`;
  const select = (name: string, label: string, options: Raw[], withAll = true) =>
    html`<div><label for="u-${name}">${label}</label><select id="u-${name}" name="${name}">${withAll ? all : ''}${options}</select></div>`;
  return html`<form method="get" action="${action}" class="card spaced" role="search" id="units-filter" aria-label="${t('directive.filterUnits')}">
    <h2>${t('directive.filterUnits')}</h2>
    <div class="grid">
      ${select(
        'light',
        t('common.status'),
        trafficLights.map((l) => option(l, t('light', { light: l }), q.light === l)),
      )}
      ${select(
        'state',
        t('common.state'),
        assignmentStates.map((s) => option(s, t('assignmentState', { state: s }), q.state === s)),
      )}
      ${select(
        'tier',
        t('dashboard.tier'),
        tiers.map((k) => option(k, t('dashboard.tierName', { tier: k }), q.tier === k)),
      )}
      <div><label for="u-q">${t('directive.unitSearch')}</label><input id="u-q" name="q" value="${q.q ?? ''}"></div>
      ${select(
        'sort',
        t('directive.order'),
        orders.map((o) => option(o, t('directive.orderBy', { order: o }), (q.sort ?? 'unit') === o)),
        false,
      )}
    </div>
    <p><button type="submit">${t('directive.filter')}</button>${filtered ? html` <a href="${action}">${t('directive.clearFilter')}</a>` : ''}</p>
  </form>`;
}
