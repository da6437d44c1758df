import { Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '@psea/contract';
import { ConfigError, intVariable } from './config';
import type { Logger } from './logger';

/** How many screenings one caller may run: enough for a screening desk, too few to enumerate. */
export interface ScreeningLimits {
  readonly perMinute: number;
  readonly perDay: number;
}

export const DEFAULT_SCREENING_LIMITS: ScreeningLimits = { perMinute: 30, perDay: 500 };

/**
 * Where the counters live: in this process (one gateway, or a source), or in a PostgreSQL
 * database that replicated gateways share, so a caller's quota is global.
 */
export type LimiterStore = { readonly kind: 'memory' } | { readonly kind: 'postgres'; readonly url: string };

type Env = Readonly<Record<string, string | undefined>>;

/** Reads SCREENING_RATE_PER_MINUTE and SCREENING_QUOTA_PER_DAY (and, where allowed, RATE_LIMIT_DATABASE_URL). */
export function readScreeningLimits(env: Env): ScreeningLimits {
  return {
    perMinute: intVariable(env, 'SCREENING_RATE_PER_MINUTE', DEFAULT_SCREENING_LIMITS.perMinute, 1, 100_000),
    perDay: intVariable(env, 'SCREENING_QUOTA_PER_DAY', DEFAULT_SCREENING_LIMITS.perDay, 1, 10_000_000),
  };
}

export function readLimiterStore(env: Env): LimiterStore {
  const url = env['RATE_LIMIT_DATABASE_URL'];
  if (url === undefined || url === '') return { kind: 'memory' };
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError('RATE_LIMIT_DATABASE_URL must start with postgres:// or postgresql://');
  return { kind: 'postgres', url };
}

/**
 * Per-caller limits on screening (rate-limiter-flexible): a rate per minute and a quota per day,
 * both fixed windows. A refusal is RATE_LIMITED with the wait, and one log line.
 */
export class ScreeningLimiter {
  private constructor(
    private readonly minute: RateLimiterAbstract,
    private readonly day: RateLimiterAbstract,
    private readonly limits: ScreeningLimits,
    private readonly logger: Logger,
    private readonly pool?: Pool,
  ) {}

  static async create(limits: ScreeningLimits, store: LimiterStore, logger: Logger): Promise<ScreeningLimiter> {
    const minute = { keyPrefix: 'screening_minute', points: limits.perMinute, duration: 60 };
    const day = { keyPrefix: 'screening_day', points: limits.perDay, duration: 86_400 };
    if (store.kind === 'memory') {
      return new ScreeningLimiter(new RateLimiterMemory(minute), new RateLimiterMemory(day), limits, logger);
    }
    const pool = new Pool({ connectionString: store.url, max: 4 });
    const postgres = (options: typeof minute) =>
      new Promise<RateLimiterPostgres>((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          // One row per caller and window, updated in place: nothing to sweep, and no timer left running.
          { ...options, storeClient: pool, storeType: 'pool', tableName: options.keyPrefix, clearExpiredByTimeout: false },
          (error?: Error) => (error ? reject(error) : resolve(limiter)),
        );
      });
    try {
      return new ScreeningLimiter(await postgres(minute), await postgres(day), limits, logger, pool);
    } catch (error) {
      await pool.end();
      throw new ConfigError(`RATE_LIMIT_DATABASE_URL: the rate-limit store could not be prepared: ${(error as Error).message}`);
    }
  }

  /** Counts one screening for `subject`, or throws RATE_LIMITED saying which limit and how long to wait. */
  async consume(subject: string): Promise<void> {
    await this.take(this.minute, subject, `${this.limits.perMinute} screenings a minute`);
    await this.take(this.day, subject, `${this.limits.perDay} screenings a day`);
  }

  private async take(limiter: RateLimiterAbstract, subject: string, limit: string): Promise<void> {
    try {
      await limiter.consume(subject);
    } catch (refusal) {
      // The store itself failing is not the caller's fault: it propagates as an internal error.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      this.logger.warn({ subject, limit, retryAfterSeconds }, 'screening refused: rate limit');
      throw rateLimited(limit, retryAfterSeconds);
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}
