import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicUrlOf } from './config.ts';

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

  it('points PUBLIC_URL at the host and port the API uses unless it is set', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ API_PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ API_HOST: '0.0.0.0', API_PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ API_HOST: '::', API_PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ API_HOST: 'dondoc.internal', API_PORT: '80' }).publicUrl).toBe('http://dondoc.internal:80');
    expect(publicUrlOf('::1', 3001)).toBe('http://[::1]:3001');
    const given = loadConfig({ API_PORT: '8080', PUBLIC_URL: 'https://dondoc.hoa-an.gov.vn/theo-doi' });
    expect(given.publicUrl).toBe('https://dondoc.hoa-an.gov.vn/theo-doi');
    expect(given.given.publicUrl).toBe(true);
    expect(loadConfig({}).given.publicUrl).toBe(false);
    expect(loadConfig({}).given.logLevel).toBe(false);
    expect(loadConfig({ LOG_LEVEL: 'debug' }).given.logLevel).toBe(true);
  });

  it('logs JSON unless told otherwise, and refuses an unknown format', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});
