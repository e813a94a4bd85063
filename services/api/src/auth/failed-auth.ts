import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** How many failed authentications are let through before the rest are answered 429. */
export interface FailedAuthLimits {
  /** Failed sign-ins per address in a minute. */
  signInPerAddress: number;
  /** Failed sign-ins to one account, from anywhere, in 15 minutes. */
  signInPerAccount: number;
  /** Requests with a missing, unknown or revoked token per address in a minute. */
  tokenPerAddress: number;
}

export const defaultFailedAuthLimits: FailedAuthLimits = { signInPerAddress: 5, signInPerAccount: 10, tokenPerAddress: 30 };

/**
 * Counts failed authentications per address and per account and blocks what
 * exceeds its limit for the rest of the window, before credentials are even
 * checked. On Redis the counts are shared by every API process (with an
 * in-memory fallback while Redis is away); without it each process counts alone.
 */
export interface FailedAuthLimiter {
  /** Seconds until this address (or account) may try to sign in again; 0 when it may now. */
  signInBlocked(ip: string, account: string): Promise<number>;
  signInFailed(ip: string, account: string): Promise<void>;
  /** A good sign-in clears the account's count (not the address's). */
  signInSucceeded(account: string): Promise<void>;
  tokenBlocked(ip: string): Promise<number>;
  tokenFailed(ip: string): Promise<void>;
}

export function createFailedAuthLimiter(limits: FailedAuthLimits, redis?: Redis, keyPrefix = 'dondoc'): FailedAuthLimiter {
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const opts = { keyPrefix: `${keyPrefix}:auth:${name}`, points, duration, blockDuration: duration };
    const memory = new RateLimiterMemory(opts);
    return redis ? new RateLimiterRedis({ ...opts, storeClient: redis, insuranceLimiter: memory, rejectIfRedisNotReady: true }) : memory;
  };
  const byAddress = make('signin-ip', limits.signInPerAddress, 60);
  const byAccount = make('signin-account', limits.signInPerAccount, 15 * 60);
  const tokens = make('token-ip', limits.tokenPerAddress, 60);

  const secondsBlocked = async (limiter: RateLimiterAbstract, key: string): Promise<number> => {
    const res = await limiter.get(key).catch(() => null);
    return res && res.consumedPoints >= limiter.points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  };
  // A rejection is the limit being reached, which is what is counted; a store fault must not fail the request either.
  const count = async (limiter: RateLimiterAbstract, key: string) => {
    await limiter.consume(key).catch(() => {});
  };
  return {
    async signInBlocked(ip, account) {
      return Math.max(await secondsBlocked(byAddress, ip), await secondsBlocked(byAccount, account));
    },
    async signInFailed(ip, account) {
      await Promise.all([count(byAddress, ip), count(byAccount, account)]);
    },
    async signInSucceeded(account) {
      await byAccount.delete(account).catch(() => {});
    },
    tokenBlocked: (ip) => secondsBlocked(tokens, ip),
    tokenFailed: (ip) => count(tokens, ip),
  };
}
