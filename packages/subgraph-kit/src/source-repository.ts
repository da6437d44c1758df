import {
  Allegation,
  ContributionStatus,
  LookupScope,
  PageScope,
  Source,
  SourceLookup,
  SourcePage,
  SourceStatistics,
  StatisticsScope,
  cursorKeyOf,
  encodeCursor,
  filterFingerprint,
  filterIncludesSource,
  parseAllegationId,
} from '@psea/contract';
import type { SqlRunner } from './database/sql-runner';
import type { ContractMapping } from './sql/contract-mapping';
import { lookupStatement, pageStatement, toAllegation } from './sql/page-query';
import { statisticsResult, statisticsStatement } from './sql/statistics-query';

/** A source's answers to the three kinds of system-wide request, each one SQL statement. */
export class SourceRepository {
  constructor(
    readonly source: Source,
    private readonly mapping: ContractMapping,
    private readonly sql: SqlRunner,
  ) {}

  async statistics(scope: StatisticsScope): Promise<SourceStatistics> {
    if (!filterIncludesSource(scope.filter, this.source)) return { source: this.source, status: ContributionStatus.EXCLUDED };
    const statement = statisticsStatement(this.mapping, scope);
    const result = await this.sql.run('statistics', statement);
    const { total, rows } = statisticsResult(this.mapping, this.source, scope, statement.dimensions, result);
    return { source: this.source, status: ContributionStatus.OK, total, rows };
  }

  async page(scope: PageScope): Promise<SourcePage> {
    if (!filterIncludesSource(scope.filter, this.source)) return { source: this.source, status: ContributionStatus.EXCLUDED };
    if (scope.first === 0)
      return { source: this.source, status: ContributionStatus.OK, items: [], hasNextPage: false, endCursor: null };
    const rows = await this.sql.run('page', pageStatement(this.mapping, this.source, scope));
    const items = rows.slice(0, scope.first).map((row) => toAllegation(this.mapping, this.source, row));
    const last = items[items.length - 1];
    return {
      source: this.source,
      status: ContributionStatus.OK,
      items,
      hasNextPage: rows.length > scope.first,
      endCursor: last ? encodeCursor(cursorKeyOf(last), filterFingerprint(scope.filter)) : null,
    };
  }

  /** Finds any number of records by native id in one statement; missing ids are absent. */
  async findByNativeIds(nativeIds: readonly string[]): Promise<Map<string, Allegation>> {
    if (!nativeIds.length) return new Map();
    const rows = await this.sql.run('lookup', lookupStatement(this.mapping, nativeIds));
    return new Map(rows.map((row) => [String(row['id']), toAllegation(this.mapping, this.source, row)]));
  }

  /** The ids of a lookup that belong to this source, as native ids. */
  ownNativeIds(scope: LookupScope): string[] {
    return scope.ids
      .map((id) => parseAllegationId(id, 'ids'))
      .filter((p) => p.source === this.source)
      .map((p) => p.nativeId);
  }

  lookupResult(scope: LookupScope, found: Map<string, Allegation>): SourceLookup {
    const items = this.ownNativeIds(scope)
      .map((id) => found.get(id))
      .filter((a): a is Allegation => a !== undefined);
    return { source: this.source, status: ContributionStatus.OK, items };
  }
}
