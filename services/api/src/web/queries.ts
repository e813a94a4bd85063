import { trafficLight, type DirectiveType, type Light, type UnitKind } from '@dondoc/domain';

/**
 * What the dashboards share: the light of a follow-up item, the unit tiers a
 * filter offers, the dashboard filter and who reads a classified task's title.
 * The figures themselves are SQL aggregates in packages/db (follow-up.sql.ts,
 * matrix.queries.ts, laggards.queries.ts, scorecard.queries.ts); the domain's
 * rule (follow-up-figures.ts) stays the definition the tests hold them to.
 */
export const light = trafficLight;

/** The tiers a unit filter offers: the province's bodies (sở, ban, ngành…), the districts, the communes. */
export const unitTiers = {
  province: ['office', 'department', 'sector', 'police', 'military', 'judiciary', 'front', 'mass_org', 'party'],
  district: ['district'],
  commune: ['commune'],
} as const satisfies Record<string, readonly UnitKind[]>;
export type UnitTier = keyof typeof unitTiers;

export interface DashboardFilter {
  year?: number;
  issuerUnitId?: string;
  type?: DirectiveType;
  tier?: UnitTier;
  /** Only units with a cell of this light. */
  light?: Light;
  overdueOnly?: boolean;
}

/** Whether the viewer reads a classified directive's task titles (the Office and the Chairman; README "Classified directives"). */
export const readsContent = (role: string, classification: string) => classification === 'thuong' || role === 'office' || role === 'chairman';
