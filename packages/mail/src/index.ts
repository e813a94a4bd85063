export * from './catcher.ts';
export * from './ics.ts';
export * from './templates.ts';
export * from './transport.ts';
export * from './digest.templates.ts';
export * from './office-reminder.templates.ts';
