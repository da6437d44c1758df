import { Dimension, LABELS, LabelledEnum, enumLabel } from '@psea/contract';
import { Period, periodFilter, periodLabel, periodWords } from './annex-query';
import type { Annex, Cell, RowKind, Table } from './annex';
import { victimGroupRows } from './victims-table';

/** What the quarterly update asks for: the total with its counts, and three groupings. */
export interface QuarterlyView {
  total: {
    allegations: number;
    syntheticAllegations: number;
    allegationsReferredToMemberState: number;
    perpetrators: number;
    perpetratorsMen: number;
    perpetratorsWomen: number;
    perpetratorsUnknownSex: number;
    allegationsWithUnknownPerpetrators: number;
    victims: Record<string, number>;
  };
  rows: Array<{ key: Record<string, string | null>; counts: { allegations: number } }>;
  complete: boolean;
  missingSources: string[];
  sources: Array<{ source: string; status: string }>;
  notices: string[];
}

const VIEWS: ReadonlyArray<{ alias: string; groupBy: Dimension[] }> = [
  { alias: 'byHeadline', groupBy: [Dimension.HEADLINE_LINE] },
  { alias: 'byIncidentYear', groupBy: [Dimension.INCIDENT_YEAR] },
  { alias: 'byStatus', groupBy: [Dimension.INVESTIGATION_STATUS] },
];

const FRAGMENT = `fragment Quarterly on StatisticsView {
  total { allegations syntheticAllegations allegationsReferredToMemberState perpetrators perpetratorsMen perpetratorsWomen perpetratorsUnknownSex
    allegationsWithUnknownPerpetrators victims { women girls femaleUnknownAge men boys maleUnknownAge unknown total minors } }
  rows { key { headlineLine incidentYear investigationStatus } counts { allegations } }
  complete missingSources sources { source status } notices
  provenance { source status dataVersion answeredAt } unsubmittedEntities { entity quarters }
}`;

/** The one GraphQL request of a quarterly update. */
export function quarterlyRequest(period: Period): { query: string; variables: Record<string, unknown> } {
  const fields = VIEWS.map(
    (v) => `${v.alias}: allegationStatistics(filter: $period, groupBy: [${v.groupBy.join(', ')}], asOf: $asOf) { ...Quarterly }`,
  );
  return {
    query: `query Quarterly($period: AllegationFilter, $asOf: [SourceVersionInput!]) {\n  ${fields.join('\n  ')}\n}\n${FRAGMENT}`,
    variables: { period: periodFilter(period) },
  };
}

function breakdown(
  id: string,
  title: string,
  column: string,
  view: QuarterlyView,
  field: string,
  enumName: LabelledEnum,
  filter: string,
): Table {
  const counts = new Map(view.rows.map((r) => [r.key[field] ?? null, r.counts.allegations]));
  // Every value, in the order the updates list them, zero or not.
  const values = Object.keys(LABELS[enumName]);
  return {
    id,
    title,
    columns: [column, 'allegations'],
    rows: [
      ...values.map((value): Cell[] => [enumLabel(enumName, value), counts.get(value) ?? 0]),
      ['total', view.total.allegations],
    ],
    rowKinds: [...values.map((): RowKind => 'item'), 'total'],
    filter,
    notices: view.notices,
  };
}

/**
 * The breakdown of the quarterly updates: headline lines, incident years, victims, perpetrators
 * by sex, statuses, and then, on top of the statuses, the allegations referred to Member States.
 */
export function buildQuarterly(period: Period, producedAt: string, views: Record<string, QuarterlyView>): Annex {
  const v = (alias: string) => views[alias] as QuarterlyView;
  const all = VIEWS.map((x) => v(x.alias));
  const missing = [...new Set(all.flatMap((x) => x.missingSources))].sort();
  const total = v('byHeadline').total;
  const victims = total.victims;
  const filter = `all allegations received in the ${periodWords(period)}`;
  const notices = v('byHeadline').notices;
  const item = (n: number): RowKind[] => Array.from({ length: n }, () => 'item');
  const tables: Table[] = [
    breakdown('headline-lines', 'Allegations by headline line', 'line', v('byHeadline'), 'headlineLine', 'HeadlineLine', filter),
    breakdown(
      'incident-years',
      'Allegations by year of the incident',
      'incident',
      v('byIncidentYear'),
      'incidentYear',
      'IncidentYear',
      filter,
    ),
    {
      id: 'victims',
      title: 'Victims',
      columns: ['group', 'victims'],
      rows: [...victimGroupRows(victims), ['total', victims['total'] ?? 0]],
      rowKinds: [...item(7), 'total'],
      filter,
      notices,
    },
    {
      id: 'perpetrators',
      title: 'Alleged perpetrators by sex',
      columns: ['sex', 'alleged perpetrators'],
      rows: [
        ['men', total.perpetratorsMen],
        ['women', total.perpetratorsWomen],
        ['unknown', total.perpetratorsUnknownSex],
        ['total', total.perpetrators],
        ['allegations with an unknown number of perpetrators', total.allegationsWithUnknownPerpetrators],
      ],
      rowKinds: [...item(3), 'total', 'item'],
      filter,
      notices,
    },
    breakdown(
      'statuses',
      'Allegations by investigation status',
      'status',
      v('byStatus'),
      'investigationStatus',
      'InvestigationStatus',
      filter,
    ),
    {
      id: 'referred',
      title: 'Referred to the Member State for action (on top of the statuses above)',
      columns: ['', 'allegations'],
      rows: [['referred to the Member State for action', total.allegationsReferredToMemberState]],
      rowKinds: item(1),
      filter,
      notices,
    },
  ];
  return {
    period: periodLabel(period),
    periodWords: periodWords(period),
    producedAt,
    complete: missing.length === 0,
    sourcesIncluded: [
      ...new Set(
        v('byHeadline')
          .sources.filter((s) => s.status === 'OK')
          .map((s) => s.source),
      ),
    ],
    missingSources: missing,
    notices,
    tables,
  };
}
