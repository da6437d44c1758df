import { ContributionStatus, Dimension } from '../enums';
import type { AllegationCounts } from '../types/allegation-counts.type';
import type { SourceStatistics } from '../types/contributions.type';
import type { StatisticsKey, StatisticsRow } from '../types/statistics-row.type';
import { addCounts, zeroCounts } from './counts';
import { Coverage, coverage } from './coverage';

const KEY_FIELD: Record<Dimension, keyof StatisticsKey> = {
  [Dimension.SOURCE]: 'source',
  [Dimension.ENTITY]: 'entity',
  [Dimension.YEAR]: 'year',
  [Dimension.QUARTER]: 'quarter',
  [Dimension.MONTH]: 'month',
  [Dimension.ALLEGATION_TYPE]: 'allegationType',
  [Dimension.PERSONNEL_CATEGORY]: 'personnelCategory',
  [Dimension.NATIONALITY]: 'nationality',
  [Dimension.INVESTIGATION_STATUS]: 'investigationStatus',
  [Dimension.INVESTIGATING_ENTITY]: 'investigatingEntity',
  [Dimension.PATERNITY]: 'paternity',
  [Dimension.INTERIM_ACTION]: 'interimAction',
  [Dimension.FINAL_ACTION]: 'finalAction',
  [Dimension.MEMBER_STATE_RESPONSE]: 'memberStateResponse',
  [Dimension.ACTION_ACTOR]: 'actionActor',
  [Dimension.INCIDENT_YEAR]: 'incidentYear',
  [Dimension.HEADLINE_LINE]: 'headlineLine',
};

/** The field of a row key that holds a dimension. */
export function keyField(dimension: Dimension): keyof StatisticsKey {
  return KEY_FIELD[dimension];
}

/** A key with every dimension present: the grouped ones set, the others null. */
export function completeKey(groupBy: readonly Dimension[], values: Partial<StatisticsKey>): StatisticsKey {
  const key: StatisticsKey = {
    source: null,
    entity: null,
    year: null,
    quarter: null,
    month: null,
    allegationType: null,
    personnelCategory: null,
    nationality: null,
    investigationStatus: null,
    investigatingEntity: null,
    paternity: null,
    interimAction: null,
    finalAction: null,
    memberStateResponse: null,
    actionActor: null,
    incidentYear: null,
    headlineLine: null,
  };
  for (const d of groupBy) {
    const field = KEY_FIELD[d];
    (key as unknown as Record<string, unknown>)[field] = values[field] ?? null;
  }
  return key;
}

/** Orders rows by the grouping dimensions in the order asked, nulls last. */
export function compareRows(groupBy: readonly Dimension[]) {
  return (a: StatisticsRow, b: StatisticsRow): number => {
    for (const d of groupBy) {
      const x = a.key[KEY_FIELD[d]];
      const y = b.key[KEY_FIELD[d]];
      if (x === y) continue;
      if (x == null) return 1;
      if (y == null) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

export interface ConsolidatedStatistics extends Coverage {
  readonly total: AllegationCounts;
  readonly rows: StatisticsRow[];
}

/**
 * Adds up the sources' statistics: rows with equal keys are summed, totals are summed. The
 * result says which sources are missing; it is never silently short.
 */
export function consolidateStatistics(
  groupBy: readonly Dimension[],
  contributions: readonly SourceStatistics[],
): ConsolidatedStatistics {
  const rows = new Map<string, StatisticsRow>();
  let total = zeroCounts();
  for (const c of contributions) {
    if (c.status !== ContributionStatus.OK) continue;
    if (c.total) total = addCounts(total, c.total);
    for (const row of c.rows ?? []) {
      const key = completeKey(groupBy, row.key);
      const id = JSON.stringify(groupBy.map((d) => key[KEY_FIELD[d]]));
      const seen = rows.get(id)?.counts;
      rows.set(id, { key, counts: seen ? addCounts(seen, row.counts) : row.counts });
    }
  }
  return { ...coverage(contributions), total, rows: [...rows.values()].sort(compareRows(groupBy)) };
}
