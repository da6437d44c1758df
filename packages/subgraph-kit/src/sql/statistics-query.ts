import {
  AGE_BAND_DAYS,
  AllegationCounts,
  Dimension,
  HISTOGRAM_BINS,
  HISTOGRAM_BIN_DAYS,
  InvestigationStatus,
  PersonnelCategory,
  TIMELINESS_COUNTS,
  TIMELINESS_TARGETS,
  TimelinessCount,
  VICTIM_GROUPS,
  VictimGroup,
  TimelinessTargets,
  Source,
  StatisticsRow,
  StatisticsScope,
  completeKey,
  keyField,
  timelinessOf,
  victimCounts,
  zeroCounts,
} from '@psea/contract';
import { ContractMapping, contractValue, nativeValues } from './contract-mapping';
import { filterConditions, publishedNationality, textArrayLiteral, whereClause } from './filter-sql';
import { SqlParams } from './sql-params';

export interface SqlStatement {
  readonly text: string;
  readonly values: unknown[];
}

type Row = Record<string, unknown>;

/** A statistics statement and how to read its result. */
export type StatisticsStatement = SqlStatement & {
  readonly dimensions: ReadonlyArray<{ dimension: Dimension; column: string }>;
  /** For list dimensions, the total is counted apart (unnesting would count an allegation twice). */
  readonly totalStatement?: SqlStatement;
};

/** The headline line of the quarterly updates, from the category of personnel (native, as `categorySql`). */
export function headlineLineSql(mapping: ContractMapping, categorySql = mapping.personnelCategory.sql): string {
  const category = mapping.personnelCategory;
  const partners = nativeValues(category, [PersonnelCategory.IMPLEMENTING_PARTNER]);
  const forces = nativeValues(category, [
    PersonnelCategory.NON_UN_FORCE,
    PersonnelCategory.NON_UN_FORCE_POLICE,
    PersonnelCategory.NON_UN_FORCE_CIVILIAN,
  ]);
  return `CASE WHEN ${categorySql} = ANY(${textArrayLiteral(partners)}) THEN 'IMPLEMENTING_PARTNERS' WHEN ${categorySql} = ANY(${textArrayLiteral(forces)}) THEN 'NON_UN_FORCES' ELSE 'UN_PERSONNEL' END`;
}

/** The incident's year against the reporting year; the incident is 'YYYY' or 'YYYY-MM'. */
export function incidentYearSql(mapping: ContractMapping): string {
  return `CASE WHEN ${mapping.incident} IS NULL THEN 'UNKNOWN' WHEN left(${mapping.incident}, 4)::int >= extract(year from ${mapping.reported}) THEN 'REPORTING_YEAR' ELSE 'EARLIER_YEAR' END`;
}

function dimensionSql(mapping: ContractMapping, dimension: Dimension, groupBy: readonly Dimension[]): string | undefined {
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
      return 'investigator_x.entity';
    case Dimension.PATERNITY:
      return mapping.paternity.sql;
    case Dimension.INTERIM_ACTION:
      return 'interim_x.action';
    case Dimension.FINAL_ACTION:
      return 'final_x.action';
    case Dimension.ACTION_ACTOR:
      return groupBy.includes(Dimension.FINAL_ACTION) ? 'final_x.actor' : 'actor_x.actor';
    case Dimension.MEMBER_STATE_RESPONSE:
      return mapping.memberStateReferral.response.sql;
    case Dimension.INCIDENT_YEAR:
      return incidentYearSql(mapping);
    case Dimension.HEADLINE_LINE:
      return headlineLineSql(mapping);
  }
}

/** Lists unnested for list dimensions: one row per item (action, investigating entity), or one null row when there is none. */
function listJoins(mapping: ContractMapping, groupBy: readonly Dimension[]): string {
  const joins: string[] = [];
  // A joint investigation counts under each of its entities.
  if (groupBy.includes(Dimension.INVESTIGATING_ENTITY))
    joins.push(`LEFT JOIN LATERAL unnest(${mapping.investigatingEntities.sql}) AS investigator_x (entity) ON true`);
  if (groupBy.includes(Dimension.INTERIM_ACTION))
    joins.push(`LEFT JOIN LATERAL unnest(${mapping.interimActions}) AS interim_x (action) ON true`);
  const un = mapping.finalActions;
  const state = mapping.memberStateActions;
  // Final actions with their actor: the UN's and the Member State's lists, one row per action.
  if (groupBy.includes(Dimension.FINAL_ACTION))
    joins.push(
      `LEFT JOIN LATERAL (SELECT x, 'UN' FROM unnest(${un}) AS x UNION ALL SELECT x, 'MEMBER_STATE' FROM unnest(${state}) AS x) AS final_x (action, actor) ON true`,
    );
  // Alone, the actors: one row for each actor that took any final action.
  else if (groupBy.includes(Dimension.ACTION_ACTOR))
    joins.push(
      `LEFT JOIN LATERAL (SELECT 'UN' WHERE cardinality(${un}) > 0 UNION ALL SELECT 'MEMBER_STATE' WHERE cardinality(${state}) > 0) AS actor_x (actor) ON true`,
    );
  return joins.join(' ');
}

/**
 * Timeliness at the source: durations of completed investigations as a histogram of fixed bins
 * (percentiles do not add up across sources; histograms do), counts over the targets, and open
 * allegations aged from the month received to today (only months leave a source; the age is in days).
 */
