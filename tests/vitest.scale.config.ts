import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The scale-out test alone: it starts five processes and needs the machine to itself. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/scale-out.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
