export * from './logger.ts';
export * from './outbox-relay.ts';
export * from './timer.processor.ts';
export * from './worker.ts';
export * from './shutdown.ts';
