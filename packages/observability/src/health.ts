import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import { migrationsPending, type Db } from '@dondoc/db';

export interface Readiness {
  ready: boolean;
  checks: { postgres: boolean; redis: boolean; migrations: boolean };
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

/** Ready means: PostgreSQL answers, Redis answers, and no migration is pending. Each check gives up after a second. */
export async function checkReadiness(db: Db, redis: Redis): Promise<Readiness> {
  const [postgres, redisOk, migrations] = await Promise.all([
    within(sql`SELECT 1`.execute(db), 1000).then(() => true, () => false),
    within(redis.ping(), 1000).then((r) => r === 'PONG', () => false),
    within(migrationsPending(db), 1000).then((n) => n === 0, () => false),
  ]);
  const checks = { postgres, redis: redisOk, migrations };
  return { ready: postgres && redisOk && migrations, checks };
}
