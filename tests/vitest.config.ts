import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The whole repository in two projects. `unit`: the pure tests beside the code they test
 * and the import-graph test; no database, no Redis, no global set-up, seconds to run.
 * `integration`: the tests under tests/ against real PostgreSQL and Redis, and the tests of
 * what `start` embeds (they start PGlite, its wire server, redis-server and child processes).
 * `--project unit` or `--project integration` runs one of them.
 */
const embedded = 'packages/embedded/src/**/*.test.ts';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each integration file gets its own database and queue prefix, so files run in parallel;
    // a cap keeps Postgres connections well under max_connections on a two-core machine.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'workflows/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'tests/architecture/**/*.test.ts'],
          exclude: ['**/node_modules/**', embedded],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts', embedded],
          // The scale-out test loads the whole machine; it runs alone after the rest (vitest.scale.config.ts).
          exclude: ['**/node_modules/**', 'tests/architecture/**', 'tests/scale-out.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
