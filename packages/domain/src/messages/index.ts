export * from './define.ts';
export * from './catalog.ts';
export type { AssignmentFacts, AssignmentMailKey, OfficeReminderFacts, OfficeReminderWording, ReportFacts, ReportMailKey, Wording } from './mail.ts';
