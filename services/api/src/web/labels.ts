import { say, type Light } from '@dondoc/domain';
import { html, type Lang, type Raw } from './html.ts';

/** A coloured status label. */
export const badge = (l: Light | null, lang: Lang): Raw =>
  l ? html`<span class="s s-${l}">${say(lang)('light', { light: l })}</span>` : html`<span class="s s-none">—</span>`;

/** A machine state in the page's language. */
export const stateText = (state: string, lang: Lang): string => say(lang)('state', { state });
