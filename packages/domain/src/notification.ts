import type { AssignmentRole } from './model.ts';

/**
 * What a message needs to be rendered, in the recipient's language, when it is
 * sent: the contract between the engine, which writes notification rows, and
 * the mail templates. Nothing classified goes in here.
 */
export interface NotificationParams {
  template: string;
  directive: { id: string; numberSymbol: string; type: string; classified: boolean; subject?: string };
  task?: { ordinal: number; title?: string };
  unit?: { code: string; name: string };
  /** `role`: lead (chủ trì) or coordinating (phối hợp), absent in rows written before it was carried. */
  assignment?: { id: string; dueAt: string | null; escalationLevel: number; requested: boolean; role?: AssignmentRole };
  /** A reporting period, for the messages of periodic reports. */
  period?: { id: string; key: string; startsOn: string; endsOn: string; dueAt: string };
  /** What to report on: the directive's targets. */
  targets?: { code: string; name: string; unitOfMeasure: string; targetValue: number }[];
  event: Record<string, unknown>;
  /** Path of the page to open, under the public URL. */
  path: string;
}

/** One line of a digest: an assignment, where it stands and how late it is. */
export interface DigestItem {
  assignmentId: string;
  numberSymbol: string;
  taskOrdinal: number;
  /** Left out for classified directives. */
  taskTitle?: string;
  unitName: string;
  dueAt: string | null;
  state: string;
  overdue: boolean;
  /** Working days past the deadline, 0 when not yet due. */
  workingDaysLate: number;
  escalationLevel: number;
}

export interface ChairmanDigestUnit {
  unitName: string;
  items: DigestItem[];
  /** Assignments of the unit that passed a deadline this year. */
  lateThisYear: number;
}

export interface UnitDigestParams {
  template: 'digest_unit';
  date: string;
  unitName: string;
  items: DigestItem[];
}

export interface ChairmanDigestParams {
  template: 'digest_chairman';
  date: string;
  units: ChairmanDigestUnit[];
}

/**
 * "Nhắc ngay": the Office of the Provincial People's Committee urges a unit now
 * about its overdue items, one mail to each of its officers.
 */
export interface OfficeReminderParams {
  template: 'office_reminder';
  /** The day it was sent, yyyy-mm-dd in Asia/Ho_Chi_Minh. */
  date: string;
  unitName: string;
  /** The unit's overdue items (a classified task without its title). */
  items: DigestItem[];
  /** The unit's inbox, under the public URL. */
  path: string;
  /** The Office user who pressed the button; the mail is signed by the Office alone without it. */
  remindedBy?: { userId: string; name: string };
}
