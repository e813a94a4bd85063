export * from './dates.ts';
export * from './deadline.ts';
export * from './holidays.ts';
export * from './lunar.ts';
export * from './official-schedules.ts';
export * from './working-calendar.ts';
