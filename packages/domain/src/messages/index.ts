export * from './define.ts';
export * from './catalog.ts';
export type { AssignmentFacts, AssignmentMailKey, ReportFacts, ReportMailKey, Wording } from './mail.ts';
