import { Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '@psea/contract';
import { ConfigError } from '@psea/contract';
import { intVariable } from '@psea/service';
import type { Logger } from '@psea/service';

/**
 * How many identifiers may be screened: per caller, enough for a screening desk and too few to
 * enumerate; and across all callers, a ceiling that holds even against a signer minting a new
 * subject for every request. A screening counts one point per identifier of the person.
 */
export interface ScreeningLimits {
  readonly perMinute: number;
  readonly perDay: number;
  readonly allCallersPerMinute: number;
  readonly allCallersPerDay: number;
}

export const DEFAULT_SCREENING_LIMITS: ScreeningLimits = {
  perMinute: 30,
  perDay: 500,
  allCallersPerMinute: 300,
  allCallersPerDay: 5_000,
};

/** The key of the counters shared by every caller (subjects are never empty). */
const ALL_CALLERS = '';

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
    allCallersPerMinute: intVariable(
      env,
      'SCREENING_ALL_CALLERS_PER_MINUTE',
      DEFAULT_SCREENING_LIMITS.allCallersPerMinute,
      1,
      10_000_000,
    ),
    allCallersPerDay: intVariable(
      env,
      'SCREENING_ALL_CALLERS_PER_DAY',
      DEFAULT_SCREENING_LIMITS.allCallersPerDay,
      1,
      100_000_000,
    ),
  };
}

export function readLimiterStore(env: Env): LimiterStore {
  const url = env['RATE_LIMIT_DATABASE_URL'];
  if (url === undefined || url === '') return { kind: 'memory' };
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError('RATE_LIMIT_DATABASE_URL must start with postgres:// or postgresql://');
  return { kind: 'postgres', url };
}

interface Window {
  readonly keyPrefix: string;
  readonly points: number;
  readonly duration: number;
  /** Whose counter: the caller's own, or the one every caller shares. */
  readonly scope: 'caller' | 'all';
  readonly limit: string;
}

/**
 * Creates the counter tables once, under an advisory lock: replicated gateways starting together
 * would otherwise race on CREATE TABLE IF NOT EXISTS (PostgreSQL then reports the table exists).
 * The columns are the ones rate-limiter-flexible's PostgreSQL store reads and writes.
 */
async function createTables(pool: Pool, windows: readonly Window[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['psea-screening-limiter']);
    try {
      for (const w of windows) {
        await client.query(
          `CREATE TABLE IF NOT EXISTS "${w.keyPrefix}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
        );
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['psea-screening-limiter']);
    }
  } finally {
    client.release();
  }
}

/**
 * Limits on screening (rate-limiter-flexible): per caller a rate per minute and a quota per day,
 * and the same across all callers, all fixed windows. A refusal is RATE_LIMITED with the wait,
 * and one log line (an error when the all-callers ceiling is reached: someone is enumerating).
 */
export class ScreeningLimiter {
  private constructor(
    private readonly windows: ReadonlyArray<{ window: Window; limiter: RateLimiterAbstract }>,
    private readonly logger: Logger,
    private readonly pool?: Pool,
  ) {}

  static async create(limits: ScreeningLimits, store: LimiterStore, logger: Logger): Promise<ScreeningLimiter> {
    const windows: Window[] = [
      {
        keyPrefix: 'screening_minute',
        points: limits.perMinute,
        duration: 60,
        scope: 'caller',
        limit: `${limits.perMinute} identifiers screened a minute`,
      },
      {
        keyPrefix: 'screening_day',
        points: limits.perDay,
        duration: 86_400,
        scope: 'caller',
        limit: `${limits.perDay} identifiers screened a day`,
      },
      {
        keyPrefix: 'screening_all_minute',
        points: limits.allCallersPerMinute,
        duration: 60,
        scope: 'all',
        limit: `${limits.allCallersPerMinute} identifiers screened a minute by all callers`,
      },
      {
        keyPrefix: 'screening_all_day',
        points: limits.allCallersPerDay,
        duration: 86_400,
        scope: 'all',
        limit: `${limits.allCallersPerDay} identifiers screened a day by all callers`,
      },
    ];
    const options = (w: Window) => ({ keyPrefix: w.keyPrefix, points: w.points, duration: w.duration });
    if (store.kind === 'memory') {
      return new ScreeningLimiter(
        windows.map((window) => ({ window, limiter: new RateLimiterMemory(options(window)) })),
        logger,
      );
    }
    const pool = new Pool({ connectionString: store.url, max: 4 });
    // An idle connection the database closes (a restart) is replaced on next use, not a crash.
    pool.on('error', (error) => logger.warn({ err: error.message }, 'rate-limit store connection lost'));
    try {
      await createTables(pool, windows);
      // Tables made above; one row per caller and window, updated in place: nothing to sweep, and
      // no timer left running.
      const limiters = windows.map((window) => ({
        window,
        limiter: new RateLimiterPostgres({
          ...options(window),
          storeClient: pool,
          storeType: 'pool',
          tableName: window.keyPrefix,
          tableCreated: true,
          clearExpiredByTimeout: false,
        }),
      }));
      return new ScreeningLimiter(limiters, logger, pool);
    } catch (error) {
      await pool.end();
      throw new ConfigError(`RATE_LIMIT_DATABASE_URL: the rate-limit store could not be prepared: ${(error as Error).message}`);
    }
  }

  /**
   * Counts a screening of `identifiers` identifiers for `subject`, or throws RATE_LIMITED saying
   * which limit and how long to wait.
   */
  async consume(subject: string, identifiers = 1): Promise<void> {
    for (const { window, limiter } of this.windows) {
      try {
        await limiter.consume(window.scope === 'all' ? ALL_CALLERS : subject, identifiers);
      } catch (refusal) {
        // The store itself failing is not the caller's fault: it propagates as an internal error.
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        const log = { subject, limit: window.limit, retryAfterSeconds };
        if (window.scope === 'all') this.logger.error(log, 'screening refused: the all-callers ceiling is reached');
        else this.logger.warn(log, 'screening refused: rate limit');
        throw rateLimited(window.limit, retryAfterSeconds);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}
