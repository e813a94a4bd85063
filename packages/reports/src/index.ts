export * from './consolidation.ts';
export * from './exports.ts';
