import { LabelledEnum, LABELS, enumLabel, findEntity, nationalityLabel, sourceLabels } from '@psea/contract';
import { ANNEX_VIEWS, Period, annexFilters, periodLabel, periodWords } from './annex-query';
import type { AnnexProvenance } from './source-provenance';

export interface View {
  total: {
    allegations: number;
    syntheticAllegations: number;
    allegationsInvolvingMinors: number;
    victims: Record<string, number>;
  };
  rows: Array<{ key: Record<string, string | number | null>; counts: { allegations: number } }>;
  complete: boolean;
  missingSources: string[];
  sources: Array<{ source: string; status: string }>;
  notices: string[];
}

export type Cell = string | number | null;

/** How a row reads: an item, a subtotal of a group, or the total of the table. */
export type RowKind = 'item' | 'subtotal' | 'total';

export interface Table {
  readonly id: string;
  readonly title: string;
  readonly columns: string[];
  readonly rows: Cell[][];
  /** Parallel to `rows`: lets renderers set subtotals and totals apart. */
  readonly rowKinds: RowKind[];
  /** What the table counts when that is not obvious (a multi-count table, a trend with empty years). */
  readonly note?: string;
  /** The records counted: the filter of the request, in words. */
  readonly filter: string;
  /** The gateway's notices for this table (its synthetic share, missing sources). */
  readonly notices: string[];
}

export interface Annex {
  readonly period: string;
  /** The period in words ("2016", "third quarter of 2016"). */
  readonly periodWords: string;
  readonly producedAt: string;
  readonly complete: boolean;
  readonly sourcesIncluded: string[];
  readonly missingSources: string[];
  readonly notices: string[];
  readonly tables: Table[];
  /** Where the figures came from (set by the report command: report/source-provenance.ts). */
  readonly provenance?: AnnexProvenance;
}

type Builder = Omit<Table, 'filter' | 'notices'>;

/** The values of an enum in declaration order (the order the UN's tables use), with their counts; zeros kept. */
function byEnum(view: View, field: string, enumName: LabelledEnum, none?: string): [Cell[][], RowKind[]] {
  const counts = new Map(view.rows.map((r) => [r.key[field] ?? null, r.counts.allegations]));
  const rows: Cell[][] = Object.keys(LABELS[enumName]).map((value) => [enumLabel(enumName, value), counts.get(value) ?? 0]);
  if (none !== undefined && counts.has(null)) rows.push([none, counts.get(null) ?? 0]);
  return [rows, rows.map(() => 'item')];
}

function oneDimension(
  id: string,
  title: string,
  column: string,
  view: View,
  field: string,
  enumName: LabelledEnum,
  total: string | null,
  none?: string,
  note?: string,
): Builder {
  const [rows, kinds] = byEnum(view, field, enumName, none);
  return {
    id,
    title,
    columns: [column, 'allegations'],
    rows: total === null ? rows : [...rows, [total, view.total.allegations]],
    rowKinds: total === null ? kinds : [...kinds, 'total'],
    ...(note ? { note } : {}),
  };
}

/** Entities grouped under their source (registry order), each group with its subtotal, as the SG's annexes set them out. */
function byEntity(view: View): Builder {
  const rows: Cell[][] = [];
  const kinds: RowKind[] = [];
  for (const { source, label } of sourceLabels()) {
    const mine = view.rows
      .filter((r) => findEntity(String(r.key['entity']))?.source === source)
      .sort((a, b) => String(a.key['entity']).localeCompare(String(b.key['entity'])));
    if (!mine.length) continue;
    for (const r of mine) {
      const code = String(r.key['entity']);
      rows.push([label, code, findEntity(code)?.name ?? code, r.counts.allegations]);
      kinds.push('item');
    }
    rows.push([label, 'subtotal', '', mine.reduce((s, r) => s + r.counts.allegations, 0)]);
    kinds.push('subtotal');
  }
  const unknown = view.rows.filter((r) => !findEntity(String(r.key['entity'])));
  for (const r of unknown) {
    rows.push(['not registered', String(r.key['entity'] ?? 'not recorded'), '', r.counts.allegations]);
    kinds.push('item');
  }
  rows.push(['all sources', 'total', '', view.total.allegations]);
  kinds.push('total');
  return {
    id: 'by-entity',
    title: 'Allegations by source and entity',
    columns: ['source', 'entity', 'name', 'allegations'],
    rows,
    rowKinds: kinds,
  };
}

/** Referrals to Member States for action, and the States' responses, by nationality of the uniformed personnel. */
function referralsByNationality(view: View): Builder {
  const responses = Object.keys(LABELS.MemberStateResponse);
  const byNationality = new Map<string, number[]>();
  for (const row of view.rows) {
    const response = row.key['memberStateResponse'];
    if (response === null || response === undefined) continue;
    const nationality = row.key['nationality'] == null ? 'not recorded' : nationalityLabel(String(row.key['nationality']));
    const counts = (byNationality.get(nationality) ?? responses.map(() => 0)).map((n, i) =>
      responses[i] === response ? n + row.counts.allegations : n,
    );
    byNationality.set(nationality, counts);
  }
  const rows: Cell[][] = [...byNationality.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([nationality, counts]) => [nationality, counts.reduce((s, n) => s + n, 0), ...counts]);
  const totals = responses.map((_, i) => rows.reduce((s, r) => s + Number(r[i + 2]), 0));
  return {
    id: 'referrals-by-nationality',
    title: 'Referrals to Member States for action, and their responses, by nationality of uniformed personnel',
    columns: ['nationality', 'referred', ...responses.map((r) => enumLabel('MemberStateResponse', r))],
    rows: [...rows, ['total', totals.reduce((s, n) => s + n, 0), ...totals]],
    rowKinds: [...rows.map((): RowKind => 'item'), 'total'],
  };
}

