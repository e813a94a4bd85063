import { commonWebMessages } from './web/common.ts';
import { assignmentMessages } from './web/assignment.ts';
import { dashboardMessages } from './web/dashboard.ts';
import { directiveMessages } from './web/directive.ts';
import { layoutMessages } from './web/layout.ts';
import { mailboxMessages } from './web/mailbox.ts';
import { reportMessages } from './web/report.ts';
import { signinMessages } from './web/signin.ts';

/** The web pages' texts, one file per page under web/; words several pages use are under `common.`. */
export const webMessages = {
  ...commonWebMessages,
  ...assignmentMessages,
  ...dashboardMessages,
  ...directiveMessages,
  ...layoutMessages,
  ...mailboxMessages,
  ...reportMessages,
  ...signinMessages,
} as const;
