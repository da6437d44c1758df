import {
  Dimension,
  Filter,
  HISTOGRAM_BINS,
  StatisticsScope,
  TIMELINESS_COUNTS,
  TIMELINESS_TARGETS,
  TimelinessCount,
  VICTIM_GROUPS,
  monthStart,
  nextMonth,
} from '@psea/contract';
import { ContractMapping, nativeValues } from '../sql/contract-mapping';
import { SqlParams } from '../sql/sql-params';
import { StatisticsStatement, headlineLineSql } from '../sql/statistics-query';
import { ROLLUPS, RollupKeyName, dimensionKeys } from './rollup-columns';
import { windowFrom, windowPeriod } from './rollup-window';

/** The rollup key each filter argument narrows by; a filter argument not listed here reads the records. */
const FILTER_KEYS: Record<keyof Filter, RollupKeyName | null> = {
  from: 'month',
  to: 'month',
  sources: null, // decided by the repository before any SQL: a source is in or out
  entities: 'entity',
  allegationTypes: 'allegation_type',
  personnelCategories: 'category',
  nationalities: 'nationality',
  investigationStatuses: 'status',
  involvingMinors: 'minors',
  awaitingMemberStateResponseDays: null,
};

/**
 * The rollup that answers a scope: the first (smallest) whose keys include every column the
 * scope groups or filters by. Undefined when the records must be read: a multi-valued dimension
 * (actions, actors, investigating entities), a filter on something that moves with today (a
 * Member State's wait), or timeliness targets other than the UN's, which the rollups count against.
 */
export function rollupFor(scope: StatisticsScope): number | undefined {
  if (scope.filter.awaitingMemberStateResponseDays !== undefined) return undefined;
  // The rollups count completed investigations over the UN's targets; other targets read the records.
  const targets = scope.targets ?? TIMELINESS_TARGETS;
  if (targets.days !== TIMELINESS_TARGETS.days || targets.urgentDays !== TIMELINESS_TARGETS.urgentDays) return undefined;
  const needed = new Set<RollupKeyName>();
  for (const dimension of scope.groupBy) {
    const keys = dimensionKeys(dimension);
    if (keys === undefined) return undefined;
    keys.forEach((k) => needed.add(k));
  }
  for (const [argument, value] of Object.entries(scope.filter)) {
    if (value === undefined) continue;
    const key = FILTER_KEYS[argument as keyof Filter];
    if (key) needed.add(key);
    else if (argument !== 'sources') return undefined;
  }
  needed.delete('month');
  const index = ROLLUPS.findIndex((keys) => [...needed].every((k) => keys.includes(k)));
  return index < 0 ? undefined : index;
}

function dimensionSql(mapping: ContractMapping, dimension: Dimension): string | undefined {
  switch (dimension) {
    case Dimension.SOURCE:
      return undefined;
    case Dimension.YEAR:
      return 'extract(year from r.month)::int';
    case Dimension.QUARTER:
      return `to_char(r.month, 'YYYY"Q"Q')`;
    case Dimension.MONTH:
      return `to_char(r.month, 'YYYY-MM')`;
    case Dimension.HEADLINE_LINE:
      return headlineLineSql(mapping, 'r.category');
    default:
      return `r.${(dimensionKeys(dimension) as RollupKeyName[])[0] as string}`;
  }
}

/** The same conditions as the records' filter (filter-sql.ts) but the months, on the groups' columns. */
function conditions(mapping: ContractMapping, filter: Filter, params: SqlParams): string[] {
  const where: string[] = [];
  if (filter.entities) where.push(`g.entity = ANY(${params.add(filter.entities)}::text[])`);
  if (filter.allegationTypes)
    where.push(`g.allegation_type = ANY(${params.add(nativeValues(mapping.allegationType, filter.allegationTypes))}::text[])`);
  if (filter.personnelCategories)
    where.push(`g.category = ANY(${params.add(nativeValues(mapping.personnelCategory, filter.personnelCategories))}::text[])`);
  if (filter.investigationStatuses)
    where.push(`g.status = ANY(${params.add(nativeValues(mapping.investigationStatus, filter.investigationStatuses))}::text[])`);
  // The rollup holds the published nationality, NULL for civilians: equal to the records' rule.
  if (filter.nationalities) where.push(`g.nationality = ANY(${params.add(filter.nationalities)}::text[])`);
  if (filter.involvingMinors !== undefined) where.push(filter.involvingMinors ? 'g.minors' : 'NOT g.minors');
  return where;
}

