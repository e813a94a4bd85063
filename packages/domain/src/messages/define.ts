/**
 * How a message of the catalog is written: both languages side by side, the
 * Vietnamese first. A message with parameters is a pair of functions of the
 * same typed parameters; one without is a pair of strings.
 */
export type Language = 'vi' | 'en';

export interface Message<P, R> {
  vi: (p: P) => R;
  en: (p: P) => R;
}

/** A fixed text in both languages. */
export const both = (vi: string, en: string): Message<void, string> => ({ vi: () => vi, en: () => en });

/** A text with parameters (or another shape, such as a mail's lines), in both languages. */
export const by = <P, R = string>(vi: (p: P) => R, en: (p: NoInfer<P>) => NoInfer<R>): Message<P, R> => ({ vi, en });
