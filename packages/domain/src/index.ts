export * from './validation.ts';
export * from './calendar/index.ts';
export * from './directive.input.ts';
export * from './errors.ts';
export * from './model.ts';
export * from './report.input.ts';
export * from './text.schema.ts';
export * from './labels.ts';