const total = (column: string, condition?: string) =>
  `coalesce(sum(r.${column})${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::int`;

/** The measures of the records' statement, as sums of the window's cells (rollup-window.ts); the same column names. */
function measures(): string[] {
  const summed = [
    'allegations',
    ...VICTIM_GROUPS.map((k) => `v_${k}`),
    'minors_allegations',
    'perpetrators',
    'unknown_perpetrators',
    'perpetrators_men',
    'perpetrators_women',
    'perpetrators_unknown_sex',
    'referred',
    'synthetic',
  ];
  // The records' statement names the timeliness counts t_<field> (TIMELINESS_COUNTS).
  const timeliness: Record<TimelinessCount, string> = {
    completedInvestigations: total('t_completed'),
    completedOverTarget: total('t_completed_over'),
    openCases: total('open_cases'),
    openUnder3Months: total('open_u3'),
    open3To6Months: total('open_3_6'),
    open6To12Months: total('open_6_12'),
    openOver12Months: total('open_o12'),
    openOverTarget: total('open_over'),
  };
  return [
    ...summed.map((c) => `${total(c)} AS "${c}"`),
    ...TIMELINESS_COUNTS.map((f) => `${timeliness[f]} AS "t_${f}"`),
    `ARRAY[${Array.from({ length: HISTOGRAM_BINS }, (_, i) => total(`h${i}`)).join(', ')}] AS t_histogram`,
  ];
}

/**
 * True when a window ending at month `to` ends before every age-band and target cut-off, whatever
 * the database's today: its oldest cut-off is the month after today - 365 days, and this allows a
 * month more than the difference between this process's date and the database's could be.
 */
function endsAged(to: string, now = new Date()): boolean {
  const oldest = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 14, 1)).toISOString().slice(0, 7);
  return to < oldest;
}

/**
 * A statistics request answered from a rollup: one statement over a number of rows that grows
 * with the groups (and the periods asked for when grouping by time), not with the months or records. Its result reads exactly as the
 * records' statement (statisticsResult). Undefined when the scope must read the records.
 */
export function rollupStatement(
  mapping: ContractMapping,
  scope: StatisticsScope,
  maxRows?: number,
): (StatisticsStatement & { readonly rollup: number }) | undefined {
  const rollup = rollupFor(scope);
  if (rollup === undefined) return undefined;
  const params = new SqlParams();
  const dimensions: Array<{ dimension: Dimension; column: string; sql: string }> = [];
  scope.groupBy.forEach((dimension, i) => {
    const sql = dimensionSql(mapping, dimension);
    if (sql !== undefined) dimensions.push({ dimension, column: `d${i}`, sql });
  });
  const lo = scope.filter.from ? `${params.add(monthStart(scope.filter.from))}` : "'-infinity'";
  const hi = scope.filter.to ? `${params.add(monthStart(nextMonth(scope.filter.to)))}` : "'infinity'";
  const from = windowFrom(rollup, lo, hi, windowPeriod(scope.groupBy), conditions(mapping, scope.filter, params), {
    aged: scope.filter.to !== undefined && endsAged(scope.filter.to),
  });
  const select = [
    ...dimensions.map((d) => `${d.sql} AS ${d.column}`),
    ...(dimensions.length ? [`GROUPING(${dimensions.map((d) => d.sql).join(', ')}) AS is_total`] : []),
    ...measures(),
  ];
  const groupBy = dimensions.length ? `GROUP BY GROUPING SETS ((${dimensions.map((d) => d.sql).join(', ')}), ())` : '';
  const limit = maxRows !== undefined && dimensions.length ? ` LIMIT ${Math.floor(maxRows) + 2}` : '';
  return {
    text: `SELECT ${select.join(', ')} FROM ${from} ${groupBy}${limit}`,
    values: params.values,
    dimensions,
    rollup,
  };
}
