import { ContributionStatus, Dimension, Source } from './enums';
import { CursorKey, compareCursorKeys, encodeCursor } from './cursor';
import { parseAllegationId } from './allegation-id';
import { filterFingerprint, PageScope } from './scope';
import type { Allegation } from './types/allegation.type';
import type { AllegationCounts } from './types/allegation-counts.type';
import type { SourceLookup, SourcePage, SourceStatistics } from './types/contributions.type';
import type { AuditRow, ScreeningMatch, SourceAudit, SourceScreening } from './types/screening.type';
import type { StatisticsKey, StatisticsRow } from './types/statistics-row.type';
import type { VictimCounts } from './types/victim-counts.type';
import { addTimeliness, zeroTimeliness } from './timeliness';

/** Which sources answered, and whether the consolidated answer covers them all. */
export interface Coverage {
  readonly complete: boolean;
  readonly includedSources: Source[];
  readonly missingSources: Source[];
}

/** A result is complete when no source that should have answered is missing. */
export function coverage(contributions: ReadonlyArray<{ source: Source; status: ContributionStatus }>): Coverage {
  const missingSources = contributions.filter((c) => c.status === ContributionStatus.UNAVAILABLE).map((c) => c.source);
  const includedSources = contributions.filter((c) => c.status === ContributionStatus.OK).map((c) => c.source);
  return { complete: missingSources.length === 0, includedSources, missingSources };
}

export function zeroVictims(): VictimCounts {
  return { women: 0, girls: 0, femaleUnknownAge: 0, men: 0, boys: 0, maleUnknownAge: 0, unknown: 0, total: 0, minors: 0 };
}

export function zeroCounts(): AllegationCounts {
  return {
    allegations: 0,
    victims: zeroVictims(),
    allegationsInvolvingMinors: 0,
    perpetrators: 0,
    perpetratorsMen: 0,
    perpetratorsWomen: 0,
    perpetratorsUnknownSex: 0,
    allegationsWithUnknownPerpetrators: 0,
    allegationsReferredToMemberState: 0,
    syntheticAllegations: 0,
    timeliness: zeroTimeliness(),
  };
}

export function addCounts(a: AllegationCounts, b: AllegationCounts): AllegationCounts {
  const victims = zeroVictims();
  for (const k of Object.keys(victims) as Array<keyof VictimCounts>) victims[k] = a.victims[k] + b.victims[k];
  return {
    allegations: a.allegations + b.allegations,
    victims,
    allegationsInvolvingMinors: a.allegationsInvolvingMinors + b.allegationsInvolvingMinors,
    perpetrators: a.perpetrators + b.perpetrators,
    perpetratorsMen: a.perpetratorsMen + b.perpetratorsMen,
    perpetratorsWomen: a.perpetratorsWomen + b.perpetratorsWomen,
    perpetratorsUnknownSex: a.perpetratorsUnknownSex + b.perpetratorsUnknownSex,
    allegationsWithUnknownPerpetrators: a.allegationsWithUnknownPerpetrators + b.allegationsWithUnknownPerpetrators,
    allegationsReferredToMemberState: a.allegationsReferredToMemberState + b.allegationsReferredToMemberState,
    syntheticAllegations: a.syntheticAllegations + b.syntheticAllegations,
    timeliness: addTimeliness(a.timeliness, b.timeliness),
  };
}

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

/** The position of a record in the system-wide order. */
export function cursorKeyOf(item: Pick<Allegation, 'id' | 'reportedMonth' | 'source'>): CursorKey {
  return { month: item.reportedMonth, source: item.source, id: parseAllegationId(item.id).nativeId };
}

export interface MergedPage extends Coverage {
  readonly items: Allegation[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/**
 * Merges the sources' pages into the first `scope.first` records of the system-wide order.
 * Each source returned at most `first` records after the same position, so the merge is exact;
 * the end cursor is the position of the last record kept.
 */
export function mergePages(scope: PageScope, contributions: readonly SourcePage[]): MergedPage {
  const candidates = contributions
    .filter((c) => c.status === ContributionStatus.OK)
    .flatMap((c) => (c.items ?? []).map((item) => ({ item, key: cursorKeyOf(item) })))
    .sort((a, b) => compareCursorKeys(a.key, b.key));
  const kept = candidates.slice(0, scope.first);
  const last = kept[kept.length - 1];
  const hasNextPage = candidates.length > kept.length || contributions.some((c) => c.hasNextPage === true);
  return {
    ...coverage(contributions),
    items: kept.map((k) => k.item),
    hasNextPage,
    endCursor: last ? encodeCursor(last.key, filterFingerprint(scope.filter)) : null,
  };
}

/** Collects the records found by a lookup, in the order of the ids asked for. */
export function mergeLookups(ids: readonly string[], contributions: readonly SourceLookup[]): Coverage & { items: Allegation[] } {
  const byId = new Map<string, Allegation>();
  for (const c of contributions) for (const item of c.items ?? []) byId.set(item.id, item);
  const items = ids.map((id) => byId.get(id)).filter((x): x is Allegation => x !== undefined);
  return { ...coverage(contributions), items };
}

/**
 * Collects the screening answers of every source: whom to contact (entity codes, sorted) and, for
 * coordinators, the details of each match in a stable order.
 */
export function mergeScreenings(
  contributions: readonly SourceScreening[],
): Coverage & { contactEntities: string[]; matches: ScreeningMatch[] } {
  const contactEntities = [...new Set(contributions.flatMap((c) => c.contactEntities ?? []))].sort();
  const matches = contributions
    .flatMap((c) => c.matches ?? [])
    .sort((a, b) => a.year - b.year || a.source.localeCompare(b.source) || a.entity.localeCompare(b.entity));
  return { ...coverage(contributions), contactEntities, matches };
}

/** Per-source audit rows, kept apart: each log belongs to its source. */
export function mergeAudits(contributions: readonly SourceAudit[]): Coverage & { rows: Array<AuditRow & { source: Source }> } {
  const rows = contributions.flatMap((c) => (c.rows ?? []).map((r) => ({ ...r, source: c.source })));
  return { ...coverage(contributions), rows };
}
