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
  cursorAfter,
  decideStatisticsDisclosure,
  DisclosingSource,
  encodeScope,
  filterIncludesSource,
  forbidden,
  may,
  parseAllegationId,
  requirePermission,
  SourceDisclosure,
  sourceDisclosure,
  sourcePseudonym,
  sourceSlug,
  tooManyRows,
} from '@psea/contract';
import type { ScreeningLimiter } from './screening-limiter';
import type { AuditLog } from './audit/audit-log';
import type { SqlRunner } from './database/sql-runner';
import { StatisticsCache } from './statistics-cache';
import { checkAsOf, readSourceState, statementAsOf, versionedRows, versionedStatement } from './provenance/source-provenance';
import type { ContractMapping } from './sql/contract-mapping';
import { lookupStatement, pageStatement, toAllegation } from './sql/page-query';
import { screeningResult, screeningStatement } from './sql/screening-query';
import { statisticsResult, statisticsStatement } from './sql/statistics-query';
import { rollupFingerprint } from './rollup/rollup-ddl';
import { rollupStatement } from './rollup/rollup-statement';

/** What a source needs to screen: its own pseudonym key and the per-caller limits. */
export interface ScreeningSetup {
  /** Re-keys the deployment's pseudonyms into the ones this source stores (never the deployment key). */
  readonly pseudonymKey: Buffer;
  readonly limiter: ScreeningLimiter;
}

export interface SourceRepositoryOptions {
  readonly screening: ScreeningSetup;
  /** What the source publishes beyond the hub's rules; its registration's by default. */
  readonly disclosure?: SourceDisclosure;
  readonly cache?: StatisticsCache;
  readonly onCache?: (result: 'hit' | 'miss') => void;
  /** Most rows one statistics contribution may have (default 10,000); more is BAD_USER_INPUT. */
  readonly maxStatisticsRows?: number;
}

/**
 * A source's answers to every kind of system-wide request, each one SQL statement, with the
 * caller's role and the disclosure policy checked here as well as at the gateway (`_entities`
 * bypasses root resolvers, and the source owns its data), and every case-level read, screening
 * and statistics read finer than publication granularity written to the source's own audit log.
 */
export class SourceRepository {
  private readonly slug: string;
  private readonly disclosing: DisclosingSource;

  private readonly screening: ScreeningSetup;
  private readonly cache: StatisticsCache;
  private readonly onCache: (result: 'hit' | 'miss') => void;
  private readonly maxStatisticsRows: number;
  private readonly rollupFingerprint: string;

  constructor(
    readonly source: Source,
    private readonly mapping: ContractMapping,
    private readonly sql: SqlRunner,
    private readonly audit: AuditLog,
    options: SourceRepositoryOptions,
  ) {
    this.slug = sourceSlug(source);
    this.disclosing = { source, name: this.slug, disclosure: options.disclosure ?? sourceDisclosure(source) };
    this.screening = options.screening;
    this.cache = options.cache ?? new StatisticsCache(0);
    this.onCache = options.onCache ?? (() => undefined);
    this.maxStatisticsRows = options.maxStatisticsRows ?? 10_000;
    this.rollupFingerprint = rollupFingerprint(mapping);
  }

  private excluded<T>(extra: T): T & { source: Source; status: ContributionStatus } {
    return { source: this.source, status: ContributionStatus.EXCLUDED, ...extra };
  }

  /** A focal point answers for one source only: other sources leave it out. */
  private outsideFocalPoint(caller: Caller): boolean {
    return caller.role === Role.FOCAL_POINT && caller.source !== this.slug;
  }

  async statistics(scope: StatisticsScope, caller: Caller | undefined): Promise<SourceStatistics> {
    const who = requirePermission(caller, 'statistics');
    if (!filterIncludesSource(scope.filter, this.source)) return this.excluded({});
    const decision = decideStatisticsDisclosure(scope, who, this.disclosing);
    const answer = await this.aggregate(scope);
    // Rows returned, the total counted as one: a finer total alone is a read too.
    if (decision.level === 'finer') await this.audit.record(who, 'statistics', scope, [], (answer.rows?.length ?? 0) + 1);
    return answer;
  }

