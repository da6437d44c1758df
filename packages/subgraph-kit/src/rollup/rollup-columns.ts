import {
  Dimension,
  HISTOGRAM_BINS,
  HISTOGRAM_BIN_DAYS,
  InvestigationStatus,
  TIMELINESS_TARGETS,
  VICTIM_GROUPS,
} from '@psea/contract';
import { ContractMapping, nativeValues } from '../sql/contract-mapping';
import { publishedNationality, textArrayLiteral } from '../sql/filter-sql';
import { incidentYearSql } from '../sql/statistics-query';

/** A grouping column of the rollups: its name, type, and the row-level SQL of a record that fills it. */
export interface RollupKey {
  readonly name: RollupKeyName;
  readonly type: 'date' | 'text' | 'boolean';
  readonly sql: (mapping: ContractMapping) => string;
}

export type RollupKeyName =
  | 'month'
  | 'entity'
  | 'allegation_type'
  | 'category'
  | 'nationality'
  | 'status'
  | 'paternity'
  | 'ms_response'
  | 'incident_class'
  | 'minors';

const minorsSql = (m: ContractMapping) => `((${m.victims.girls} + ${m.victims.boys}) > 0)`;

/**
 * Every single-valued thing a statistics request may group or filter by, as a record reads it.
 * Nationality is kept as published (NULL for civilians), so no rollup needs the category to
 * apply the nationality rule. Multi-valued dimensions (interim and final actions, their actors,
 * and the investigating entities, a list since joint investigations) are not here: an allegation
 * counts once per value, so they cannot be summed from a rollup keyed by single values; those
 * requests read the records (see `rollupFor`).
 */
export const ROLLUP_KEYS: readonly RollupKey[] = [
  { name: 'month', type: 'date', sql: (m) => m.reported },
  { name: 'entity', type: 'text', sql: (m) => m.entity },
  { name: 'allegation_type', type: 'text', sql: (m) => m.allegationType.sql },
  { name: 'category', type: 'text', sql: (m) => m.personnelCategory.sql },
  { name: 'nationality', type: 'text', sql: (m) => publishedNationality(m) },
  { name: 'status', type: 'text', sql: (m) => m.investigationStatus.sql },
  { name: 'paternity', type: 'text', sql: (m) => m.paternity.sql },
  { name: 'ms_response', type: 'text', sql: (m) => m.memberStateReferral.response.sql },
  { name: 'incident_class', type: 'text', sql: (m) => incidentYearSql(m) },
  { name: 'minors', type: 'boolean', sql: minorsSql },
];

/**
 * The rollups each source keeps, smallest first; each is keyed by the month and these columns.
 * A request is answered from the first that has every column it groups or filters by; the last
 * has them all, so every month-aligned request over single-valued dimensions has one. Several
 * narrow rollups rather than one wide one: with one, a table keyed by every dimension has about
 * as many rows as there are records (their combinations are many), and the gain is lost.
 */
export const ROLLUPS: ReadonlyArray<readonly RollupKeyName[]> = [
  ['allegation_type', 'category', 'minors'],
  ['entity', 'allegation_type', 'category', 'incident_class'],
  ['entity', 'nationality', 'status'],
  ['entity', 'status', 'paternity', 'ms_response'],
  ['entity', 'allegation_type', 'category', 'nationality', 'status', 'minors'],
  ROLLUP_KEYS.map((k) => k.name).filter((n) => n !== 'month'),
];

/** A summed column: the row-level SQL of one record's contribution (an integer). */
export interface RollupMeasure {
  readonly name: string;
  readonly sql: (mapping: ContractMapping) => string;
}

const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
const openSql = (m: ContractMapping) => {
  const open = nativeValues(m.investigationStatus, [
    InvestigationStatus.PRELIMINARY_ASSESSMENT,
    InvestigationStatus.UNDER_REVIEW,
    InvestigationStatus.UNDER_INVESTIGATION,
  ]);
  return `${m.investigationStatus.sql} = ANY(${textArrayLiteral(open)})`;
};
const targetSql = (m: ContractMapping) =>
  `CASE WHEN ${minorsSql(m)} THEN ${TIMELINESS_TARGETS.urgentDays} ELSE ${TIMELINESS_TARGETS.days} END`;

/**
 * What each record adds to its groups: the same counts the records' own query computes
 * (statistics-query.ts), as sums. Open cases are aged at read time from the month (aging moves
 * with today); `open_urgent` keeps those whose target is the shorter one.
 */
