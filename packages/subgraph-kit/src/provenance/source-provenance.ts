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
  readonly submissions: EntitySubmission[];
  /** The fingerprint of the statistics rollups installed in the database (null: none). */
  readonly rollup: string | null;
}

/**
 * The data version, the oldest version the record history can reproduce, and the submission
 * status of the filter's entities for each quarter of its period: one statement, the one each
 * statistics request already ran for the version. An `asOf` version outside what the history
 * holds is the caller's bad input, named.
 */
export async function readSourceState(
  sql: SqlRunner,
  source: Source,
  filter: Filter,
  asOf: AsOf | undefined,
): Promise<SourceState> {
  const entities = filterEntities(filter, source);
  const quarters = filterQuarters(filter);
  const [row] = await sql.run('version', {
    text:
      'SELECT (SELECT version::text FROM data_version) AS version, ' +
      '(SELECT max(since_version)::text FROM record_history_start) AS since, ' +
      '(SELECT fingerprint FROM statistics_rollup_definition) AS rollup, ' +
      "(SELECT coalesce(json_agg(json_build_object('entity', e.entity, 'quarter', q.quarter, 'closed', coalesce(p.closed, false), " +
      "'changedAt', to_char(p.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 'dataVersion', p.data_version::text) " +
      "ORDER BY e.entity, q.quarter), '[]') FROM unnest($1::text[]) AS e (entity) CROSS JOIN unnest($2::text[]) AS q (quarter) " +
      'LEFT JOIN period_submission p ON p.entity = e.entity AND p.quarter = q.quarter) AS submissions',
    values: [entities, quarters],
  });
  const current = String(row?.['version']);
  const asked = asOf?.[source];
  if (asked !== undefined) {
    const since = row?.['since'] == null ? undefined : String(row['since']);
    if (BigInt(asked) > BigInt(current) || since === undefined || BigInt(asked) < BigInt(since)) {
      throw badUserInput(
        `asOf.${source}`,
        `a data version of ${sourceSlug(source)} from ${since ?? current} to ${current} (its record history)`,
        asked,
      );
    }
  }
  return {
    current,
    answered: asked ?? current,
    submissions: row?.['submissions'] as EntitySubmission[],
    rollup: row?.['rollup'] == null ? null : String(row['rollup']),
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
