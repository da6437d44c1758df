import { Dimension } from '@psea/contract';
import { Period, periodFilter, periodLabel } from './annex-query';
import type { Annex, Cell, Table } from './annex-tables';

/** What the quarterly update asks for: the total with its counts, and three groupings. */
export interface QuarterlyView {
  total: {
    allegations: number;
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
  total { allegations allegationsReferredToMemberState perpetrators perpetratorsMen perpetratorsWomen perpetratorsUnknownSex
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

/** Words, in the order the updates use them, for each value; every value appears, zero or not. */
const HEADLINES: ReadonlyArray<[string, string]> = [
  ['UN_PERSONNEL', 'UN personnel'],
  ['IMPLEMENTING_PARTNERS', 'implementing partners'],
  ['NON_UN_FORCES', 'non-UN forces'],
];
const INCIDENT_YEARS: ReadonlyArray<[string, string]> = [
  ['REPORTING_YEAR', 'this year'],
  ['EARLIER_YEAR', 'earlier years'],
  ['UNKNOWN', 'unknown'],
];
const STATUSES: ReadonlyArray<[string, string]> = [
  ['PRELIMINARY_ASSESSMENT', 'under preliminary assessment'],
  ['UNDER_REVIEW', 'under review (limited information)'],
  ['UNDER_INVESTIGATION', 'under investigation'],
  ['SUBSTANTIATED', 'substantiated'],
  ['NOT_SUBSTANTIATED', 'not substantiated'],
  ['CLOSED_OTHER', 'closed under other circumstances'],
];

function breakdown(
  id: string,
  title: string,
  column: string,
  view: QuarterlyView,
  field: string,
  words: ReadonlyArray<[string, string]>,
): Table {
  const counts = new Map(view.rows.map((r) => [r.key[field] ?? null, r.counts.allegations]));
  return {
    id,
    title,
    columns: [column, 'allegations'],
    rows: [...words.map(([value, word]): Cell[] => [word, counts.get(value) ?? 0]), ['total', view.total.allegations]],
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
  const tables: Table[] = [
    breakdown('headline-lines', 'Allegations by headline line', 'line', v('byHeadline'), 'headlineLine', HEADLINES),
    breakdown(
      'incident-years',
      'Allegations by year of the incident',
      'incident',
      v('byIncidentYear'),
      'incidentYear',
      INCIDENT_YEARS,
    ),
    {
      id: 'victims',
      title: 'Victims',
      columns: ['group', 'victims'],
      rows: [
        ['women', victims['women'] ?? 0],
        ['girls (under 18)', victims['girls'] ?? 0],
        ['females, age unknown', victims['femaleUnknownAge'] ?? 0],
        ['men', victims['men'] ?? 0],
        ['boys (under 18)', victims['boys'] ?? 0],
        ['males, age unknown', victims['maleUnknownAge'] ?? 0],
        ['sex unknown', victims['unknown'] ?? 0],
        ['total', victims['total'] ?? 0],
      ],
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
    },
    breakdown('statuses', 'Allegations by investigation status', 'status', v('byStatus'), 'investigationStatus', STATUSES),
    {
      id: 'referred',
      title: 'Referred to the Member State for action (on top of the statuses above)',
      columns: ['', 'allegations'],
      rows: [['referred to the Member State for action', total.allegationsReferredToMemberState]],
    },
  ];
  return {
    period: periodLabel(period),
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
    notices: [...new Set(all.flatMap((x) => x.notices))],
    tables,
  };
}
