import { consolidateStatistics } from '../consolidation/consolidate-statistics';
import { addCounts, zeroCounts } from '../consolidation/counts';
import { mergePages } from '../consolidation/merge-pages';
import { ContributionStatus, Dimension, Source } from '../enums';
import { decodeCursor, filterFingerprint } from '../cursor';
import type { PageScope } from '../scope';
import type { Allegation } from '../types/allegation.type';
import type { AllegationCounts } from '../types/allegation-counts.type';
import type { SourcePage, SourceStatistics } from '../types/contributions.type';

function counts(allegations: number, women = 0): AllegationCounts {
  const c = zeroCounts();
  c.allegations = allegations;
  c.victims.women = women;
  c.victims.total = women;
  return c;
}

function statistics(source: Source, rows: Array<[string | null, number]>, status = ContributionStatus.OK): SourceStatistics {
  return {
    source,
    status,
    total: rows.reduce((t, [, n]) => addCounts(t, counts(n, n)), zeroCounts()),
    rows: rows.map(([type, n]) => ({ key: { allegationType: type as never }, counts: counts(n, n) })),
  };
}

describe('consolidateStatistics', () => {
  it('sums rows with equal keys across sources and sorts them', () => {
    const result = consolidateStatistics(
      [Dimension.ALLEGATION_TYPE],
      [
        statistics(Source.PEACEKEEPING, [
          ['SA', 3],
          ['SE', 2],
        ]),
        statistics(Source.AGENCIES, [['SE', 5]]),
      ],
    );
    expect(result.rows.map((r) => [r.key.allegationType, r.counts?.allegations, r.counts?.victims.women])).toEqual([
      ['SA', 3, 3],
      ['SE', 7, 7],
    ]);
    expect(result.total.allegations).toBe(10);
    expect(result.complete).toBe(true);
    expect(result.rows[0]?.key.source).toBeNull();
  });

  it('says which source is missing instead of silently returning a short total', () => {
    const result = consolidateStatistics(
      [],
      [
        statistics(Source.PEACEKEEPING, [[null, 4]]),
        { source: Source.AGENCIES, status: ContributionStatus.UNAVAILABLE, total: null, rows: null },
        { source: Source.NON_UN_FORCES, status: ContributionStatus.EXCLUDED },
      ],
    );
    expect(result.complete).toBe(false);
    expect(result.missingSources).toEqual([Source.AGENCIES]);
    expect(result.includedSources).toEqual([Source.PEACEKEEPING]);
    expect(result.total.allegations).toBe(4);
  });
});

function item(source: Source, id: number, month: string): Allegation {
  const slug = source.toLowerCase().replace(/_/g, '-');
  return { id: `${slug}:${id}`, source, reportedMonth: month } as Allegation;
}

function page(source: Source, items: Allegation[], hasNextPage: boolean): SourcePage {
  return { source, status: ContributionStatus.OK, items, hasNextPage, endCursor: null };
}

describe('mergePages', () => {
  const scope: PageScope = { kind: 'page', filter: {}, first: 3 };

  it('keeps the first records of the system-wide order and points the cursor at the last kept', () => {
    const merged = mergePages(scope, [
      page(Source.PEACEKEEPING, [item(Source.PEACEKEEPING, 5, '2016-01'), item(Source.PEACEKEEPING, 9, '2016-03')], false),
      page(Source.AGENCIES, [item(Source.AGENCIES, 1, '2016-01'), item(Source.AGENCIES, 2, '2016-02')], false),
    ]);
    expect(merged.items.map((i) => i.id)).toEqual(['peacekeeping:5', 'agencies:1', 'agencies:2']);
    expect(merged.hasNextPage).toBe(true);
    expect(decodeCursor(merged.endCursor as string, filterFingerprint({}))).toEqual({
      month: '2016-02',
      source: Source.AGENCIES,
      id: '2',
    });
  });

  it('has no next page when every source is exhausted and everything fits', () => {
    const merged = mergePages(scope, [page(Source.PEACEKEEPING, [item(Source.PEACEKEEPING, 1, '2016-01')], false)]);
    expect(merged.hasNextPage).toBe(false);
    expect(mergePages({ ...scope, first: 0 }, []).endCursor).toBeNull();
  });

  it('has a next page when a source says it has more, even if all its items were kept', () => {
    const merged = mergePages(scope, [page(Source.NON_UN_FORCES, [item(Source.NON_UN_FORCES, 1, '2016-01')], true)]);
    expect(merged.hasNextPage).toBe(true);
  });
});
