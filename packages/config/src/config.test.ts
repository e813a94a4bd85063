import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('fills defaults', () => {
    const c = loadConfig({});
    expect(c.queuePrefix).toBe('{dondoc}');
    expect(c.relay.pollMs).toBe(1000);
  });

  it('names every wrong variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'nope', QUEUE_PREFIX: 'dondoc' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: 'nope', QUEUE_PREFIX: 'dondoc' });
    } catch (e) {
      expect((e as Error).message).toMatch(/DATABASE_URL/);
      expect((e as Error).message).toMatch(/QUEUE_PREFIX: must be a hash tag/);
    }
  });
});
