import { createLogger } from '../logger';
import { ScreeningLimiter, readScreeningLimits } from '../screening-limiter';

describe('ScreeningLimiter (in-process store)', () => {
  const logger = createLogger('test', 'silent');

  it('refuses past the daily quota with RATE_LIMITED naming the quota and the wait', async () => {
    const limiter = await ScreeningLimiter.create({ perMinute: 100, perDay: 3 }, { kind: 'memory' }, logger);
    for (let i = 0; i < 3; i++) await limiter.consume('ivy');
    const refusal = await limiter.consume('ivy').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect((refusal as Error).message).toMatch(/3 screenings a day/);
    expect((refusal as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds).toBeGreaterThan(3600);
    await limiter.consume('jo');
  });

  it('defaults to what a screening desk needs, 30 a minute and 500 a day, and names a bad variable', () => {
    expect(readScreeningLimits({})).toEqual({ perMinute: 30, perDay: 500 });
    expect(() => readScreeningLimits({ SCREENING_RATE_PER_MINUTE: 'lots' })).toThrow(/SCREENING_RATE_PER_MINUTE/);
  });
});
