import {
  AllegationCounts,
  Dimension,
  Source,
  StatisticsRow,
  StatisticsScope,
  completeKey,
  keyField,
  zeroCounts,
} from '@psea/contract';
import { ContractMapping, contractValue } from './contract-mapping';
import { filterConditions, publishedNationality, whereClause } from './filter-sql';
import { SqlParams } from './sql-params';

export interface SqlStatement {
  readonly text: string;
  readonly values: unknown[];
}

type Row = Record<string, unknown>;

function dimensionSql(mapping: ContractMapping, dimension: Dimension): string | undefined {
  switch (dimension) {
    case Dimension.SOURCE:
      return undefined; // constant within a source: filled in without SQL
    case Dimension.ENTITY:
      return mapping.entity;
    case Dimension.YEAR:
      return `extract(year from ${mapping.reported})::int`;
    case Dimension.QUARTER:
      return `to_char(${mapping.reported}, 'YYYY"Q"Q')`;
    case Dimension.MONTH:
      return `to_char(${mapping.reported}, 'YYYY-MM')`;
    case Dimension.ALLEGATION_TYPE:
      return mapping.allegationType.sql;
    case Dimension.PERSONNEL_CATEGORY:
      return mapping.personnelCategory.sql;
    case Dimension.NATIONALITY:
      return publishedNationality(mapping);
    case Dimension.INVESTIGATION_STATUS:
      return mapping.investigationStatus.sql;
    case Dimension.INVESTIGATING_ENTITY:
      return mapping.investigatingEntity.sql;
    case Dimension.PATERNITY:
      return mapping.paternity.sql;
    case Dimension.INTERIM_ACTION:
      return 'interim_x.action';
    case Dimension.FINAL_ACTION:
      return 'final_x.action';
  }
}

/** Lists unnested for list dimensions: one row per action, or one null row when there is none. */
function listJoins(mapping: ContractMapping, groupBy: readonly Dimension[]): string {
  const joins: string[] = [];
  if (groupBy.includes(Dimension.INTERIM_ACTION))
    joins.push(`LEFT JOIN LATERAL unnest(${mapping.interimActions}) AS interim_x (action) ON true`);
  if (groupBy.includes(Dimension.FINAL_ACTION))
    joins.push(`LEFT JOIN LATERAL unnest(${mapping.finalActions}) AS final_x (action) ON true`);
  return joins.join(' ');
}

const VICTIM_COLUMNS = ['women', 'girls', 'femaleUnknownAge', 'men', 'boys', 'maleUnknownAge', 'unknown'] as const;

/**
 * One statement for a whole statistics request: the grouped rows and the total together, with
 * GROUPING SETS, aggregated in PostgreSQL.
 */
export function statisticsStatement(
  mapping: ContractMapping,
  scope: StatisticsScope,
  /** Rows past this many are not fetched (the caller refuses the table): LIMIT maxRows + 2 bounds the transfer. */
  maxRows?: number,
): SqlStatement & {
  readonly dimensions: ReadonlyArray<{ dimension: Dimension; column: string }>;
  /** For list dimensions, the total is counted apart (unnesting would count an allegation twice). */
  readonly totalStatement?: SqlStatement;
} {
  const params = new SqlParams();
  const dimensions: Array<{ dimension: Dimension; column: string; sql: string }> = [];
  scope.groupBy.forEach((dimension, i) => {
    const sql = dimensionSql(mapping, dimension);
    if (sql !== undefined) dimensions.push({ dimension, column: `d${i}`, sql });
  });
  const v = mapping.victims;
  const measures = [
    'count(*)::int AS allegations',
    ...VICTIM_COLUMNS.map((k) => `coalesce(sum(${v[k]}), 0)::int AS "v_${k}"`),
    `count(*) FILTER (WHERE (${v.girls} + ${v.boys}) > 0)::int AS minors_allegations`,
    `coalesce(sum(${mapping.perpetrators}), 0)::int AS perpetrators`,
    `count(*) FILTER (WHERE ${mapping.perpetrators} IS NULL)::int AS unknown_perpetrators`,
    `count(*) FILTER (WHERE ${mapping.synthetic})::int AS synthetic`,
  ];
  const where = whereClause(filterConditions(mapping, scope.filter, params));
  const select = [
    ...dimensions.map((d) => `${d.sql} AS ${d.column}`),
    ...(dimensions.length ? [`GROUPING(${dimensions.map((d) => d.sql).join(', ')}) AS is_total`] : []),
    ...measures,
  ];
  const limit = maxRows !== undefined && dimensions.length ? ` LIMIT ${Math.floor(maxRows) + 2}` : '';
  const lists = listJoins(mapping, scope.groupBy);
  if (lists) {
    const grouped = dimensions.map((d) => d.sql).join(', ');
    return {
      text: `SELECT ${[...dimensions.map((d) => `${d.sql} AS ${d.column}`), '0 AS is_total', ...measures].join(', ')} FROM ${mapping.from} ${lists} ${where} GROUP BY ${grouped}${limit}`,
      values: params.values,
      dimensions,
      totalStatement: {
        text: `SELECT 1 AS is_total, ${measures.join(', ')} FROM ${mapping.from} ${where}`,
        values: params.values,
      },
    };
  }
  const groupBy = dimensions.length ? `GROUP BY GROUPING SETS ((${dimensions.map((d) => d.sql).join(', ')}), ())` : '';
  return {
    text: `SELECT ${select.join(', ')} FROM ${mapping.from} ${where} ${groupBy}${limit}`,
    values: params.values,
    dimensions,
  };
}

