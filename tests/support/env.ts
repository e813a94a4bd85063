/**
 * Where the tests find their servers. The defaults are the local services the
 * test command starts (infra/local-stack.sh); override them to point elsewhere.
 */
export const testEnv = {
  /** A Postgres server URL; tests create and drop their own databases on it. */
  postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

export function databaseUrl(name: string): string {
  const u = new URL(testEnv.postgresUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
