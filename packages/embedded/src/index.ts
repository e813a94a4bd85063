export * from './data-dir.ts';
export * from './free-port.ts';
export * from './postgres.ts';
export * from './redis.ts';
export * from './servers.ts';
