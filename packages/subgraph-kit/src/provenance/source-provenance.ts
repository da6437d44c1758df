import { AsOf, EntitySubmission, Filter, Source, badUserInput, filterEntities, filterQuarters, sourceSlug } from '@psea/contract';
import type { SqlRunner } from '../database/sql-runner';
import type { ContractMapping } from '../sql/contract-mapping';
import type { SqlStatement } from '../sql/statistics-query';
import { asOfText } from './record-history';

/** What a source says about the data behind an answer: its version, and who has submitted. */
export interface SourceState {
  /** The current data version (the one statistics are cached under). */
  readonly current: string;
  /** The version the answer is computed at: the asked-for one, or the current one. */
  readonly answered: string;
  /** Null when the request did not ask for them (nothing was read). */
  readonly submissions: EntitySubmission[] | null;
  /** The fingerprint of the statistics rollups installed in the database (null: none). */
  readonly rollup: string | null;
}

/** The current data version and the oldest version the record history holds, as SQL expressions. */
const VERSION_COLUMNS =
  '(SELECT version::text FROM data_version) AS psea_data_version, ' +
  '(SELECT max(since_version)::text FROM record_history_start) AS psea_history_since';

/**
 * Refuses an `asOf` version outside what the history holds (newer than the current data, or
 * older than its start): the caller's bad input, named.
 */
export function checkAsOf(source: Source, asked: string | undefined, current: string, since: string | undefined): void {
  if (asked === undefined) return;
  if (BigInt(asked) > BigInt(current) || since === undefined || BigInt(asked) < BigInt(since)) {
    throw badUserInput(
      `asOf.${source}`,
      `a data version of ${sourceSlug(source)} from ${since ?? current} to ${current} (its record history)`,
      asked,
    );
  }
}

/**
 * The data version, the oldest version the record history can reproduce, and, when asked for,
 * the submission status of the filter's entities for each quarter of its period as of the
 * version answered (period_submission_change: the latest close or reopen at or before it): one
 * statement. A request that does not select submissions does not read them (`withSubmissions`).
 */
export async function readSourceState(
  sql: SqlRunner,
  source: Source,
  filter: Filter,
  asOf: AsOf | undefined,
  withSubmissions = true,
): Promise<SourceState> {
  const entities = withSubmissions ? filterEntities(filter, source) : [];
  const quarters = withSubmissions ? filterQuarters(filter) : [];
  const asked = asOf?.[source];
  const [row] = await sql.run('version', {
    text:
      `SELECT ${VERSION_COLUMNS}, ` +
      '(SELECT fingerprint FROM statistics_rollup_definition) AS rollup, ' +
      "(SELECT coalesce(json_agg(json_build_object('entity', e.entity, 'quarter', q.quarter, 'closed', coalesce(p.closed, false), " +
      "'changedAt', to_char(p.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 'dataVersion', p.data_version::text) " +
      "ORDER BY e.entity, q.quarter), '[]') FROM unnest($1::text[]) AS e (entity) CROSS JOIN unnest($2::text[]) AS q (quarter) " +
      'LEFT JOIN LATERAL (SELECT c.closed, c.changed_at, c.data_version FROM period_submission_change c ' +
      'WHERE c.entity = e.entity AND c.quarter = q.quarter AND c.data_version <= coalesce($3::bigint, (SELECT version FROM data_version)) ' +
      'ORDER BY c.data_version DESC LIMIT 1) p ON true) AS submissions',
    values: [entities, quarters, asked ?? null],
  });
  const current = String(row?.['psea_data_version']);
  checkAsOf(source, asked, current, row?.['psea_history_since'] == null ? undefined : String(row['psea_history_since']));
  return {
    current,
    answered: asked ?? current,
    submissions: withSubmissions ? (row?.['submissions'] as EntitySubmission[]) : null,
    rollup: row?.['rollup'] == null ? null : String(row['rollup']),
  };
}

/**
 * A statement that also reads the source's data version, in the same statement, so the version
 * an answer states is the one its rows were read at (one snapshot: PostgreSQL gives each
 * statement one). The answer's rows keep their order: the one-row version relation is joined to
 * the statement as a LATERAL subquery ON true, which only a nested loop can run (no merge or
 * hash clause), and a subquery with ORDER BY or LIMIT is never flattened into its parent. An
 * empty answer is one row with `psea_row` null, which `versionedRows` drops.
 */
export function versionedStatement<T extends SqlStatement>(statement: T): T {
  return {
    ...statement,
    text:
      `SELECT psea_v.psea_data_version, psea_v.psea_history_since, psea_a.* FROM (SELECT ${VERSION_COLUMNS}) psea_v ` +
      `LEFT JOIN LATERAL (SELECT true AS psea_row, psea_s.* FROM (${statement.text}) psea_s) psea_a ON true`,
  };
}

/** The answer's rows of a versionedStatement, its data version and its history's start. */
export function versionedRows(rows: ReadonlyArray<Record<string, unknown>>): {
  rows: Record<string, unknown>[];
  dataVersion: string;
  since: string | undefined;
} {
  const first = rows[0];
  return {
    rows: rows.filter((r) => r['psea_row'] === true),
    dataVersion: String(first?.['psea_data_version']),
    since: first?.['psea_history_since'] == null ? undefined : String(first['psea_history_since']),
  };
}

/** A statement (and its total statement) as of a version, when one was asked for this source. */
export function statementAsOf<T extends SqlStatement & { totalStatement?: SqlStatement }>(
  statement: T,
  mapping: ContractMapping,
  source: Source,
  asOf: AsOf | undefined,
): T {
  const version = asOf?.[source];
  if (version === undefined) return statement;
  return {
    ...statement,
    text: asOfText(statement.text, mapping, version),
    ...(statement.totalStatement
      ? { totalStatement: { ...statement.totalStatement, text: asOfText(statement.totalStatement.text, mapping, version) } }
      : {}),
  };
}