/** Every year of the trend, zeros included: a year without allegations is a fact, not a gap. */
function trend(view: View, years: number[]): Builder {
  const counts = new Map(view.rows.map((r) => [Number(r.key['year']), r.counts.allegations]));
  const rows: Cell[][] = years.map((y) => [y, counts.get(y) ?? 0]);
  return {
    id: 'trend',
    title: `Trend, ${years[0]}-${years[years.length - 1]}`,
    columns: ['year', 'allegations'],
    rows,
    rowKinds: rows.map(() => 'item'),
    note: 'Every year of the period is listed; 0 means no source holds an allegation received that year. No total: years are not added up.',
  };
}

function trendBySource(view: View, years: number[]): Builder {
  const counts = new Map(view.rows.map((r) => [`${r.key['year']}:${r.key['source']}`, r.counts.allegations]));
  const rows: Cell[][] = years.flatMap((y) => sourceLabels().map((s) => [y, s.label, counts.get(`${y}:${s.source}`) ?? 0]));
  return {
    id: 'trend-by-source',
    title: `Trend by source, ${years[0]}-${years[years.length - 1]}`,
    columns: ['year', 'source', 'allegations'],
    rows,
    rowKinds: rows.map(() => 'item'),
    note: 'Every year and every source is listed, zeros included.',
  };
}

const MULTI =
  'An allegation with several actions is counted under each; "none" counts allegations without one. ' +
  'The last line counts allegations, once each, so it is not the sum of the lines above.';

/** The annex: the tables of the Secretary-General's report, from the gateway's answers. */
export function buildAnnex(period: Period, producedAt: string, views: Record<string, View>): Annex {
  const v = (alias: string) => views[alias] as View;
  const all = ANNEX_VIEWS.map((x) => v(x.alias));
  const missing = [...new Set(all.flatMap((x) => x.missingSources))].sort();
  const included = sourceLabels()
    .map((s) => s.source as string)
    .filter((s) => !missing.includes(s) && v('bySource').sources.some((x) => x.source === s && x.status === 'OK'));
  const victims = v('bySource').total.victims;
  const years = [period.year - 2, period.year - 1, period.year];
  const victimRows: Cell[][] = [
    [LABELS.VictimGroup.WOMEN, victims['women'] ?? 0],
    [LABELS.VictimGroup.GIRLS, victims['girls'] ?? 0],
    [LABELS.VictimGroup.FEMALE_UNKNOWN_AGE, victims['femaleUnknownAge'] ?? 0],
    [LABELS.VictimGroup.MEN, victims['men'] ?? 0],
    [LABELS.VictimGroup.BOYS, victims['boys'] ?? 0],
    [LABELS.VictimGroup.MALE_UNKNOWN_AGE, victims['maleUnknownAge'] ?? 0],
    [LABELS.VictimGroup.UNKNOWN, victims['unknown'] ?? 0],
    ['total victims', victims['total'] ?? 0],
    ['of whom minors (under 18)', victims['minors'] ?? 0],
  ];
  const bySourceCounts = new Map(v('bySource').rows.map((r) => [r.key['source'], r.counts.allegations]));
  const built: Array<[Builder, string]> = [
    [
      {
        id: 'by-source',
        title: 'Allegations by source',
        columns: ['source', 'allegations'],
        rows: [
          ...sourceLabels().map((s): Cell[] => [s.label, bySourceCounts.get(s.source) ?? 0]),
          ['total', v('bySource').total.allegations],
        ],
        rowKinds: [...sourceLabels().map((): RowKind => 'item'), 'total'],
      },
      'bySource',
    ],
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
    [
      {
        id: 'by-nationality',
        title: 'Allegations involving uniformed personnel, by nationality',
        columns: ['nationality', 'allegations'],
        rows: [
          ...v('byNationality')
            .rows.map((r): Cell[] => [
              r.key['nationality'] == null ? 'not recorded' : nationalityLabel(String(r.key['nationality'])),
              r.counts.allegations,
            ])
            .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          ['total', v('byNationality').total.allegations],
        ],
        rowKinds: [...v('byNationality').rows.map((): RowKind => 'item'), 'total'],
        note: 'Nationality is published for uniformed personnel (military and police) only.',
      },
      'byNationality',
    ],
    [
      {
        id: 'victims',
        title: 'Victims by sex and age group',
        columns: ['group', 'victims'],
        rows: victimRows,
        rowKinds: [...victimRows.slice(0, 7).map((): RowKind => 'item'), 'total', 'item'],
        note: `${v('bySource').total.allegationsInvolvingMinors} allegations involve at least one minor.`,
      },
      'bySource',
    ],
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
    return { ...table, filter: filters[kind].words, notices: v(alias).notices };
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
