import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayTokenSigner, readPrivateKey, readScreeningKey } from '@psea/auth';
import {
  Caller,
  Dimension,
  Role,
  Source,
  decodeStatisticsContribution,
  encodeScope,
  normalizeFilter,
  pseudonymize,
  sourcePseudonym,
  unIndex,
} from '@psea/contract';
import {
  AuditLog,
  DEFAULT_SCREENING_LIMITS,
  ScreeningLimiter,
  SourceRepository,
  SqlRunner,
  createDataSource,
  exportColumns,
  openDatabase,
} from '@psea/subgraph-kit';
import { ServiceMetrics, createLogger } from '@psea/service';
import { definition as nonUnForces } from '../subgraphs/non-un-forces/src';
import { sql } from './support/database';
import { psea } from './support/psea';
import { TestHub, postGraphQL, startTestHub } from './support/test-hub';

/**
 * A dataset of the test's own, with known small cells, in a year the reference dataset does not
 * use (2019): MINUSCA has one allegation in February and one in March (2019Q1 = 2), MONUSCO one
 * in May. Subject 9100001 has a substantiated allegation in MINUSCA and one closed otherwise in
 * UNHCR; subject 9100002 only one found not substantiated.
 */
const OWN_RECORDS: Record<string, Array<Record<string, string>>> = {
  peacekeeping: [
    row('T-PK-1', 'MINUSCA', '2019-02', 'SA', 'MILITARY_CONTINGENT', 'RWA', {
      victims_girls: '1',
      status: 'SUBSTANTIATED',
      subject_ids: 'UNINDEX:9100001',
    }),
    row('T-PK-2', 'MINUSCA', '2019-03', 'SE', 'POLICE_FPU', 'SEN', { victims_women: '1', status: 'UNDER_INVESTIGATION' }),
    row('T-PK-3', 'MONUSCO', '2019-05', 'SA', 'MILITARY_CONTINGENT', 'RWA', {
      victims_girls: '2',
      status: 'NOT_SUBSTANTIATED',
      subject_ids: 'UNINDEX:9100002',
    }),
  ],
  agencies: [
    row('T-AG-1', 'UNHCR', '2019-02', 'SE', 'STAFF', '', {
      victims_women: '1',
      status: 'CLOSED_OTHER',
      subject_ids: 'UNINDEX:9100001',
    }),
  ],
};

function row(
  reference: string,
  entity: string,
  reported: string,
  type: string,
  category: string,
  nationality: string,
  extra: Record<string, string>,
): Record<string, string> {
  return {
    reference,
    entity,
    reported,
    allegation_type: type,
    personnel_category: category,
    nationality,
    perpetrators: '1',
    paternity: 'NONE',
    criminal_referral: 'false',
    synthetic: 'true',
    ...extra,
  };
}

const STATS = (filter: string, groupBy = '') =>
  `{ allegationStatistics(filter: ${filter}${groupBy ? `, groupBy: [${groupBy}]` : ''}) { total { allegations } rows { key { source entity year quarter month nationality } counts { allegations } } perSource { source status total { allegations } } notices } }`;