function timelinessMeasures(mapping: ContractMapping, targets: TimelinessTargets): string[] {
  const days = mapping.investigationDays;
  const v = mapping.victims;
  // Urgent: involving a minor. The targets are whole numbers, checked when the scope was decoded.
  const target = `CASE WHEN (${v.girls} + ${v.boys}) > 0 THEN ${Math.floor(targets.urgentDays)} ELSE ${Math.floor(targets.days)} END`;
  const openStatuses = nativeValues(mapping.investigationStatus, [
    InvestigationStatus.PRELIMINARY_ASSESSMENT,
    InvestigationStatus.UNDER_REVIEW,
    InvestigationStatus.UNDER_INVESTIGATION,
  ]);
  const open = `${mapping.investigationStatus.sql} = ANY(${textArrayLiteral(openStatuses)})`;
  const age = `(CURRENT_DATE - ${mapping.reported})`;
  const bins = Array.from({ length: HISTOGRAM_BINS }, (_, i) => {
    const from = i * HISTOGRAM_BIN_DAYS;
    const upper = i === HISTOGRAM_BINS - 1 ? '' : ` AND ${days} < ${from + HISTOGRAM_BIN_DAYS}`;
    return `count(*) FILTER (WHERE ${days} >= ${from}${upper})::int`;
  });
  const [three, six, twelve] = AGE_BAND_DAYS;
  const counted: Record<TimelinessCount, string> = {
    completedInvestigations: `${days} IS NOT NULL`,
    completedOverTarget: `${days} > ${target}`,
    openCases: open,
    openUnder3Months: `${open} AND ${age} < ${three}`,
    open3To6Months: `${open} AND ${age} >= ${three} AND ${age} < ${six}`,
    open6To12Months: `${open} AND ${age} >= ${six} AND ${age} < ${twelve}`,
    openOver12Months: `${open} AND ${age} >= ${twelve}`,
    openOverTarget: `${open} AND ${age} > ${target}`,
  };
  return [
    ...TIMELINESS_COUNTS.map((f) => `count(*) FILTER (WHERE ${counted[f]})::int AS "t_${f}"`),
    `ARRAY[${bins.join(', ')}] AS t_histogram`,
  ];
}

/**
 * One statement for a whole statistics request: the grouped rows and the total together, with
 * GROUPING SETS, aggregated in PostgreSQL.
 */
export function statisticsStatement(
  mapping: ContractMapping,
  scope: StatisticsScope,
  /** Rows past this many are not fetched (the caller refuses the table): LIMIT maxRows + 2 bounds the transfer. */
  maxRows?: number,
): StatisticsStatement {
  const params = new SqlParams();
  const dimensions: Array<{ dimension: Dimension; column: string; sql: string }> = [];
  scope.groupBy.forEach((dimension, i) => {
    const sql = dimensionSql(mapping, dimension, scope.groupBy);
    if (sql !== undefined) dimensions.push({ dimension, column: `d${i}`, sql });
  });
  const v = mapping.victims;
  const measures = [
    'count(*)::int AS allegations',
    ...VICTIM_GROUPS.map((k) => `coalesce(sum(${v[k]}), 0)::int AS "v_${k}"`),
    `count(*) FILTER (WHERE (${v.girls} + ${v.boys}) > 0)::int AS minors_allegations`,
    `coalesce(sum(${mapping.perpetrators}), 0)::int AS perpetrators`,
    `count(*) FILTER (WHERE ${mapping.perpetrators} IS NULL)::int AS unknown_perpetrators`,
    `coalesce(sum(${mapping.perpetratorsMen}), 0)::int AS perpetrators_men`,
    `coalesce(sum(${mapping.perpetratorsWomen}), 0)::int AS perpetrators_women`,
    `coalesce(sum(${mapping.perpetrators} - ${mapping.perpetratorsMen} - ${mapping.perpetratorsWomen}), 0)::int AS perpetrators_unknown_sex`,
    `count(*) FILTER (WHERE ${mapping.memberStateReferral.referred})::int AS referred`,
    `count(*) FILTER (WHERE ${mapping.synthetic})::int AS synthetic`,
    ...timelinessMeasures(mapping, scope.targets ?? TIMELINESS_TARGETS),
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

/** The statement's column of each victim group and timeliness count, named once rather than per row. */
const VICTIM_COLUMNS = VICTIM_GROUPS.map((k) => [k, `v_${k}`] as const);
const TIMELINESS_COLUMNS = new Map(TIMELINESS_COUNTS.map((f) => [f, `t_${f}`]));

// Built field by field, with no intermediate objects: a wide table reads thousands of rows.
function countsOf(row: Row): AllegationCounts {
  const groups = {} as Record<VictimGroup, number>;
  for (const [k, column] of VICTIM_COLUMNS) groups[k] = Number(row[column]);
  return {
    allegations: Number(row['allegations']),
    victims: victimCounts(groups),
    allegationsInvolvingMinors: Number(row['minors_allegations']),
    perpetrators: Number(row['perpetrators']),
    perpetratorsMen: Number(row['perpetrators_men']),
    perpetratorsWomen: Number(row['perpetrators_women']),
    perpetratorsUnknownSex: Number(row['perpetrators_unknown_sex']),
    allegationsWithUnknownPerpetrators: Number(row['unknown_perpetrators']),
    allegationsReferredToMemberState: Number(row['referred']),
    syntheticAllegations: Number(row['synthetic']),
    timeliness: timelinessOf(
      (f) => Number(row[TIMELINESS_COLUMNS.get(f) as string]),
      (row['t_histogram'] as unknown[]).map(Number),
    ),
  };
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
      return contractValue(mapping.investigatingEntities, native, 'investigatingEntity');
    case Dimension.PATERNITY:
      return contractValue(mapping.paternity, native, 'paternity');
    case Dimension.MEMBER_STATE_RESPONSE:
      return contractValue(mapping.memberStateReferral.response, native, 'memberStateResponse');
    case Dimension.YEAR:
      return Number(native);
    default:
      return String(native);
  }
}
