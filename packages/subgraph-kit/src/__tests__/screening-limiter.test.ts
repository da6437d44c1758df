import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger } from '@psea/service';
import { DEFAULT_SCREENING_LIMITS, ScreeningLimiter, readLimiterStore, readScreeningLimits } from '../screening-limiter';

describe('ScreeningLimiter (in-process store)', () => {
  const logger = createLogger('test', 'silent');

  it('refuses past the daily quota with RATE_LIMITED naming the quota and the wait', async () => {
    const limiter = await ScreeningLimiter.create(
      { ...DEFAULT_SCREENING_LIMITS, perMinute: 100, perDay: 3 },
      { kind: 'memory' },
      logger,
    );
    for (let i = 0; i < 3; i++) await limiter.consume('ivy');
    const refusal = await limiter.consume('ivy').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect((refusal as Error).message).toMatch(/3 identifiers screened a day/);
    expect((refusal as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds).toBeGreaterThan(3600);
    await limiter.consume('jo');
  });

  it('counts one point per identifier, and holds a ceiling across all callers whatever their subjects', async () => {
    const limiter = await ScreeningLimiter.create(
      { perMinute: 10, perDay: 100, allCallersPerMinute: 6, allCallersPerDay: 100 },
      { kind: 'memory' },
      logger,
    );
    await limiter.consume('mo', 4);
    await expect(limiter.consume('mo', 7)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    await limiter.consume('new-subject-1', 2);
    const refusal = await limiter.consume('new-subject-2').catch((error: unknown) => error);
    expect((refusal as Error).message).toMatch(/6 identifiers screened a minute by all callers/);
  });

  it('writes one warning line per refusal, naming the caller and the limit', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n'));
        done();
      },
    });
    const limiter = await ScreeningLimiter.create(
      { ...DEFAULT_SCREENING_LIMITS, perMinute: 1, perDay: 10 },
      { kind: 'memory' },
      pino({ level: 'info' }, sink),
    );
    await limiter.consume('kim');
    await expect(limiter.consume('kim')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    await expect(limiter.consume('kim')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    const refusals = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['msg'] === 'screening refused: rate limit');
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toMatchObject({ level: 40, subject: 'kim', limit: '1 identifiers screened a minute' });
  });

  it('defaults to what a screening desk needs, 30 a minute and 500 a day, and names a bad variable', () => {
    expect(readScreeningLimits({})).toEqual({ perMinute: 30, perDay: 500, allCallersPerMinute: 300, allCallersPerDay: 5000 });
    expect(() => readScreeningLimits({ SCREENING_RATE_PER_MINUTE: 'lots' })).toThrow(/SCREENING_RATE_PER_MINUTE/);
  });

  it('keeps counters in memory unless RATE_LIMIT_DATABASE_URL names a PostgreSQL database to share', () => {
    expect(readLimiterStore({})).toEqual({ kind: 'memory' });
    expect(readLimiterStore({ RATE_LIMIT_DATABASE_URL: 'postgres://u:p@db:5432/limits' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/limits',
    });
    expect(() => readLimiterStore({ RATE_LIMIT_DATABASE_URL: 'redis://x' })).toThrow(
      /RATE_LIMIT_DATABASE_URL must start with postgres/,
    );
  });
});
