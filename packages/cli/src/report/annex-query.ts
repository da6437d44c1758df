import { Dimension, PersonnelCategory, UNIFORMED_CATEGORIES, monthLabel } from '@psea/contract';

/** A period of the annex: a calendar year or a quarter. */
export type Period = { kind: 'year'; year: number } | { kind: 'quarter'; year: number; quarter: number };

export function periodLabel(p: Period): string {
  return p.kind === 'year' ? String(p.year) : `${p.year}Q${p.quarter}`;
}

const QUARTER_WORDS = ['first', 'second', 'third', 'fourth'];

/** The period in words: "2016", "third quarter of 2016 (July to September)". */
export function periodWords(p: Period): string {
  if (p.kind === 'year') return String(p.year);
  const first = (p.quarter - 1) * 3 + 1;
  const month = (m: number) => monthLabel(`${p.year}-${String(m).padStart(2, '0')}`).split(' ')[0];
  return `${QUARTER_WORDS[p.quarter - 1]} quarter of ${p.year} (${month(first)} to ${month(first + 2)})`;
}

export function periodFilter(p: Period): Record<string, unknown> {
  return p.kind === 'year' ? { year: p.year } : { quarter: periodLabel(p) };
}

const VIEW = `fragment View on StatisticsView {
  total { allegations syntheticAllegations allegationsInvolvingMinors victims { women girls femaleUnknownAge men boys maleUnknownAge unknown total minors } }
  rows { key { source entity year allegationType personnelCategory nationality investigationStatus investigatingEntity paternity interimAction finalAction memberStateResponse } counts { allegations } }
  complete missingSources sources { source status } notices
  provenance { source status dataVersion answeredAt } unsubmittedEntities { entity quarters }
}`;

/** The annex tables: one statistics view each, all in one request to the gateway. */
export const ANNEX_VIEWS: ReadonlyArray<{ alias: string; groupBy: Dimension[]; filter: 'period' | 'uniformed' | 'trend' }> = [
  { alias: 'bySource', groupBy: [Dimension.SOURCE], filter: 'period' },
  { alias: 'byEntity', groupBy: [Dimension.ENTITY], filter: 'period' },
  { alias: 'byType', groupBy: [Dimension.ALLEGATION_TYPE], filter: 'period' },
  { alias: 'byCategory', groupBy: [Dimension.PERSONNEL_CATEGORY], filter: 'period' },
  { alias: 'byNationality', groupBy: [Dimension.NATIONALITY], filter: 'uniformed' },
  { alias: 'byStatus', groupBy: [Dimension.INVESTIGATION_STATUS], filter: 'period' },
  { alias: 'byInvestigator', groupBy: [Dimension.INVESTIGATING_ENTITY], filter: 'period' },
  { alias: 'byInterimAction', groupBy: [Dimension.INTERIM_ACTION], filter: 'period' },
  { alias: 'byFinalAction', groupBy: [Dimension.FINAL_ACTION], filter: 'period' },
  { alias: 'byPaternity', groupBy: [Dimension.PATERNITY], filter: 'period' },
  { alias: 'referralsByNationality', groupBy: [Dimension.NATIONALITY, Dimension.MEMBER_STATE_RESPONSE], filter: 'uniformed' },
  { alias: 'trend', groupBy: [Dimension.YEAR], filter: 'trend' },
  { alias: 'trendBySource', groupBy: [Dimension.YEAR, Dimension.SOURCE], filter: 'trend' },
];

/** The three filters of the annex, as sent and in words (the provenance each table states). */
export function annexFilters(
  period: Period,
): Record<'period' | 'uniformed' | 'trend', { filter: Record<string, unknown>; words: string }> {
  const received = `allegations received in ${periodWords(period)}`;
  return {
    period: { filter: periodFilter(period), words: `all ${received}` },
    uniformed: {
      filter: { ...periodFilter(period), personnelCategories: UNIFORMED_CATEGORIES as PersonnelCategory[] },
      words: `${received} involving uniformed personnel (military and police)`,
    },
    trend: {
      filter: { fromMonth: `${period.year - 2}-01`, toMonth: `${period.year}-12` },
      words: `all allegations received from January ${period.year - 2} to December ${period.year}`,
    },
  };
}

/** The one GraphQL request of the annex, and its variables. */
export function annexRequest(period: Period): { query: string; variables: Record<string, unknown> } {
  const described = annexFilters(period);
  const filters = {
    period: described.period.filter,
    uniformed: described.uniformed.filter,
    trend: described.trend.filter,
  };
  const fields = ANNEX_VIEWS.map(
    (v) => `${v.alias}: allegationStatistics(filter: $${v.filter}, groupBy: [${v.groupBy.join(', ')}], asOf: $asOf) { ...View }`,
  ).join('\n  ');
  return {
    query: `query Annex($period: AllegationFilter, $uniformed: AllegationFilter, $trend: AllegationFilter, $asOf: [SourceVersionInput!]) {\n  ${fields}\n}\n${VIEW}`,
    variables: filters,
  };
}
