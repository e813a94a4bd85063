import { commonMessages } from './common.ts';
import type { Language, Message } from './define.ts';
import { mailMessages } from './mail.ts';
import { validationMessages } from './validation.ts';
import { webMessages } from './web.ts';

/**
 * The one message catalog of the web pages and the mail: every text people
 * read, keyed, with both languages side by side. `msg(lang, key, params)`
 * looks one up; the key must be in the catalog and the parameters must be the
 * message's, or the typecheck fails.
 */
export const messages = { ...commonMessages, ...webMessages, ...mailMessages, ...validationMessages };

export type Messages = typeof messages;
export type MessageKey = keyof Messages;
type ParamsOf<K extends MessageKey> = Messages[K] extends Message<infer P, unknown> ? P : never;
type ResultOf<K extends MessageKey> = Messages[K] extends Message<never, infer R> ? R : never;
/** The rest arguments of a lookup: nothing for a fixed text, the parameters otherwise. */
// biome-ignore lint/suspicious/noConfusingVoidType: a message without parameters is declared with void.
export type MessageArgs<K extends MessageKey> = [ParamsOf<K>] extends [void] ? [] : [params: ParamsOf<K>];

/** A message without parameters. */
export type StaticKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];

export function msg<K extends MessageKey>(lang: Language, key: K, ...args: MessageArgs<K>): ResultOf<K> {
  const m = messages[key] as Message<unknown, ResultOf<K>>;
  return m[lang](args[0]);
}

/** Lookups in one language: `const t = say(lang); t('common.unit')`. */
export const say =
  (lang: Language) =>
  <K extends MessageKey>(key: K, ...args: MessageArgs<K>): ResultOf<K> =>
    msg(lang, key, ...args);

/** A message in both languages, for passing on before the language is known. */
export function inBoth<K extends MessageKey>(key: K, ...args: MessageArgs<K>): { vi: ResultOf<K>; en: ResultOf<K> } {
  return { vi: msg('vi', key, ...args), en: msg('en', key, ...args) };
}
