import {
  AllegationType,
  Dimension,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
  Source,
  TIMELINESS_COUNTS,
  enumValues,
} from '@psea/contract';
import type { ContractMapping, EnumMapping } from '../contract-mapping';
import { afterCondition } from '../filter-sql';
import { pageStatement } from '../page-query';
import { statisticsResult, statisticsStatement } from '../statistics-query';
import { SqlParams } from '../sql-params';

/** Native values spelled in lower case, so a test sees the mapping applied. */
function lowered<T extends string>(sql: string, values: Record<string, T>): EnumMapping<T> {
  return { sql, values: Object.fromEntries(enumValues(values).map((v) => [v.toLowerCase(), v])) };
}

const mapping: ContractMapping = {
  from: 'report r',
  id: 'r.id',
  reference: 'r.ref',
  entity: 'r.entity',
  reported: 'r.reported',
  incident: 'r.incident',
  allegationType: lowered('r.kind', AllegationType),
  personnelCategory: lowered('r.category', PersonnelCategory),
  nationality: 'r.nationality',
  perpetrators: 'r.perpetrators',
  perpetratorsMen: 'r.men',
  perpetratorsWomen: 'r.women',
  victims: {
    women: 'r.v_women',
    girls: 'r.v_girls',
    femaleUnknownAge: 'r.v_f',
    men: 'r.v_men',
    boys: 'r.v_boys',
    maleUnknownAge: 'r.v_m',
    unknown: 'r.v_u',
  },
  investigatingEntities: { ...lowered('r.investigators', InvestigatingEntity), list: true },
  investigationStatus: lowered('r.status', InvestigationStatus),
  investigationDays: 'r.days',
  investigationStarted: 'r.started',
  investigationCompleted: 'r.completed',
  interimActions: 'r.interim',
  finalActions: 'r.final',
  memberStateActions: 'r.state_actions',
  memberStateReferral: {
    referred: 'r.referred',
    notified: 'r.notified',
    nioRequested: 'r.nio_requested',
    nioAppointed: 'r.nio_appointed',
    response: lowered('r.response', MemberStateResponse),
    lastResponse: 'r.last_response',
  },
  paternity: lowered('r.paternity', PaternityStatus),
  assistance: 'r.assistance',
  criminalReferral: 'r.criminal',
  synthetic: 'r.synthetic',
};

const [first, second] = enumValues(Source) as [Source, Source];

describe('SQL compiled from a mapping', () => {
  it('continues a page after a position by where this source stands in the merge order', () => {
    const at = { month: '2016-05', source: second, id: '42' };
    const sql = (source: Source) => {
      const params = new SqlParams();
      return { text: afterCondition(mapping, source, at, params), values: params.values };
    };
    expect(sql(first)).toEqual({ text: 'r.reported > $1::date', values: ['2016-05-01'] });
    expect(sql(second)).toEqual({ text: '(r.reported, r.id) > ($1::date, $2::bigint)', values: ['2016-05-01', '42'] });
  });

  it('orders a page by month then id, one row more than asked, every value a parameter', () => {
    const statement = pageStatement(mapping, first, {
      kind: 'page',
      filter: { entities: ['MINUSCA'], allegationTypes: [AllegationType.SA] },
      first: 10,
    });
    expect(statement.text).toMatch(/FROM report r WHERE r\.entity = ANY\(\$1::text\[\]\) AND r\.kind = ANY\(\$2::text\[\]\)/);
    expect(statement.text).toMatch(/ORDER BY r\.reported, r\.id LIMIT \$3$/);
    expect(statement.values).toEqual([['MINUSCA'], ['sa'], 11]);
  });

  it('selects every timeliness count and reads each back into the contract', () => {
    const statement = statisticsStatement(mapping, { kind: 'statistics', filter: {}, groupBy: [] });
    for (const field of TIMELINESS_COUNTS) expect(statement.text).toContain(`AS "t_${field}"`);
    const row: Record<string, unknown> = { t_histogram: Array(49).fill(0), allegations: 3 };
    TIMELINESS_COUNTS.forEach((field, i) => (row[`t_${field}`] = i + 1));
    const { total } = statisticsResult(mapping, first, { kind: 'statistics', filter: {}, groupBy: [] }, [], [row]);
    TIMELINESS_COUNTS.forEach((field, i) => expect(total.timeliness[field]).toBe(i + 1));
    expect(total.allegations).toBe(3);
  });

  it('maps a grouped native value onto the contract', () => {
    const scope = { kind: 'statistics' as const, filter: {}, groupBy: [Dimension.ALLEGATION_TYPE] };
    const statement = statisticsStatement(mapping, scope);
    const row = { d0: 'sa', is_total: 0, t_histogram: [], allegations: 1 };
    const { rows } = statisticsResult(mapping, first, scope, statement.dimensions, [row]);
    expect(rows[0]?.key.allegationType).toBe(AllegationType.SA);
  });
});
