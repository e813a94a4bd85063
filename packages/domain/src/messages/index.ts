export * from './define.ts';
export * from './catalog.ts';
