import type { Migration } from 'kysely/migration';
import * as initial from './2026-11-22-0001-initial.ts';
import * as apiAccess from './2026-11-22-0002-api-access.ts';
import * as calendar from './2026-11-22-0003-calendar.ts';
import * as followUp from './2026-11-22-0004-follow-up.ts';
import * as reports from './2026-11-22-0005-reports.ts';
import * as web from './2026-11-22-0006-web.ts';
import * as outboxLease from './2026-11-22-0007-outbox-lease.ts';
import * as notificationDeadLetter from './2026-11-22-0008-notification-dead-letter.ts';
import * as caughtMail from './2026-12-04-0009-caught-mail.ts';
import * as followUpReadModel from './2026-12-04-0010-follow-up-read-model.ts';
import * as directiveListIndexes from './2026-12-04-0011-directive-list-indexes.ts';
import * as directiveProgress from './2026-12-04-0012-directive-progress.ts';

/** Every migration, in order. Listed in code so that they ship with the package. */
export const migrations: Record<string, Migration> = {
  '2026-11-22-0001-initial': initial,
  '2026-11-22-0002-api-access': apiAccess,
  '2026-11-22-0003-calendar': calendar,
  '2026-11-22-0004-follow-up': followUp,
  '2026-11-22-0005-reports': reports,
  '2026-11-22-0006-web': web,
  '2026-11-22-0007-outbox-lease': outboxLease,
  '2026-11-22-0008-notification-dead-letter': notificationDeadLetter,
  '2026-12-04-0009-caught-mail': caughtMail,
  '2026-12-04-0010-follow-up-read-model': followUpReadModel,
  '2026-12-04-0011-directive-list-indexes': directiveListIndexes,
  '2026-12-04-0012-directive-progress': directiveProgress,
};
