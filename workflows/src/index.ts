export * from './accepts.ts';
export * from './assignment.machine.ts';
export * from './directive.machine.ts';
export * from './directive.rollup.ts';
export * from './unit-report.machine.ts';
export * from './report-period.machine.ts';
export * from './effects.ts';