function countsOf(row: Row): AllegationCounts {
  const counts = zeroCounts();
  for (const k of VICTIM_COLUMNS) counts.victims[k] = Number(row[`v_${k}`]);
  counts.victims.total = VICTIM_COLUMNS.reduce((s, k) => s + counts.victims[k], 0);
  counts.victims.minors = counts.victims.girls + counts.victims.boys;
  counts.allegations = Number(row['allegations']);
  counts.allegationsInvolvingMinors = Number(row['minors_allegations']);
  counts.perpetrators = Number(row['perpetrators']);
  counts.allegationsWithUnknownPerpetrators = Number(row['unknown_perpetrators']);
  counts.syntheticAllegations = Number(row['synthetic']);
  return counts;
}

/** Turns the statement's result into the contract's total and rows, native values mapped. */
export function statisticsResult(
  mapping: ContractMapping,
  source: Source,
  scope: StatisticsScope,
  dimensions: ReadonlyArray<{ dimension: Dimension; column: string }>,
  result: readonly Row[],
): { total: AllegationCounts; rows: StatisticsRow[] } {
  const totalRow = dimensions.length ? result.find((r) => Number(r['is_total']) !== 0) : result[0];
  const total = totalRow ? countsOf(totalRow) : zeroCounts();
  if (!dimensions.length) {
    const rows =
      scope.groupBy.length && total.allegations > 0 ? [{ key: completeKey(scope.groupBy, { source }), counts: total }] : [];
    return { total, rows };
  }
  const rows = result
    .filter((r) => Number(r['is_total']) === 0)
    .map((r) => {
      const values: Record<string, unknown> = { source };
      for (const { dimension, column } of dimensions) values[keyField(dimension)] = keyValue(mapping, dimension, r[column]);
      return { key: completeKey(scope.groupBy, values), counts: countsOf(r) };
    });
  return { total, rows };
}

function keyValue(mapping: ContractMapping, dimension: Dimension, native: unknown): unknown {
  if (native === null || native === undefined) return null;
  switch (dimension) {
    case Dimension.ALLEGATION_TYPE:
      return contractValue(mapping.allegationType, native, 'allegationType');
    case Dimension.PERSONNEL_CATEGORY:
      return contractValue(mapping.personnelCategory, native, 'personnelCategory');
    case Dimension.INVESTIGATION_STATUS:
      return contractValue(mapping.investigationStatus, native, 'investigationStatus');
    case Dimension.INVESTIGATING_ENTITY:
      return contractValue(mapping.investigatingEntity, native, 'investigatingEntity');
    case Dimension.PATERNITY:
      return contractValue(mapping.paternity, native, 'paternity');
    case Dimension.YEAR:
      return Number(native);
    default:
      return String(native);
  }
}
