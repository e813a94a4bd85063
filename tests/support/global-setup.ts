import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb, migrateToLatest } from '@dondoc/db';
import { databaseUrl, testEnv } from './env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Builds one migrated template database per run with the real migrator; each
 * test file clones it (CREATE DATABASE ... TEMPLATE), which is much faster than
 * migrating again.
 */
export default async function setup(project: TestProject) {
  const admin = new pg.Client({ connectionString: testEnv.postgresUrl });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`Tests need PostgreSQL at ${testEnv.postgresUrl} (${(e as Error).message}). Start it with: bash infra/local-stack.sh`);
  }
  const template = `dondoc_tpl_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${template}`);
  const db = createDb(databaseUrl(template), { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  await admin.query(`ALTER DATABASE ${template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  project.provide('templateDatabase', template);

  return async () => {
    // Drop this run's databases; FORCE ends connections a failed test left open.
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [
      `dondoc_t_${template.slice('dondoc_tpl_'.length)}_%`,
      template,
    ]);
    await admin.query(`ALTER DATABASE ${template} WITH IS_TEMPLATE false`);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}