export const ROLLUP_MEASURES: readonly RollupMeasure[] = [
  { name: 'allegations', sql: () => '1' },
  ...VICTIM_GROUPS.map((k) => ({ name: `v_${k}`, sql: (m: ContractMapping) => `coalesce(${m.victims[k]}, 0)` })),
  { name: 'minors_allegations', sql: (m) => flag(minorsSql(m)) },
  { name: 'perpetrators', sql: (m) => `coalesce(${m.perpetrators}, 0)` },
  { name: 'unknown_perpetrators', sql: (m) => flag(`${m.perpetrators} IS NULL`) },
  { name: 'perpetrators_men', sql: (m) => `coalesce(${m.perpetratorsMen}, 0)` },
  { name: 'perpetrators_women', sql: (m) => `coalesce(${m.perpetratorsWomen}, 0)` },
  {
    name: 'perpetrators_unknown_sex',
    sql: (m) => `coalesce(${m.perpetrators} - ${m.perpetratorsMen} - ${m.perpetratorsWomen}, 0)`,
  },
  { name: 'referred', sql: (m) => flag(m.memberStateReferral.referred) },
  { name: 'synthetic', sql: (m) => flag(m.synthetic) },
  { name: 't_completed', sql: (m) => flag(`${m.investigationDays} IS NOT NULL`) },
  ...Array.from({ length: HISTOGRAM_BINS }, (_, i) => ({
    name: `h${i}`,
    sql: (m: ContractMapping) => {
      const from = i * HISTOGRAM_BIN_DAYS;
      const upper = i === HISTOGRAM_BINS - 1 ? '' : ` AND ${m.investigationDays} < ${from + HISTOGRAM_BIN_DAYS}`;
      return flag(`${m.investigationDays} >= ${from}${upper}`);
    },
  })),
  { name: 't_completed_over', sql: (m) => flag(`${m.investigationDays} > ${targetSql(m)}`) },
  { name: 'open_cases', sql: (m) => flag(openSql(m)) },
  { name: 'open_urgent', sql: (m) => flag(`${openSql(m)} AND ${minorsSql(m)}`) },
];

/** The rollup keys a dimension reads (SOURCE is constant within a source; list dimensions have none). */
export function dimensionKeys(dimension: Dimension): RollupKeyName[] | undefined {
  switch (dimension) {
    case Dimension.SOURCE:
      return [];
    case Dimension.ENTITY:
      return ['entity'];
    case Dimension.YEAR:
    case Dimension.QUARTER:
    case Dimension.MONTH:
      return ['month'];
    case Dimension.ALLEGATION_TYPE:
      return ['allegation_type'];
    case Dimension.PERSONNEL_CATEGORY:
    case Dimension.HEADLINE_LINE:
      return ['category'];
    case Dimension.NATIONALITY:
      return ['nationality'];
    case Dimension.INVESTIGATION_STATUS:
      return ['status'];
    case Dimension.PATERNITY:
      return ['paternity'];
    case Dimension.MEMBER_STATE_RESPONSE:
      return ['ms_response'];
    case Dimension.INCIDENT_YEAR:
      return ['incident_class'];
    case Dimension.INVESTIGATING_ENTITY:
    case Dimension.INTERIM_ACTION:
    case Dimension.FINAL_ACTION:
    case Dimension.ACTION_ACTOR:
      return undefined;
  }
}

/**
 * The table of the i-th rollup: per group (its `key`) and month, the running sums of every
 * measure over the group's records up to and including that month, one row per month in which
 * the group has records (`month_allegations` of them). A window is the row at its last month
 * minus the row before its first: two index lookups per group, whatever the months or records.
 */
export function rollupTable(index: number): string {
  return `statistics_rollup_${index}`;
}

/** The groups of the i-th rollup: each key once, with its columns, so reads filter and list groups without a skip scan. */
export function rollupGroupTable(index: number): string {
  return `statistics_rollup_${index}_groups`;
}

/** Matches the name of every table of the rollups (not their definition): the kit owns them, their triggers write them. */
export const ROLLUP_TABLE_PATTERN = '^statistics_rollup_[0-9]+(_groups)?$';

/** The grouping columns of the i-th rollup, the month aside. */
export function rollupKeys(index: number): readonly RollupKeyName[] {
  return ROLLUPS[index] as readonly RollupKeyName[];
}

/**
 * A group's key as one text: the row of its columns (a row's text is unambiguous: NULL is
 * empty, an empty string is quoted), so groups with NULL columns join by plain equality, with
 * a hash or an index, where `IS NOT DISTINCT FROM` could use neither. No key is a date, so the
 * text does not depend on DateStyle.
 */
export function rollupGroupKey(index: number, alias?: string): string {
  return `ROW(${rollupKeys(index)
    .map((k) => (alias ? `${alias}.${k}` : k))
    .join(', ')})::text`;
}
