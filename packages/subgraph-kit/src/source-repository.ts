import {
  Allegation,
  AuditScope,
  Caller,
  ContributionStatus,
  LookupScope,
  PageScope,
  Role,
  ScreeningScope,
  Source,
  SourceAudit,
  SourceLookup,
  SourcePage,
  SourceScreening,
  SourceStatistics,
  StatisticsScope,
  cursorKeyOf,
  encodeCursor,
  encodeScope,
  filterFingerprint,
  filterIncludesSource,
  forbidden,
  parseAllegationId,
  requirePermission,
  sourceSlug,
} from '@psea/contract';
import type { AuditLog } from './audit/audit-log';
import type { SqlRunner } from './database/sql-runner';
import { StatisticsCache } from './statistics-cache';
import type { ContractMapping } from './sql/contract-mapping';
import { lookupStatement, pageStatement, toAllegation } from './sql/page-query';
import { screeningResult, screeningStatement } from './sql/screening-query';
import { statisticsResult, statisticsStatement } from './sql/statistics-query';

/**
 * A source's answers to every kind of system-wide request, each one SQL statement, with the
 * caller's role checked here as well as on the field (`_entities` bypasses root resolvers), and
 * every case-level read and screening written to the source's own audit log.
 */
export class SourceRepository {
  private readonly slug: string;

  constructor(
    readonly source: Source,
    private readonly mapping: ContractMapping,
    private readonly sql: SqlRunner,
    private readonly audit: AuditLog,
    private readonly cache: StatisticsCache = new StatisticsCache(0),
    private readonly onCache: (result: 'hit' | 'miss') => void = () => undefined,
  ) {
    this.slug = sourceSlug(source);
  }

  private excluded<T>(extra: T): T & { source: Source; status: ContributionStatus } {
    return { source: this.source, status: ContributionStatus.EXCLUDED, ...extra };
  }

  /** A focal point answers for one source only: other sources leave it out. */
  private outsideFocalPoint(caller: Caller): boolean {
    return caller.role === Role.FOCAL_POINT && caller.source !== this.slug;
  }

  async statistics(scope: StatisticsScope, caller: Caller | undefined): Promise<SourceStatistics> {
    requirePermission(caller, 'statistics');
    if (!filterIncludesSource(scope.filter, this.source)) return this.excluded({});
    const key = encodeScope(scope);
    const [current] = await this.sql.run('version', { text: 'SELECT version::text AS version FROM data_version', values: [] });
    const version = String(current?.['version']);
    const cached = this.cache.get(version, key);
    this.onCache(cached ? 'hit' : 'miss');
    if (cached) return cached;
    const statement = statisticsStatement(this.mapping, scope);
    const result = await this.sql.run('statistics', statement);
    if (statement.totalStatement) result.push(...(await this.sql.run('statistics', statement.totalStatement)));
    const { total, rows } = statisticsResult(this.mapping, this.source, scope, statement.dimensions, result);
    const answer = { source: this.source, status: ContributionStatus.OK, total, rows };
    this.cache.set(version, key, answer);
    return answer;
  }

  async page(scope: PageScope, caller: Caller | undefined): Promise<SourcePage> {
    const who = requirePermission(caller, 'cases');
    if (this.outsideFocalPoint(who) || !filterIncludesSource(scope.filter, this.source)) return this.excluded({});
    if (who.role === Role.FOCAL_POINT && !scope.filter.entities?.every((e) => who.entities?.includes(e))) {
      throw forbidden('cases', 'outside the entities you answer for');
    }
    if (scope.first === 0)
      return { source: this.source, status: ContributionStatus.OK, items: [], hasNextPage: false, endCursor: null };
    const rows = await this.sql.run('page', pageStatement(this.mapping, this.source, scope));
    const items = rows.slice(0, scope.first).map((row) => toAllegation(this.mapping, this.source, row));
    await this.audit.record(
      who,
      'page',
      scope,
      items.map((i) => i.id),
    );
    const last = items[items.length - 1];
    return {
      source: this.source,
      status: ContributionStatus.OK,
      items,
      hasNextPage: rows.length > scope.first,
      endCursor: last ? encodeCursor(cursorKeyOf(last), filterFingerprint(scope.filter)) : null,
    };
  }

  /** Any number of lookups in one statement; each scope gets its own answer and audit record. */
  async lookups(scopes: ReadonlyArray<LookupScope | Error>, caller: Caller | undefined): Promise<Array<SourceLookup | Error>> {
    let who: Caller;
    try {
      who = requirePermission(caller, 'cases');
    } catch (error) {
      return scopes.map(() => error as Error);
    }
    if (this.outsideFocalPoint(who)) return scopes.map((s) => (s instanceof Error ? s : this.excluded({ items: [] })));
    const own = (scope: LookupScope) =>
      scope.ids
        .map((id) => parseAllegationId(id, 'ids'))
        .filter((p) => p.source === this.source)
        .map((p) => p.nativeId);
    const ids = [...new Set(scopes.flatMap((s) => (s instanceof Error ? [] : own(s))))];
    const found = new Map<string, Allegation>();
    if (ids.length) {
      for (const row of await this.sql.run('lookup', lookupStatement(this.mapping, ids))) {
        const item = toAllegation(this.mapping, this.source, row);
        if (who.role !== Role.FOCAL_POINT || who.entities?.includes(item.entity)) found.set(String(row['id']), item);
      }
    }
    return Promise.all(
      scopes.map(async (scope) => {
        if (scope instanceof Error) return scope;
        const mine = own(scope);
        const items = mine.map((id) => found.get(id)).filter((a): a is Allegation => a !== undefined);
        if (mine.length)
          await this.audit.record(
            who,
            'lookup',
            scope,
            items.map((i) => i.id),
          );
        return { source: this.source, status: ContributionStatus.OK, items };
      }),
    );
  }

  async screen(scope: ScreeningScope, caller: Caller | undefined): Promise<SourceScreening> {
    const who = requirePermission(caller, 'screening');
    const rows = await this.sql.run('screening', screeningStatement(this.mapping, scope));
    const matches = screeningResult(this.mapping, this.source, rows);
    await this.audit.record(
      who,
      'screening',
      scope,
      rows.map((r) => `${this.slug}:${String(r['id'])}`),
    );
    return { source: this.source, status: ContributionStatus.OK, matches };
  }

  async auditSummary(scope: AuditScope, caller: Caller | undefined): Promise<SourceAudit> {
    const who = requirePermission(caller, 'audit');
    if (this.outsideFocalPoint(who)) return this.excluded({});
    return { source: this.source, status: ContributionStatus.OK, rows: await this.audit.summary(scope) };
  }
}
