import { migrationsPending, pingDatabase, type Db } from '@dondoc/db';
import { withTimeout } from '@dondoc/domain';

export interface Readiness {
  ready: boolean;
  checks: { postgres: boolean; queues: boolean; migrations: boolean };
}

/** Ready means: PostgreSQL answers, the queue store (Redis) answers, and no migration is pending. Each check gives up after a second. */
export async function checkReadiness(db: Db, queueStore: { ping(): Promise<boolean> }): Promise<Readiness> {
  const [postgres, queues, migrations] = await Promise.all([
    withTimeout(pingDatabase(db), 1000).then(
      () => true,
      () => false,
    ),
    queueStore.ping(),
    withTimeout(migrationsPending(db), 1000).then(
      (n) => n === 0,
      () => false,
    ),
  ]);
  const checks = { postgres, queues, migrations };
  return { ready: postgres && queues && migrations, checks };
}
