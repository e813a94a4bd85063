export * from './mail.processor.ts';
export * from './maintenance.processor.ts';
export * from './outbox-relay.ts';
export * from './reconciler.ts';
export * from './timer.processor.ts';
export * from './worker.ts';
export * from './ops-server.ts';
