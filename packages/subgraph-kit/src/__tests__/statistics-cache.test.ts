import { ContributionStatus, Source, SourceStatistics, zeroCounts } from '@psea/contract';
import { StatisticsCache } from '../statistics-cache';

function answer(rows: number): SourceStatistics {
  return {
    source: Source.AGENCIES,
    status: ContributionStatus.OK,
    total: zeroCounts(),
    rows: Array.from({ length: rows }, (_, i) => ({
      key: { source: Source.AGENCIES, entity: `E${i}` },
      counts: zeroCounts(),
      suppressed: false,
    })),
  } as SourceStatistics;
}

describe('the statistics cache', () => {
  it('holds at most its capacity in bytes, dropping the least recently used answers', () => {
    const size = Buffer.byteLength(JSON.stringify(answer(100)));
    const cache = new StatisticsCache(size * 3 + 200);
    for (const scope of ['a', 'b', 'c']) cache.set('1', scope, answer(100));
    expect(cache.get('1', 'a')).toBeDefined(); // a is now the most recent
    cache.set('1', 'd', answer(100));
    expect(cache.bytes).toBeLessThanOrEqual(size * 3 + 200);
    expect(cache.get('1', 'b')).toBeUndefined();
    expect(cache.get('1', 'a')).toBeDefined();
    expect(cache.get('1', 'd')).toBeDefined();
  });

  it('does not keep an answer larger than the whole cache, however few entries it holds', () => {
    const cache = new StatisticsCache(10_000);
    cache.set('1', 'wide', answer(1_000));
    expect(cache.get('1', 'wide')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
