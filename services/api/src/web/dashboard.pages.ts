import type { Web } from './context.ts';
import { laggardsPage } from './laggards.page.ts';
import { matrixPage } from './matrix.page.ts';
import { overviewPage } from './overview.page.ts';
import { scorecardPage } from './scorecard.page.ts';

/** The province-wide pages (the first page, the compliance matrix, the lagging units) and a unit's scorecard. */
export function dashboardPages(web: Web): void {
  overviewPage(web);
  matrixPage(web);
  laggardsPage(web);
  scorecardPage(web);
}
