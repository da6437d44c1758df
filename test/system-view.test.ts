import {
  AllegationRecord,
  Dimension,
  LIST_DIMENSIONS,
  Source,
  UNIFORMED_CATEGORIES,
  compareCursorKeys,
  cursorKeyOf,
  keyField,
  monthQuarter,
} from '@psea/contract';
import { referenceDataset } from '@psea/reference-data';
import { GraphQLResponse, TEST_TOPOLOGIES, TestHub, counter, startTestHub } from './support/test-hub';

const KEY =
  'key { source entity year quarter month allegationType personnelCategory nationality investigationStatus investigatingEntity paternity interimAction finalAction memberStateResponse actionActor incidentYear headlineLine }';
const COUNTS =
  'counts { allegations allegationsInvolvingMinors perpetrators allegationsWithUnknownPerpetrators syntheticAllegations victims { women girls femaleUnknownAge men boys maleUnknownAge unknown total minors } }';
const PER_SOURCE = `perSource { source status rows { ${KEY} ${COUNTS} } }`;

type Row = { key: Record<string, unknown>; counts: { allegations: number; victims: { total: number; minors: number } } };

/** Independent of SQL: the same grouping computed in JavaScript over the records that were loaded. */
function expectedRows(
  records: Array<AllegationRecord & { source: Source }>,
  groupBy: Dimension[],
): Map<string, { allegations: number; victims: number }> {
  // The values a record takes on a dimension: one, or for list dimensions each of its actions (or null).
  const values = (r: AllegationRecord & { source: Source }, d: Dimension): unknown[] => {
    switch (d) {
      case Dimension.SOURCE:
        return [r.source];
      case Dimension.ENTITY:
        return [r.entity];
      case Dimension.YEAR:
        return [Number(r.reported.slice(0, 4))];
      case Dimension.QUARTER:
        return [monthQuarter(r.reported)];
      case Dimension.MONTH:
        return [r.reported];
      case Dimension.ALLEGATION_TYPE:
        return [r.allegationType];
      case Dimension.PERSONNEL_CATEGORY:
        return [r.personnelCategory];
      case Dimension.NATIONALITY:
        return [UNIFORMED_CATEGORIES.includes(r.personnelCategory) ? r.nationality : null];
      case Dimension.INVESTIGATION_STATUS:
        return [r.status];
      case Dimension.INVESTIGATING_ENTITY:
        return r.investigatingEntities.length ? r.investigatingEntities : [null];
      case Dimension.PATERNITY:
        return [r.paternity];
      case Dimension.INTERIM_ACTION:
        return r.interimActions.length ? r.interimActions : [null];
      case Dimension.FINAL_ACTION: {
        const actions = [...r.finalActions, ...r.memberStateActions];
        return actions.length ? actions : [null];
      }
      case Dimension.ACTION_ACTOR: {
        const actors = [...(r.finalActions.length ? ['UN'] : []), ...(r.memberStateActions.length ? ['MEMBER_STATE'] : [])];
        return actors.length ? actors : [null];
      }
      case Dimension.MEMBER_STATE_RESPONSE:
        return [r.memberStateReferral?.response ?? null];
      case Dimension.INCIDENT_YEAR:
        return [
          r.incident === null
            ? 'UNKNOWN'
            : Number(r.incident.slice(0, 4)) >= Number(r.reported.slice(0, 4))
              ? 'REPORTING_YEAR'
              : 'EARLIER_YEAR',
        ];
      case Dimension.HEADLINE_LINE:
        return [
          r.source === Source.NON_UN_FORCES
            ? 'NON_UN_FORCES'
            : r.personnelCategory === 'IMPLEMENTING_PARTNER'
              ? 'IMPLEMENTING_PARTNERS'
              : 'UN_PERSONNEL',
        ];
    }
  };
  const rows = new Map<string, { allegations: number; victims: number }>();
  for (const r of records) {
    let keys: unknown[][] = [[]];
    for (const d of groupBy) keys = keys.flatMap((k) => values(r, d).map((v) => [...k, v]));
    for (const key of keys) {
      const id = JSON.stringify(key);
      const row = rows.get(id) ?? { allegations: 0, victims: 0 };
      row.allegations += 1;
      row.victims += Object.values(r.victims).reduce((s, n) => s + n, 0);
      rows.set(id, row);
    }
  }
  return rows;
}

