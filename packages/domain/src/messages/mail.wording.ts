import { commonMessages } from './common.ts';
import { by } from './define.ts';

/** A notification's wording: the subject's prefix and the body's lines. */
export interface Wording {
  prefix: string;
  lines: string[];
}

const reason = commonMessages['common.reasonLine'];
export const withReasonVi = (f: { reason: string | null }, lines: string[]) => (f.reason ? [...lines, reason.vi({ reason: f.reason })] : lines);
export const withReasonEn = (f: { reason: string | null }, lines: string[]) => (f.reason ? [...lines, reason.en({ reason: f.reason })] : lines);
/** A template's wording in both languages, from the same facts. */
export const about = <P>(vi: (f: P) => Wording, en: (f: NoInfer<P>) => Wording) => by<P, Wording>(vi, en);
