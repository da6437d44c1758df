import { findEntity } from '@psea/contract';
import { ANNEX_VIEWS, Period, periodLabel } from './annex-query';
import type { AnnexProvenance } from './provenance';

export interface View {
  total: { allegations: number; allegationsInvolvingMinors: number; victims: Record<string, number> };
  rows: Array<{ key: Record<string, string | number | null>; counts: { allegations: number } }>;
  complete: boolean;
  missingSources: string[];
  sources: Array<{ source: string; status: string }>;
  notices: string[];
}

export type Cell = string | number | null;

export interface Table {
  readonly id: string;
  readonly title: string;
  readonly columns: string[];
  readonly rows: Cell[][];
}

export interface Annex {
  readonly period: string;
  readonly producedAt: string;
  readonly complete: boolean;
  readonly sourcesIncluded: string[];
  readonly missingSources: string[];
  readonly notices: string[];
  readonly tables: Table[];
  /** Where the figures came from (set by the report command: report/provenance.ts). */
  readonly provenance?: AnnexProvenance;
}

const count = (row: View['rows'][number]): Cell => row.counts.allegations;
const label = (value: string | number | null | undefined, none: string): Cell =>
  value === null || value === undefined ? none : value;

const RESPONSES = ['NONE', 'ACKNOWLEDGED', 'INVESTIGATING', 'OUTCOME_REPORTED'];

/** Referrals to Member States for action, and the States' responses, by nationality of the uniformed personnel. */
function referralsByNationality(view: View): Table {
  const byNationality = new Map<string, number[]>();
  for (const row of view.rows) {
    const response = row.key['memberStateResponse'];
    if (response === null || response === undefined) continue;
    const nationality = String(row.key['nationality'] ?? 'unknown');
    const counts = (byNationality.get(nationality) ?? RESPONSES.map(() => 0)).map((n, i) =>
      RESPONSES[i] === response ? n + row.counts.allegations : n,
    );
    byNationality.set(nationality, counts);
  }
  const rows: Cell[][] = [...byNationality.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([nationality, counts]) => [nationality, counts.reduce((s, n) => s + n, 0), ...counts]);
  const totals = RESPONSES.map((_, i) => rows.reduce((s, r) => s + Number(r[i + 2]), 0));
  return {
    id: 'referrals-by-nationality',
    title: 'Referrals to Member States for action, and their responses, by nationality of uniformed personnel',
    columns: ['nationality', 'referred', 'no response', 'acknowledged', 'investigating', 'outcome reported'],
    rows: [...rows, ['total', totals.reduce((s, n) => s + n, 0), ...totals]],
  };
}

/** The annex: the tables of the Secretary-General's report, from the gateway's answers. */
export function buildAnnex(period: Period, producedAt: string, views: Record<string, View>): Annex {
  const v = (alias: string) => views[alias] as View;
  const all = ANNEX_VIEWS.map((x) => v(x.alias));
  const missing = [...new Set(all.flatMap((x) => x.missingSources))].sort();
  const included = [
    ...new Set(
      v('bySource')
        .sources.filter((s) => s.status === 'OK')
        .map((s) => s.source),
    ),
  ];
  const oneDimension = (id: string, title: string, alias: string, column: string, field: string, none = 'none'): Table => ({
    id,
    title,
    columns: [column, 'allegations'],
    rows: [...v(alias).rows.map((r) => [label(r.key[field], none), count(r)]), ['total', v(alias).total.allegations]],
  });
  const victims = v('bySource').total.victims;
  const tables: Table[] = [
    oneDimension('by-source', 'Allegations by source', 'bySource', 'source', 'source'),
    {
      id: 'by-entity',
      title: 'Allegations by entity',
      columns: ['source', 'entity', 'allegations'],
      rows: [
        ...v('byEntity').rows.map((r) => [
          findEntity(String(r.key['entity']))?.source ?? null,
          label(r.key['entity'], 'unknown'),
          count(r),
        ]),
        ['', 'total', v('byEntity').total.allegations],
      ],
    },
    oneDimension(
      'by-type',
      'Allegations by type (SE: sexual exploitation, SA: sexual abuse)',
      'byType',
      'type',
      'allegationType',
    ),
    oneDimension(
      'by-category',
      'Allegations by category of personnel',
      'byCategory',
      'category of personnel',
      'personnelCategory',
    ),
    oneDimension(
      'by-nationality',
      'Allegations involving uniformed personnel, by nationality',
      'byNationality',
      'nationality',
      'nationality',
      'unknown',
    ),
    {
      id: 'victims',
      title: 'Victims by sex and age group (minors: under 18)',
      columns: ['group', 'victims'],
      rows: [
        ['women', victims['women'] ?? 0],
        ['girls (minors)', victims['girls'] ?? 0],
        ['female, age unknown', victims['femaleUnknownAge'] ?? 0],
        ['men', victims['men'] ?? 0],
        ['boys (minors)', victims['boys'] ?? 0],
        ['male, age unknown', victims['maleUnknownAge'] ?? 0],
        ['sex and age unknown', victims['unknown'] ?? 0],
        ['total', victims['total'] ?? 0],
        ['of whom minors', victims['minors'] ?? 0],
        ['allegations involving minors', v('bySource').total.allegationsInvolvingMinors],
      ],
    },
    oneDimension('by-status', 'Allegations by investigation status', 'byStatus', 'status', 'investigationStatus'),
    oneDimension(
      'by-investigating-entity',
      'Allegations by investigating entity',
      'byInvestigator',
      'investigating entity',
      'investigatingEntity',
      'not yet assigned',
    ),
    oneDimension(
      'interim-actions',
      'Interim actions (an allegation counts once per action)',
      'byInterimAction',
      'interim action',
      'interimAction',
      'none',
    ),
    oneDimension(
      'final-actions',
      'Final actions (an allegation counts once per action)',
      'byFinalAction',
      'final action',
      'finalAction',
      'none',
    ),
    oneDimension('paternity', 'Paternity and child-support claims', 'byPaternity', 'claim', 'paternity'),
    referralsByNationality(v('referralsByNationality')),
    oneDimension('trend', `Three-year trend, ${period.year - 2}-${period.year}`, 'trend', 'year', 'year'),
    {
      id: 'trend-by-source',
      title: `Three-year trend by source, ${period.year - 2}-${period.year}`,
      columns: ['year', 'source', 'allegations'],
      rows: v('trendBySource').rows.map((r) => [label(r.key['year'], ''), label(r.key['source'], ''), count(r)]),
    },
  ];
  return {
    period: periodLabel(period),
    producedAt,
    complete: missing.length === 0,
    sourcesIncluded: included,
    missingSources: missing,
    notices: [...new Set(all.flatMap((x) => x.notices))],
    tables,
  };
}
