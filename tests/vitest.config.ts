import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * One configuration for the whole repository: pure unit tests beside the code
 * they test, integration tests under tests/ against real PostgreSQL and Redis.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['packages/*/src/**/*.test.ts', 'workflows/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    // The scale-out test loads the whole machine; it runs alone after the rest (vitest.scale.config.ts).
    exclude: ['**/node_modules/**', 'tests/scale-out.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each integration file gets its own database and queue prefix, so files run in parallel;
    // a cap keeps Postgres connections well under max_connections on a two-core machine.
    maxWorkers: 2,
  },
});