function rowMap(rows: Row[], groupBy: Dimension[]): Map<string, { allegations: number; victims: number }> {
  const map = new Map<string, { allegations: number; victims: number }>();
  for (const row of rows) {
    const id = JSON.stringify(groupBy.map((d) => row.key[keyField(d)]));
    const seen = map.get(id) ?? { allegations: 0, victims: 0 };
    map.set(id, { allegations: seen.allegations + row.counts.allegations, victims: seen.victims + row.counts.victims.total });
  }
  return map;
}

let t: TestHub;

// One hub per file: PostgreSQL and the sources start once, the routing tier once per topology.
beforeAll(async () => {
  t = await startTestHub({ topology: TEST_TOPOLOGIES[0] });
}, 300_000);
afterAll(async () => {
  await t?.stop();
});

describe.each(TEST_TOPOLOGIES)('the system-wide view, end to end over real PostgreSQL and HTTP (%s routing tier)', (topology) => {
  const records2016 = [...referenceDataset().entries()].flatMap(([source, rs]) =>
    rs.filter((r) => r.reported.startsWith('2016-')).map((r) => ({ source, ...r })),
  );

  beforeAll(async () => {
    if (t.hub.topology !== topology) await t.hub.useTopology(topology);
  }, 180_000);

  it('gives the published 2016 total of 165 with the published split, MINUSCA 52', async () => {
    const { data, errors } = await t.gql(`{
      bySource: allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) { total { allegations victims { total } } rows { key { source } counts { allegations } } complete missingSources notices }
      minusca: allegationStatistics(filter: { year: 2016, entities: ["MINUSCA"] }) { total { allegations } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.bySource.total.allegations).toBe(165);
    expect(data.bySource.rows).toEqual([
      { key: { source: 'AGENCIES' }, counts: { allegations: 42 } },
      { key: { source: 'NON_UN_FORCES' }, counts: { allegations: 20 } },
      { key: { source: 'PEACEKEEPING' }, counts: { allegations: 103 } },
    ]);
    expect(data.bySource.complete).toBe(true);
    expect(data.bySource.missingSources).toEqual([]);
    expect(data.bySource.notices.join(' ')).toMatch(/SYNTHETIC/);
    expect(data.minusca.total.allegations).toBe(52);
  });

  it('gives a three-year trend with the published yearly totals', async () => {
    const { data } = await t.gql(
      '{ allegationStatistics(groupBy: [YEAR, SOURCE]) { rows { key { year source } counts { allegations } } } }',
    );
    const cell = (year: number, source: string) =>
      data.allegationStatistics.rows.find((r: Row) => r.key['year'] === year && r.key['source'] === source)?.counts.allegations ??
      0;
    expect(cell(2015, 'PEACEKEEPING') + cell(2015, 'AGENCIES')).toBe(99);
    expect(cell(2017, 'PEACEKEEPING') + cell(2017, 'AGENCIES') + cell(2017, 'NON_UN_FORCES')).toBe(138);
    expect(cell(2017, 'PEACEKEEPING')).toBe(62);
  });

  const groupings: Dimension[][] = [
    ...Object.values(Dimension).map((d) => [d]),
    [Dimension.ENTITY, Dimension.NATIONALITY, Dimension.INVESTIGATION_STATUS],
    [Dimension.QUARTER, Dimension.ALLEGATION_TYPE],
    [Dimension.PERSONNEL_CATEGORY, Dimension.SOURCE],
    [Dimension.FINAL_ACTION, Dimension.INTERIM_ACTION, Dimension.SOURCE],
    [Dimension.INVESTIGATING_ENTITY, Dimension.PERSONNEL_CATEGORY],
  ];

  it.each(groupings.map((g) => [g.join(' × '), g]))(
    'groups by %s: the consolidated rows equal the sum of the per-source rows and the records loaded',
    async (_name, groupBy) => {
      const { data, errors } = await t.gql(
        `query($g: [Dimension!]) { allegationStatistics(filter: { year: 2016 }, groupBy: $g) {
          total { allegations } rows { ${KEY} ${COUNTS} } ${PER_SOURCE} } }`,
        { g: groupBy },
      );
      expect(errors).toBeUndefined();
      const view = data.allegationStatistics;
      expect(view.perSource.map((c: { source: string; status: string }) => [c.source, c.status])).toEqual([
        ['PEACEKEEPING', 'OK'],
        ['AGENCIES', 'OK'],
        ['NON_UN_FORCES', 'OK'],
      ]);
      const perSource = view.perSource.flatMap((c: { rows: Row[] }) => c.rows);
      expect(rowMap(view.rows, groupBy)).toEqual(rowMap(perSource, groupBy));
      expect(rowMap(view.rows, groupBy)).toEqual(expectedRows(records2016, groupBy));
      if (!groupBy.some((d) => LIST_DIMENSIONS.includes(d))) {
        expect(view.rows.reduce((s: number, r: Row) => s + r.counts.allegations, 0)).toBe(165);
      }
      expect(view.total.allegations).toBe(165);
    },
  );

  it('never publishes the nationality of civilians', async () => {
    const { data } = await t.gql(
      '{ allegationStatistics(groupBy: [PERSONNEL_CATEGORY, NATIONALITY]) { rows { key { personnelCategory nationality } } } }',
    );
    for (const row of data.allegationStatistics.rows as Row[]) {
      const uniformed = UNIFORMED_CATEGORIES.includes(row.key['personnelCategory'] as never);
      expect(row.key['nationality'] === null).toBe(!uniformed);
    }
  });

  it('walks merged pages visiting every record exactly once, in the system-wide order', async () => {
    const { data: totals } = await t.gql('{ allegationStatistics { total { allegations } } }');
    const seen: Array<{ id: string; reportedMonth: string; source: Source }> = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data, errors }: GraphQLResponse<any> = await t.gql(
        'query($after: String) { allegations(first: 37, after: $after) { items { id reportedMonth source synthetic } hasNextPage endCursor complete } }',
        { after },
      );
      expect(errors).toBeUndefined();
      expect(data.allegations.complete).toBe(true);
      seen.push(...data.allegations.items);
      pages++;
      if (!data.allegations.hasNextPage) break;
      after = data.allegations.endCursor;
    }
    expect(seen.length).toBe(totals.allegationStatistics.total.allegations);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const keys = seen.map(cursorKeyOf);
    for (let i = 1; i < keys.length; i++) expect(compareCursorKeys(keys[i - 1]!, keys[i]!)).toBeLessThan(0);
    expect(pages).toBe(Math.ceil(seen.length / 37));
  });

  it('serves one source’s own page, and looks records up by id', async () => {
    const { data } = await t.gql(
      '{ allegations(filter: { sources: [AGENCIES], year: 2016 }, first: 500) { items { id source } perSource { source status items { id } hasNextPage } } }',
    );
    expect(data.allegations.items).toHaveLength(42);
    const [peacekeeping, agencies] = data.allegations.perSource;
    expect(agencies).toMatchObject({ source: 'AGENCIES', status: 'OK', hasNextPage: false });
    expect(agencies.items).toHaveLength(42);
    expect(peacekeeping).toMatchObject({ source: 'PEACEKEEPING', status: 'EXCLUDED', items: null });
    const id = data.allegations.items[0].id;
    const { data: found } = await t.gql(
      'query($id: ID!, $ids: [ID!]!) { allegation(id: $id) { allegation { id reference source entityKind synthetic } complete } allegationsById(ids: $ids) { items { id } } }',
      { id, ids: [id, 'peacekeeping:999999', 'non-un-forces:1'] },
    );
    expect(found.allegation.allegation).toMatchObject({
      id,
      source: 'AGENCIES',
      entityKind: 'AGENCY_FUND_PROGRAMME',
      synthetic: true,
    });
    expect(found.allegationsById.items.map((i: { id: string }) => i.id)).toEqual([id, 'non-un-forces:1']);
  });

  it('runs one SQL statement per source for a case page, whatever the page size', async () => {
    const pk = t.hub.source('peacekeeping').process.metricsUrl as string;
    const ag = t.hub.source('agencies').process.metricsUrl as string;
    const statements = () =>
      Promise.all([counter(pk, 'psea_sql_statements_total', { operation: 'page' }), counter(ag, 'psea_sql_statements_total')]);
    const before = await statements();
    await t.gql('{ allegations(filter: { sources: [PEACEKEEPING] }, first: 5) { items { id } } }');
    const small = await statements();
    await t.gql('{ allegations(filter: { sources: [PEACEKEEPING] }, first: 500) { items { id } } }');
    const large = await statements();
    expect(small[0] - before[0]).toBe(1);
    expect(large[0] - small[0]).toBe(1);
    // Plus one audit record per case-level read, whatever its size.
    expect(await counter(pk, 'psea_sql_statements_total', { operation: 'audit' })).toBeGreaterThanOrEqual(2);
    // The agencies source is excluded by the filter: it answers without touching its database.
    expect(large[1] - before[1]).toBe(0);
    const statsBefore = await counter(pk, 'psea_sql_statements_total', { operation: 'statistics' });
    // A year no other test asks for, one per routing tier: the sources cache answers, and every
    // tier shares the sources.
    const year = 2001 + TEST_TOPOLOGIES.indexOf(topology);
    await t.gql(
      `{ allegationStatistics(filter: { year: ${year} }, groupBy: [ENTITY, NATIONALITY, INVESTIGATION_STATUS]) { rows { key { entity } } total { allegations } } }`,
    );
    expect((await counter(pk, 'psea_sql_statements_total', { operation: 'statistics' })) - statsBefore).toBe(1);
  });

  describe('bad input gets BAD_USER_INPUT naming the argument', () => {
    const cases: Array<[string, string, Record<string, unknown> | undefined, RegExp]> = [
      [
        'an unknown enum value',
        '{ allegationStatistics(filter: { allegationTypes: [XX] }) { total { allegations } } }',
        undefined,
        /AllegationType/,
      ],
      [
        'an unknown enum value in a variable',
        'query($g: [Dimension!]) { allegationStatistics(groupBy: $g) { total { allegations } } }',
        { g: ['COLOUR'] },
        /\$g.*COLOUR.*expected one of SOURCE, ENTITY/,
      ],
      [
        'a reversed period',
        '{ allegationStatistics(filter: { fromMonth: "2016-06", toMonth: "2016-01" }) { total { allegations } } }',
        undefined,
        /filter\.toMonth/,
      ],
      ['first over 500', '{ allegations(first: 501) { items { id } } }', undefined, /first/],
      ['a negative first', '{ allegations(first: -1) { items { id } } }', undefined, /first/],
      ['a malformed cursor', '{ allegations(after: "not-a-cursor") { items { id } } }', undefined, /after/],
      [
        'an unknown entity code',
        '{ allegationStatistics(filter: { entities: ["ATLANTIS"] }) { total { allegations } } }',
        undefined,
        /filter\.entities/,
      ],
      ['a malformed id', '{ allegation(id: "42") { allegation { id } } }', undefined, /\bid\b/],
      [
        'SQL metacharacters in a string argument',
        `{ allegationStatistics(filter: { entities: ["MINUSCA'; DROP TABLE allegation; --"] }) { total { allegations } } }`,
        undefined,
        /filter\.entities/,
      ],
    ];

    it.each(cases)('%s', async (_name, query, variables, message) => {
      const { data, errors } = await t.gql(query, variables);
      expect(errors).toHaveLength(1);
      expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(message);
      expect(JSON.stringify(errors)).not.toMatch(/stack|SELECT|127\.0\.0\.1|http:/);
      expect(data?.['allegations'] ?? data?.['allegationStatistics'] ?? data?.['allegation'] ?? null).toBeNull();
    });

    it('a cursor issued for another filter', async () => {
      const { data } = await t.gql('{ allegations(filter: { year: 2016 }, first: 1) { endCursor } }');
      const { errors } = await t.gql('query($c: String) { allegations(filter: { year: 2017 }, after: $c) { items { id } } }', {
        c: data.allegations.endCursor,
      });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    });

    it('leaves the data as it was', async () => {
      const { data } = await t.gql('{ allegationStatistics { total { allegations } } }');
      expect(data.allegationStatistics.total.allegations).toBe(234 + 147 + 21);
    });
  });
});
