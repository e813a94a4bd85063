import { stateLabelsVi } from '@dondoc/domain';
import { html, type Lang, type Raw } from './html.ts';
import type { Light } from './queries.ts';

const lightLabel: Record<Light, [string, string]> = {
  done: ['Hoàn thành', 'Done'],
  on_time: ['Trong hạn', 'On time'],
  due_soon: ['Sắp đến hạn', 'Due soon'],
  overdue: ['Quá hạn', 'Overdue'],
  cancelled: ['Đã hủy', 'Cancelled'],
};

/** A coloured status label. */
export const badge = (l: Light | null, lang: Lang): Raw => (l ? html`<span class="s s-${l}">${lightLabel[l][lang === 'vi' ? 0 : 1]}</span>` : html`<span class="s s-none">—</span>`);

/** A machine state in the page's language. */
export const stateText = (state: string, lang: Lang): string => (lang === 'vi' ? (stateLabelsVi[state] ?? state) : state.replaceAll('_', ' '));
