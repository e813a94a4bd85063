export * from './app.ts';
export * from './deps.ts';
export * from './http/errors.ts';
export * from './server.ts';
export * from './auth/access.table.ts';
