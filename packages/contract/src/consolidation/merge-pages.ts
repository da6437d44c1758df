import { ContributionStatus } from '../enums';
import { compareCursorKeys, cursorKeyOf, encodeCursor, filterFingerprint } from '../cursor';
import type { PageScope } from '../scope';
import type { Allegation } from '../types/allegation.type';
import type { SourcePage } from '../types/contributions.type';
import { Coverage, coverage } from './coverage';

export interface MergedPage extends Coverage {
  readonly items: Allegation[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/**
 * Merges the sources' pages into the first `scope.first` records of the system-wide order.
 * Each source returned at most `first` records after the same position, so the merge is exact;
 * the end cursor is the position of the last record kept.
 */
export function mergePages(scope: PageScope, contributions: readonly SourcePage[]): MergedPage {
  const candidates = contributions
    .filter((c) => c.status === ContributionStatus.OK)
    .flatMap((c) => (c.items ?? []).map((item) => ({ item, key: cursorKeyOf(item) })))
    .sort((a, b) => compareCursorKeys(a.key, b.key));
  const kept = candidates.slice(0, scope.first);
  const last = kept[kept.length - 1];
  const hasNextPage = candidates.length > kept.length || contributions.some((c) => c.hasNextPage === true);
  return {
    ...coverage(contributions),
    items: kept.map((k) => k.item),
    hasNextPage,
    endCursor: last ? encodeCursor(last.key, filterFingerprint(scope.filter)) : null,
  };
}
