export * from './consolidation.ts';
export * from './exports.ts';
export * from './table-export.ts';