  /**
   * The statistics of a scope, from the cache of the current data version or from one statement
   * that reads the data version with the figures. The state statement (the version, and the
   * submissions when the request selects them) runs first, to find the cache entry.
   */
  private async aggregate(asked: StatisticsScope, attempt = 1): Promise<SourceStatistics> {
    // The same table whatever the order of groupBy, and whatever provenance the request selects:
    // one computation and one cache entry for all (the system view orders the rows as asked).
    const { withoutSubmissions, ...figures } = asked;
    const scope = { ...figures, groupBy: [...asked.groupBy].sort() };
    const asOf = scope.asOf?.[this.source];
    // Open cases are aged to today: a cached answer is good for the day it was computed on.
    const key = `${encodeScope(scope)}|${new Date().toISOString().slice(0, 10)}`;
    const state = await readSourceState(this.sql, this.source, scope.filter, scope.asOf, withoutSubmissions !== true);
    const provenance = { dataVersion: state.answered, submissions: state.submissions };
    const cached = this.cache.get(state.current, key);
    this.onCache(cached ? 'hit' : 'miss');
    if (cached) return { ...cached, ...provenance, answeredAt: new Date().toISOString() };
    // The rollups hold the current data, once the owner has installed them for this mapping: an
    // answer as of an earlier data version reads the record history, and a source that cannot
    // install them reads its records.
    const fromRollup = asOf === undefined && state.rollup === this.rollupFingerprint;
    const statement =
      (fromRollup ? rollupStatement(this.mapping, scope, this.maxStatisticsRows) : undefined) ??
      statementAsOf(statisticsStatement(this.mapping, scope, this.maxStatisticsRows), this.mapping, this.source, scope.asOf);
    const read = versionedRows(await this.sql.run('statistics', versionedStatement(statement)));
    // A write (or a period closed) between the state statement and this one: the figures are of
    // a newer version than the submissions and the cache key. Rare: ask again, a few times.
    if (asOf === undefined && read.dataVersion !== state.current && attempt < 3) return this.aggregate(asked, attempt + 1);
    const result = read.rows;
    if (result.filter((r) => Number(r['is_total'] ?? 0) === 0).length > this.maxStatisticsRows) {
      throw tooManyRows(this.slug, this.maxStatisticsRows);
    }
    if (statement.totalStatement) result.push(...(await this.sql.run('statistics', statement.totalStatement)));
    const { total, rows } = statisticsResult(this.mapping, this.source, scope, statement.dimensions, result);
    const answer = { source: this.source, status: ContributionStatus.OK, total, rows };
    // Cached under the version the figures were read at (an as-of answer's key names its version).
    this.cache.set(asOf === undefined ? read.dataVersion : state.current, key, answer);
    return {
      ...answer,
      ...provenance,
      dataVersion: asOf ?? read.dataVersion,
      answeredAt: new Date().toISOString(),
    };
  }

  async page(scope: PageScope, caller: Caller | undefined): Promise<SourcePage> {
    const who = requirePermission(caller, 'cases');
    if (this.outsideFocalPoint(who) || !filterIncludesSource(scope.filter, this.source)) return this.excluded({});
    if (who.role === Role.FOCAL_POINT && !scope.filter.entities?.every((e) => who.entities?.includes(e))) {
      throw forbidden('cases', 'outside the entities you answer for');
    }
    if (scope.first === 0)
      return { source: this.source, status: ContributionStatus.OK, items: [], hasNextPage: false, endCursor: null };
    // The version is read with the page; a version the history does not hold is refused before
    // anything is audited or returned.
    const read = versionedRows(
      await this.sql.run(
        'page',
        versionedStatement(statementAsOf(pageStatement(this.mapping, this.source, scope), this.mapping, this.source, scope.asOf)),
      ),
    );
    checkAsOf(this.source, scope.asOf?.[this.source], read.dataVersion, read.since);
    const rows = read.rows;
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
      endCursor: last ? cursorAfter(last, scope.filter) : null,
      dataVersion: scope.asOf?.[this.source] ?? read.dataVersion,
      answeredAt: new Date().toISOString(),
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
    let dataVersion: string | null = null;
    if (ids.length) {
      const read = versionedRows(await this.sql.run('lookup', versionedStatement(lookupStatement(this.mapping, ids))));
      dataVersion = read.dataVersion;
      for (const row of read.rows) {
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
        // A lookup that asked this source nothing read nothing: no version to state.
        return {
          source: this.source,
          status: ContributionStatus.OK,
          items,
          dataVersion: mine.length ? dataVersion : null,
          answeredAt: new Date().toISOString(),
        };
      }),
    );
  }

  /**
   * One subject, within the caller's limits: whom to contact for every caller, the details of each
   * match for coordinators. The audit row says a screening happened and what matched, and keeps
   * no pseudonym: a person who did not match leaves no trace here.
   */
  async screen(scope: ScreeningScope, caller: Caller | undefined): Promise<SourceScreening> {
    const who = requirePermission(caller, 'screening');
    await this.screening.limiter.consume(who.subject, scope.pseudonyms.length);
    const stored = scope.pseudonyms.map((p) => sourcePseudonym(this.screening.pseudonymKey, p));
    const read = versionedRows(await this.sql.run('screening', versionedStatement(screeningStatement(this.mapping, stored))));
    const rows = read.rows;
    const recordIds = rows.map((r) => `${this.slug}:${String(r['id'])}`);
    await this.audit.record(who, 'screening', { kind: 'screening', identifiers: scope.pseudonyms.length }, recordIds);
    return {
      source: this.source,
      status: ContributionStatus.OK,
      contactEntities: [...new Set(rows.map((r) => String(r['entity'])))].sort(),
      matches: may(who, 'screening-details') ? screeningResult(this.mapping, this.source, rows) : null,
      // Which data the answer (a match or none) was read from: nothing about the subject.
      dataVersion: read.dataVersion,
      answeredAt: new Date().toISOString(),
    };
  }

  async auditSummary(scope: AuditScope, caller: Caller | undefined): Promise<SourceAudit> {
    const who = requirePermission(caller, 'audit');
    if (this.outsideFocalPoint(who)) return this.excluded({});
    return { source: this.source, status: ContributionStatus.OK, rows: await this.audit.summary(scope) };
  }
}