describe('disclosure: each role gets its granularity at every source, and screening cannot enumerate', () => {
  let t: TestHub;
  let dir: string;
  let tokens: Record<'coordinator' | 'reportAuthor' | 'focalAgencies' | 'screener', string>;
  let sign: (audience: string, caller: Caller) => Promise<string>;

  const auditRows = (source: string, operation: string) =>
    sql(
      t.hub.source(source).databaseUrl,
      'SELECT subject, role, scope, records FROM audit_log WHERE operation = $1 ORDER BY id',
      [operation],
    );

  /**
   * `_entities` of one view straight at a source, with a token the gateway's key signed. An empty
   * selection asks for a contribution carried compactly (statistics): one string to decode.
   */
  const direct = async (source: string, field: string, typename: string, scopes: string[], caller: Caller, selection: string) =>
    postGraphQL<any>(
      t.hub.source(source).process.url as string,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${field}${selection ? ` { ${selection} }` : ''} } } }`,
      { r: scopes.map((scope) => ({ __typename: typename, scope })) },
      await sign(source, caller),
    );

  beforeAll(async () => {
    t = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'psea-disclosure-'));
    for (const [source, records] of Object.entries(OWN_RECORDS)) {
      const columns = exportColumns(true);
      const csv = [columns.join(','), ...records.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n');
      const file = join(dir, `${source}.csv`);
      writeFileSync(file, csv);
      const prefix = source.toUpperCase();
      const result = psea(['ingest', '--source', source, file], {
        [`${prefix}_DATABASE_URL`]: t.hub.source(source).databaseUrl,
        SCREENING_KEY_FILE: t.hub.keys.screeningKey,
        [`${prefix}_PSEUDONYM_KEY_FILE`]: t.hub.source(source).pseudonymKeyFile,
      });
      expect(result.stdout + result.stderr).toMatch(/inserted/);
    }
    tokens = {
      coordinator: await t.token({ role: Role.COORDINATOR, subject: 'alice' }),
      reportAuthor: await t.token({ role: Role.REPORT_AUTHOR, subject: 'carol' }),
      focalAgencies: await t.token({ role: Role.FOCAL_POINT, subject: 'bob', source: 'agencies', entities: ['UNHCR', 'WFP'] }),
      screener: await t.token({ role: Role.SCREENER, subject: 'dan' }),
    };
    sign = createGatewayTokenSigner(await readPrivateKey(t.hub.keys.gatewayPrivateKey));
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('report authors: publication granularity, exact, and nothing finer', () => {
    it('reproduces the published figures exactly (165 / 103 / 42 / 20, MINUSCA 52, non-UN forces 2017 = 1)', async () => {
      const bySource = await t.gql(STATS('{ year: 2016 }', 'SOURCE'), undefined, tokens.reportAuthor);
      expect(bySource.errors).toBeUndefined();
      expect(bySource.data.allegationStatistics.total.allegations).toBe(165);
      const counts = Object.fromEntries(
        bySource.data.allegationStatistics.rows.map((r: any) => [r.key.source, r.counts.allegations]),
      );
      expect(counts).toEqual({ PEACEKEEPING: 103, AGENCIES: 42, NON_UN_FORCES: 20 });
      const byEntity = await t.gql(STATS('{ year: 2016 }', 'ENTITY'), undefined, tokens.reportAuthor);
      expect(byEntity.data.allegationStatistics.rows.find((r: any) => r.key.entity === 'MINUSCA').counts.allegations).toBe(52);
      const trend = await t.gql(
        STATS('{ fromMonth: "2015-01", toMonth: "2017-12" }', 'YEAR, SOURCE'),
        undefined,
        tokens.reportAuthor,
      );
      const nuf2017 = trend.data.allegationStatistics.rows.find(
        (r: any) => r.key.year === 2017 && r.key.source === 'NON_UN_FORCES',
      );
      expect(nuf2017.counts.allegations).toBe(1);
    });

    it('answers small cells at publication granularity exactly: they are what the UN publishes', async () => {
      const { data, errors } = await t.gql(
        STATS('{ quarter: "2019Q1", entities: ["MINUSCA"], nationalities: ["RWA"], allegationTypes: [SA] }'),
        undefined,
        tokens.reportAuthor,
      );
      expect(errors).toBeUndefined();
      expect(data.allegationStatistics.total.allegations).toBe(1);
    });

    it.each([
      [
        'one month with a narrow filter (the total of one case)',
        STATS('{ fromMonth: "2019-02", toMonth: "2019-02", entities: ["MINUSCA"], nationalities: ["RWA"] }'),
        'filter.fromMonth',
      ],
      [
        'February to December, to subtract from the year',
        STATS('{ fromMonth: "2019-02", toMonth: "2019-12" }', 'ENTITY'),
        'filter.fromMonth',
      ],
      ['January to November', STATS('{ fromMonth: "2019-01", toMonth: "2019-11" }'), 'filter.toMonth'],
      ['a grouping by month', STATS('{ year: 2019 }', 'MONTH'), 'groupBy'],
      [
        // Four: more dimensions than MAX_GROUP_BY_DIMENSIONS are BAD_USER_INPUT for every role (bounded-work.test.ts).
        'four dimensions at month level, about one row per case',
        STATS('{ year: 2016 }', 'ENTITY, MONTH, ALLEGATION_TYPE, NATIONALITY'),
        'groupBy',
      ],
      [
        'month level in a cross-tab narrowed to minors',
        STATS('{ year: 2019, entities: ["MINUSCA"], involvingMinors: true }', 'NATIONALITY, MONTH'),
        'groupBy',
      ],
    ])('refuses %s with FORBIDDEN naming the argument, and returns no figure', async (_name, query, argument) => {
      const response = await t.gql(query, undefined, tokens.reportAuthor);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument });
      expect(response.data).toBeNull();
    });

    it('refuses the same when the gateway is bypassed with a gateway-signed report-author token', async () => {
      const reportAuthor: Caller = { subject: 'carol', role: Role.REPORT_AUTHOR };
      const scopeOf = (filter: Parameters<typeof normalizeFilter>[0], groupBy: Dimension[] = []) =>
        encodeScope({ kind: 'statistics', filter: normalizeFilter(filter), groupBy });
      const D = Dimension;
      // The six attacks above, as scopes forged straight for the source.
      for (const scope of [
        scopeOf({ fromMonth: '2019-02', toMonth: '2019-02', entities: ['MINUSCA'], nationalities: ['RWA'] }),
        scopeOf({ fromMonth: '2019-02', toMonth: '2019-12' }, [D.ENTITY]),
        scopeOf({ fromMonth: '2019-01', toMonth: '2019-11' }),
        scopeOf({ year: 2019 }, [D.MONTH]),
        // At most MAX_GROUP_BY_DIMENSIONS: more is BAD_USER_INPUT for every role (bounded-work.test.ts).
        scopeOf({ year: 2016 }, [D.ENTITY, D.MONTH, D.ALLEGATION_TYPE, D.NATIONALITY]),
        scopeOf({ year: 2019, entities: ['MINUSCA'], involvingMinors: true }, [D.NATIONALITY, D.MONTH]),
      ]) {
        const response = await direct('peacekeeping', 'peacekeeping', 'StatisticsView', [scope], reportAuthor, '');
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'statistics' });
        // Nothing of the contribution leaves the source: no encoded table either.
        expect(response.data?._entities?.[0]?.peacekeeping ?? null).toBeNull();
        expect(JSON.stringify(response.data)).not.toMatch(/c1\./);
      }
      const quarterly = encodeScope({ kind: 'statistics', filter: normalizeFilter({ quarter: '2019Q1' }), groupBy: [] });
      const ok = await direct('peacekeeping', 'peacekeeping', 'StatisticsView', [quarterly], reportAuthor, '');
      const answer = decodeStatisticsContribution(ok.data._entities[0].peacekeeping, Source.PEACEKEEPING);
      expect({ status: answer.status, allegations: answer.total?.allegations }).toEqual({ status: 'OK', allegations: 2 });
    });
  });

  describe('focal points: any granularity of their own entities, publication granularity elsewhere', () => {
    it("is FORBIDDEN peacekeeping's statistics by month, at the gateway and at the source", async () => {
      const response = await t.gql(STATS('{ year: 2019, sources: [PEACEKEEPING] }', 'MONTH'), undefined, tokens.focalAgencies);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'groupBy' });
      expect(response.data).toBeNull();
      const focal: Caller = { subject: 'bob', role: Role.FOCAL_POINT, source: 'agencies', entities: ['UNHCR', 'WFP'] };
      const scope = encodeScope({ kind: 'statistics', filter: normalizeFilter({ year: 2019 }), groupBy: [Dimension.MONTH] });
      const bypass = await direct('peacekeeping', 'peacekeeping', 'StatisticsView', [scope], focal, '');
      expect(bypass.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(bypass.data?._entities?.[0]?.peacekeeping ?? null).toBeNull();
    });

    it('gets peacekeeping by year and entity, exactly as the coordinator does', async () => {
      const query = STATS('{ fromMonth: "2016-01", toMonth: "2019-12", sources: [PEACEKEEPING] }', 'YEAR, ENTITY');
      const focal = await t.gql(query, undefined, tokens.focalAgencies);
      const coordinator = await t.gql(query, undefined, tokens.coordinator);
      expect(focal.errors).toBeUndefined();
      expect(focal.data.allegationStatistics.rows).toEqual(coordinator.data.allegationStatistics.rows);
      const minusca2019 = focal.data.allegationStatistics.rows.find(
        (r: any) => r.key.year === 2019 && r.key.entity === 'MINUSCA',
      );
      expect(minusca2019.counts.allegations).toBe(2);
    });

    it('gets its own entities by month, and the source audits that read', async () => {
      const before = (await auditRows('agencies', 'statistics')).length;
      const { data, errors } = await t.gql(
        STATS('{ year: 2019, entities: ["UNHCR"] }', 'MONTH'),
        undefined,
        tokens.focalAgencies,
      );
      expect(errors).toBeUndefined();
      expect(data.allegationStatistics.rows.map((r: any) => [r.key.month, r.counts.allegations])).toEqual([['2019-02', 1]]);
      const rows = await auditRows('agencies', 'statistics');
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ subject: 'bob', role: 'focal-point', records: 2 }); // one row and the total
    });

    it('is FORBIDDEN month-level figures of its own source beyond its entities', async () => {
      const response = await t.gql(STATS('{ year: 2019, sources: [AGENCIES] }', 'MONTH'), undefined, tokens.focalAgencies);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'groupBy' });
      expect(response.errors?.[0]?.message).toMatch(/filter\.entities/);
    });
  });

  describe('coordinators: everything, and every finer read is audited at the source that answered', () => {
    it('writes an audit row at each source for month-level statistics, and says so in the answer', async () => {
      const before = Object.fromEntries(
        await Promise.all(
          ['peacekeeping', 'agencies', 'non-un-forces'].map(async (s) => [s, (await auditRows(s, 'statistics')).length]),
        ),
      );
      const { data, errors } = await t.gql(STATS('{ year: 2019 }', 'SOURCE, MONTH'), undefined, tokens.coordinator);
      expect(errors).toBeUndefined();
      expect(data.allegationStatistics.total.allegations).toBe(4);
      expect(data.allegationStatistics.notices.join(' ')).toMatch(/finer than publication granularity/i);
      for (const [source, rowsReturned] of [
        // Rows returned plus the total.
        ['peacekeeping', 4],
        ['agencies', 2],
        ['non-un-forces', 1],
      ] as const) {
        const rows = await auditRows(source, 'statistics');
        expect(rows).toHaveLength(before[source] + 1);
        expect(rows.at(-1)).toMatchObject({ subject: 'alice', role: 'coordinator', records: rowsReturned });
        expect((rows.at(-1)?.['scope'] as { groupBy: string[] }).groupBy).toEqual(['SOURCE', 'MONTH']);
      }
      const summary = await t.gql('{ auditSummary { rows { source operation role requests } } }', undefined, tokens.coordinator);
      expect(summary.data.auditSummary.rows).toContainEqual(
        expect.objectContaining({ source: 'PEACEKEEPING', operation: 'statistics', role: 'coordinator' }),
      );
    });

    it('writes no statistics audit row for a read at publication granularity', async () => {
      const before = (await auditRows('peacekeeping', 'statistics')).length;
      const again = await t.gql(STATS('{ year: 2019 }', 'QUARTER, ENTITY'), undefined, tokens.coordinator);
      expect(again.errors).toBeUndefined();
      expect(again.data.allegationStatistics.notices.join(' ')).not.toMatch(/finer than publication/i);
      expect(await auditRows('peacekeeping', 'statistics')).toHaveLength(before);
    });
  });

  describe('a source stricter than the hub, by its registration', () => {
    it('refuses at the source a dimension it does not publish, to anyone but a coordinator, whose read it audits', async () => {
      const url = t.hub.source('non-un-forces').databaseUrl;
      const dataSource = await openDatabase(createDataSource({ url, migrations: [], poolSize: 1 }));
      const limiter = await ScreeningLimiter.create(
        { ...DEFAULT_SCREENING_LIMITS, perMinute: 1, perDay: 1 },
        { kind: 'memory' },
        createLogger('t', 'silent'),
      );
      try {
        const runner = new SqlRunner(dataSource, new ServiceMetrics('test-non-un-forces'));
        const repository = new SourceRepository(nonUnForces.source, nonUnForces.mapping, runner, new AuditLog(runner), {
          screening: { pseudonymKey: Buffer.alloc(32, 1), limiter },
          disclosure: { unpublished: [Dimension.NATIONALITY] },
        });
        const scope = (filter: Parameters<typeof normalizeFilter>[0], groupBy: Dimension[]) =>
          ({ kind: 'statistics', filter: normalizeFilter(filter), groupBy }) as const;
        const reportAuthor: Caller = { subject: 'carol', role: Role.REPORT_AUTHOR };
        await expect(repository.statistics(scope({ year: 2016 }, [Dimension.NATIONALITY]), reportAuthor)).rejects.toMatchObject({
          extensions: { code: 'FORBIDDEN', argument: 'groupBy' },
        });
        await expect(
          repository.statistics(scope({ year: 2016, nationalities: ['FRA'] }, []), reportAuthor),
        ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', argument: 'filter.nationalities' } });
        expect((await repository.statistics(scope({ year: 2016 }, [Dimension.ENTITY]), reportAuthor)).total?.allegations).toBe(
          20,
        );
        const before = (await auditRows('non-un-forces', 'statistics')).length;
        const coordinator = await repository.statistics(scope({ year: 2016 }, [Dimension.NATIONALITY]), {
          subject: 'alice',
          role: Role.COORDINATOR,
        });
        expect(coordinator.total?.allegations).toBe(20);
        expect(await auditRows('non-un-forces', 'statistics')).toHaveLength(before + 1);
      } finally {
        await limiter.close();
        await dataSource.destroy();
      }
    });
  });

  describe('screening cannot be used to enumerate', () => {
    const SCREEN = (index: string, fields = 'matched contactEntities complete') =>
      `{ screen(subject: { unIndexNumber: "${index}" }) { ${fields} } }`;

    it('tells a screener only whether there is a match, whom to contact, and whether the view is complete', async () => {
      const { data, errors } = await t.gql(SCREEN('9100001'), undefined, tokens.screener);
      expect(errors).toBeUndefined();
      expect(data.screen).toEqual({ matched: true, contactEntities: ['MINUSCA'], complete: true });
      const details = await t.gql(SCREEN('9100001', 'matched matches { entity year }'), undefined, tokens.screener);
      expect(details.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(JSON.stringify(details.data)).not.toMatch(/2019/);
    });

    it('reports only substantiated or pending allegations, details for coordinators', async () => {
      const coordinator = await t.gql(
        SCREEN('9100001', 'matched contactEntities matches { source entity year investigationStatus }'),
        undefined,
        tokens.coordinator,
      );
      expect(coordinator.data.screen.matches).toEqual([
        { source: 'PEACEKEEPING', entity: 'MINUSCA', year: 2019, investigationStatus: 'SUBSTANTIATED' },
      ]);
      const unsubstantiated = await t.gql(
        SCREEN('9100002', 'matched contactEntities matches { entity }'),
        undefined,
        tokens.coordinator,
      );
      expect(unsubstantiated.data.screen).toEqual({ matched: false, contactEntities: [], matches: [] });
    });

    it('refuses two screenings in one request, as aliases or through a fragment', async () => {
      for (const query of [
        '{ a: screen(subject: { unIndexNumber: "9100001" }) { matched } b: screen(subject: { unIndexNumber: "9100002" }) { matched } }',
        '{ a: screen(subject: { unIndexNumber: "9100001" }) { matched } ...F } fragment F on Query { b: screen(subject: { unIndexNumber: "9100003" }) { matched } }',
      ]) {
        const response = await t.gql(query, undefined, tokens.screener);
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'screen' });
        expect(response.data ?? null).toBeNull();
      }
    });

    it('refuses two screenings in one request at a source too, for a gateway-signed token', async () => {
      const screener: Caller = { subject: 'dan', role: Role.SCREENER };
      const key = readScreeningKey(t.hub.keys.screeningKey);
      const scopes = ['9100001', '9100002'].map((n) =>
        encodeScope({ kind: 'screening', pseudonyms: [pseudonymize(key, unIndex(n))] }),
      );
      const response = await direct('peacekeeping', 'peacekeeping', 'ScreeningView', scopes, screener, 'status contactEntities');
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'screen' });
      expect(JSON.stringify(response.data)).not.toMatch(/MINUSCA/);
    });

    it("answers a screener's token at a source with whom to contact only, never the details", async () => {
      const key = readScreeningKey(t.hub.keys.screeningKey);
      const scope = encodeScope({ kind: 'screening', pseudonyms: [pseudonymize(key, unIndex('9100001'))] });
      const selection = 'status contactEntities matches { entity year investigationStatus }';
      const screener = await direct(
        'peacekeeping',
        'peacekeeping',
        'ScreeningView',
        [scope],
        { subject: 'lee', role: Role.SCREENER },
        selection,
      );
      expect(screener.data._entities[0].peacekeeping).toEqual({ status: 'OK', contactEntities: ['MINUSCA'], matches: null });
      const coordinator = await direct(
        'peacekeeping',
        'peacekeeping',
        'ScreeningView',
        [scope],
        { subject: 'alice', role: Role.COORDINATOR },
        selection,
      );
      expect(coordinator.data._entities[0].peacekeeping.matches).toEqual([
        { entity: 'MINUSCA', year: 2019, investigationStatus: 'SUBSTANTIATED' },
      ]);
    });

    it('answers 30 screenings a minute for one screener, then RATE_LIMITED with the time to wait', async () => {
      const erin = await t.token({ role: Role.SCREENER, subject: 'erin' });
      const outcomes: string[] = [];
      for (let i = 0; i < 100; i++) {
        const response = await t.gql(SCREEN(String(9200000 + i), 'matched'), undefined, erin);
        outcomes.push(response.errors ? String(response.errors[0]?.extensions?.['code']) : 'OK');
        if (response.errors) expect(Number(response.errors[0]?.extensions?.['retryAfterSeconds'])).toBeGreaterThan(0);
      }
      expect(outcomes.slice(0, 30)).toEqual(Array(30).fill('OK'));
      expect(outcomes.slice(30)).toEqual(Array(70).fill('RATE_LIMITED'));
      // Another screener is not held back by erin's limit.
      expect((await t.gql(SCREEN('9100001', 'matched'), undefined, tokens.screener)).errors).toBeUndefined();
    });

    it('holds the limit at a source as well, for a gateway-signed token that bypasses the gateway', async () => {
      const frank: Caller = { subject: 'frank', role: Role.SCREENER };
      const key = readScreeningKey(t.hub.keys.screeningKey);
      const outcomes: string[] = [];
      for (let i = 0; i < 35; i++) {
        const scope = encodeScope({ kind: 'screening', pseudonyms: [pseudonymize(key, unIndex(String(9300000 + i)))] });
        const response = await direct('agencies', 'agencies', 'ScreeningView', [scope], frank, 'status');
        outcomes.push(response.errors ? String(response.errors[0]?.extensions?.['code']) : 'OK');
      }
      expect(outcomes).toEqual([...Array(30).fill('OK'), ...Array(5).fill('RATE_LIMITED')]);
    });

    it('keeps no pseudonym of a subject who did not match in any audit log, only that a screening happened', async () => {
      const key = readScreeningKey(t.hub.keys.screeningKey);
      const identifier = unIndex('9499999');
      const deployment = pseudonymize(key, identifier);
      const response = await t.gql(SCREEN('9499999', 'matched'), undefined, tokens.coordinator);
      expect(response.data.screen.matched).toBe(false);
      for (const source of ['peacekeeping', 'agencies', 'non-un-forces']) {
        const stored = sourcePseudonym(readScreeningKey(t.hub.source(source).pseudonymKeyFile), deployment);
        const log = JSON.stringify(await sql(t.hub.source(source).databaseUrl, 'SELECT to_jsonb(a) AS row FROM audit_log a'));
        expect(log).not.toContain(deployment);
        expect(log).not.toContain(stored);
        expect(log).not.toContain('9499999');
        const last = (await auditRows(source, 'screening')).at(-1);
        expect(last).toMatchObject({ subject: 'alice', records: 0, scope: { kind: 'screening', identifiers: 1 } });
      }
    });

    it("stores only values keyed by the source's own key: the deployment key alone cannot recompute them", async () => {
      const key = readScreeningKey(t.hub.keys.screeningKey);
      const deployment = pseudonymize(key, unIndex('9100001'));
      const url = t.hub.source('peacekeeping').databaseUrl;
      const stored = (await sql(url, 'SELECT pseudonym FROM subject_pseudonym')).map((r) => r['pseudonym']);
      expect(stored).not.toContain(deployment);
      expect(stored).toContain(sourcePseudonym(readScreeningKey(t.hub.source('peacekeeping').pseudonymKeyFile), deployment));
      // Two sources key the same person differently: their databases cannot be joined either.
      const agencies = (await sql(t.hub.source('agencies').databaseUrl, 'SELECT pseudonym FROM subject_pseudonym')).map(
        (r) => r['pseudonym'],
      );
      expect(agencies.filter((p) => stored.includes(p))).toEqual([]);
    });

    it('shares one quota between two limiters on one PostgreSQL store, as replicated gateways do', async () => {
      const url = await (t.hub.cluster as NonNullable<TestHub['hub']['cluster']>).ensureDatabase('psea_rate_limits');
      const logger = createLogger('test', 'silent');
      const replicas = await Promise.all(
        [1, 2].map(() =>
          ScreeningLimiter.create({ ...DEFAULT_SCREENING_LIMITS, perMinute: 5, perDay: 100 }, { kind: 'postgres', url }, logger),
        ),
      );
      try {
        const [a, b] = replicas as [ScreeningLimiter, ScreeningLimiter];
        for (const replica of [a, b, a, b, a]) await replica.consume('gina');
        await expect(b.consume('gina')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
        await expect(a.consume('gina')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
        await a.consume('hal');
      } finally {
        await Promise.all(replicas.map((r) => r.close()));
      }
    });

    it('re-keys pseudonyms stored before sources had keys, and will not serve screening until they are', async () => {
      const url = t.hub.source('agencies').databaseUrl;
      const deployment = pseudonymize(readScreeningKey(t.hub.keys.screeningKey), unIndex('9600001'));
      const [holder] = await sql(url, 'SELECT allegation_id::text AS id FROM subject_pseudonym ORDER BY allegation_id LIMIT 1');
      // A writer that knows nothing of source keys fails loudly instead of storing unfindable values.
      await expect(
        sql(url, 'INSERT INTO subject_pseudonym (allegation_id, pseudonym) VALUES ($1, $2)', [holder?.['id'], deployment]),
      ).rejects.toThrow(/keyed_by_source/);
      await sql(url, 'INSERT INTO subject_pseudonym (allegation_id, pseudonym, keyed_by_source) VALUES ($1, $2, false)', [
        holder?.['id'],
        deployment,
      ]);
      await t.hub.stopSource('agencies');
      await expect(t.hub.startSource('agencies')).rejects.toThrow(/predate this source's own key/);
      const seeded = psea(['seed', '--source', 'agencies'], {
        AGENCIES_DATABASE_URL: url,
        SCREENING_KEY_FILE: t.hub.keys.screeningKey,
        AGENCIES_PSEUDONYM_KEY_FILE: t.hub.source('agencies').pseudonymKeyFile,
      });
      expect(seeded.status).toBe(0);
      await t.hub.startSource('agencies');
      const stored = (await sql(url, 'SELECT pseudonym FROM subject_pseudonym WHERE NOT keyed_by_source')).length;
      expect(stored).toBe(0);
      const { data } = await t.gql(SCREEN('9600001', 'matched contactEntities'), undefined, tokens.coordinator);
      expect(data.screen.matched).toBe(true);
    });

    it("never gives a source's service the deployment's screening key or the gateway's signing key", () => {
      for (const source of ['peacekeeping', 'agencies', 'non-un-forces']) {
        const pid = t.hub.source(source).process.pid as number;
        const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        expect(environment.filter((v) => /^(SCREENING_KEY_FILE|GATEWAY_SIGNING_KEY_FILE|AUTH_PUBLIC_KEY_FILE)=/.test(v))).toEqual(
          [],
        );
        expect(environment.some((v) => v.startsWith('SOURCE_PSEUDONYM_KEY_FILE='))).toBe(true);
      }
    });
  });
});
