import { sql } from 'kysely';
import { migrationsPending, type Db } from '@dondoc/db';

export interface Readiness {
  ready: boolean;
  checks: { postgres: boolean; queues: boolean; migrations: boolean };
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

/** Ready means: PostgreSQL answers, the queue store (Redis) answers, and no migration is pending. Each check gives up after a second. */
export async function checkReadiness(db: Db, queueStore: { ping(): Promise<boolean> }): Promise<Readiness> {
  const [postgres, queues, migrations] = await Promise.all([
    within(sql`SELECT 1`.execute(db), 1000).then(() => true, () => false),
    queueStore.ping(),
    within(migrationsPending(db), 1000).then((n) => n === 0, () => false),
  ]);
  const checks = { postgres, queues, migrations };
  return { ready: postgres && queues && migrations, checks };
}
