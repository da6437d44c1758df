import { sourceLabels } from '@psea/contract';
import type { Annex, Table, TableBuilder, View } from './annex';
import { ANNEX_VIEWS, Period, annexFilters, periodLabel, periodWords } from './annex-query';
import { MULTI, oneDimension } from './enum-table';
import { byNationality, referralsByNationality } from './nationality-tables';
import { byEntity, bySource } from './source-tables';
import { trend, trendBySource } from './trend-tables';
import { victimsTable } from './victims-table';

/** The annex: the tables of the Secretary-General's report, from the gateway's answers. */
export function buildAnnex(period: Period, producedAt: string, views: Record<string, View>): Annex {
  const v = (alias: string) => views[alias] as View;
  const all = ANNEX_VIEWS.map((x) => v(x.alias));
  const missing = [...new Set(all.flatMap((x) => x.missingSources))].sort();
  const included = sourceLabels()
    .map((s) => s.source as string)
    .filter((s) => !missing.includes(s) && v('bySource').sources.some((x) => x.source === s && x.status === 'OK'));
  const years = [period.year - 2, period.year - 1, period.year];
  const built: Array<[TableBuilder, string]> = [
    [bySource(v('bySource')), 'bySource'],
    [byEntity(v('byEntity')), 'byEntity'],
    [oneDimension('by-type', 'Allegations by type', 'type', v('byType'), 'allegationType', 'AllegationType', 'total'), 'byType'],
    [
      oneDimension(
        'by-category',
        'Allegations by category of personnel',
        'category of personnel',
        v('byCategory'),
        'personnelCategory',
        'PersonnelCategory',
        'total',
      ),
      'byCategory',
    ],
    [byNationality(v('byNationality')), 'byNationality'],
    [victimsTable(v('bySource')), 'bySource'],
    [
      oneDimension(
        'by-status',
        'Allegations by investigation status',
        'status',
        v('byStatus'),
        'investigationStatus',
        'InvestigationStatus',
        'total',
      ),
      'byStatus',
    ],
    [
      oneDimension(
        'by-investigating-entity',
        'Allegations by investigating entity (rows count allegation-entity pairs)',
        'investigating entity',
        v('byInvestigator'),
        'investigatingEntity',
        'InvestigatingEntity',
        'allegations counted (once each)',
        'not yet assigned',
        'A joint investigation counts once under each of its entities, so the lines count allegation-entity pairs; ' +
          'the last line counts allegations, once each, so it is not the sum of the lines above.',
      ),
      'byInvestigator',
    ],
    [
      oneDimension(
        'interim-actions',
        'Interim actions',
        'interim action',
        v('byInterimAction'),
        'interimAction',
        'InterimAction',
        'allegations counted (once each)',
        'none',
        MULTI,
      ),
      'byInterimAction',
    ],
    [
      oneDimension(
        'final-actions',
        'Final actions',
        'final action',
        v('byFinalAction'),
        'finalAction',
        'FinalAction',
        'allegations counted (once each)',
        'none',
        MULTI,
      ),
      'byFinalAction',
    ],
    [
      oneDimension(
        'paternity',
        'Paternity and child-support claims',
        'claim',
        v('byPaternity'),
        'paternity',
        'PaternityStatus',
        'total',
      ),
      'byPaternity',
    ],
    [referralsByNationality(v('referralsByNationality')), 'referralsByNationality'],
    [trend(v('trend'), years), 'trend'],
    [trendBySource(v('trendBySource'), years), 'trendBySource'],
  ];
  const filters = annexFilters(period);
  const tables: Table[] = built.map(([table, alias]) => {
    const kind = ANNEX_VIEWS.find((x) => x.alias === alias)?.filter ?? 'period';
    const open = v(alias).unsubmittedEntities;
    return { ...table, filter: filters[kind].words, notices: v(alias).notices, ...(open ? { unsubmitted: open } : {}) };
  });
  return {
    period: periodLabel(period),
    periodWords: periodWords(period),
    producedAt,
    complete: missing.length === 0,
    sourcesIncluded: included,
    missingSources: missing,
    notices: v('bySource').notices,
    tables,
  };
}
