import { shown, type FormBody } from './form.ts';
import { html, type Raw } from './html.ts';

/**
 * Labelled fields of a form shown again with what was typed and each field's
 * message next to it (`aria-describedby`). Every message placed is recorded,
 * so the page can list at the top those it had no field for.
 */
export interface FormKit {
  /** The element id of a field name: `tasks.0.title` → `tasks-0-title`. */
  id(name: string): string;
  /** The value typed in a field. */
  v(name: string): string;
  /** A field's message, if it has one (recorded as placed). */
  err(field: string): Raw | '';
  /** The attributes that tie a field to its message. */
  described(field: string): Raw | '';
  input(name: string, label: string, opts?: { type?: string; inputmode?: string; field?: string; autofocus?: boolean; placeholder?: string }): Raw;
  textarea(name: string, label: string, rows?: number, autofocus?: boolean): Raw;
  select(name: string, label: string, options: Raw | Raw[], field?: string): Raw;
  /** The messages no field showed. */
  unplaced(): [string, string][];
}

export function formKit(form: FormBody, errors: Record<string, string>): FormKit {
  const placed = new Set<string>();
  const id = (name: string) => name.replace(/\W/g, '-');
  const err = (field: string) => {
    placed.add(field);
    return errors[field] ? html`<p class="err" id="err-${id(field)}">${errors[field]}</p>` : '';
  };
  const described = (field: string) => (errors[field] ? html` aria-invalid="true" aria-describedby="err-${id(field)}"` : '');
  return {
    id,
    v: (name) => shown(form, name),
    err,
    described,
    input(name, label, opts = {}) {
      const field = opts.field ?? name;
      const attrs = html`${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''}${opts.autofocus ? html` autofocus` : ''}${opts.placeholder ? html` placeholder="${opts.placeholder}"` : ''}`;
      return html`<label for="${id(name)}">${label}</label>${err(field)}<input id="${id(name)}" name="${name}" type="${opts.type ?? 'text'}" value="${shown(form, name)}"${attrs}${described(field)}>`;
    },
    textarea(name, label, rows = 3, autofocus = false) {
      return html`<label for="${id(name)}">${label}</label>${err(name)}<textarea id="${id(name)}" name="${name}" rows="${rows}"${autofocus ? html` autofocus` : ''}${described(name)}>${shown(form, name)}</textarea>`;
    },
    select(name, label, options, field = name) {
      return html`<label for="${id(name)}">${label}</label>${err(field)}<select id="${id(name)}" name="${name}"${described(field)}>${options}</select>`;
    },
    unplaced: () => Object.entries(errors).filter(([f]) => !placed.has(f)),
  };
}
