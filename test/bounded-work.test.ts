import { Client } from 'pg';
import { MAX_GROUP_BY_DIMENSIONS } from '@psea/contract';
import { sql } from './support/database';
import { TestHub, counter, startTestHub } from './support/test-hub';

const STATS = (groupBy: string, filter = '{ year: 2016 }') =>
  `{ allegationStatistics(filter: ${filter}, groupBy: [${groupBy}]) { total { allegations } rows { key { source entity allegationType } counts { allegations } } complete missingSources } }`;

/** Holds an exclusive lock on a table, so any statement reading it waits, until released. */
async function lockTable(url: string, table: string): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}

/** Statements of a source's runtime role that are running now (waiting included). */
async function runningStatements(superuserUrl: string, role: string): Promise<number> {
  const [row] = await sql(
    superuserUrl,
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND state = 'active' AND query NOT LIKE '%pg_stat_activity%'",
    [role],
  );
  return Number(row?.['n']);
}

describe('bounded work per request', () => {
  let t: TestHub;
  let superuserUrl: string;

  beforeAll(async () => {
    // The gateway waits 1.5 s for a source; a source's statements may run 4 s (the default).
    t = await startTestHub({ env: { SOURCE_TIMEOUT_MS: '1500', MAX_STATISTICS_ROWS: '40' } });
    superuserUrl = t.hub.cluster?.url('psea_agencies') as string;
  }, 120_000);
  afterAll(() => t?.stop());

  it(`refuses more than ${MAX_GROUP_BY_DIMENSIONS} groupBy dimensions, naming the limit`, async () => {
    const { data, errors } = await t.gql(STATS('SOURCE, ENTITY, YEAR, QUARTER, ALLEGATION_TYPE'));
    expect(data?.allegationStatistics ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
    expect(errors?.[0]?.message).toMatch(/at most 4 dimensions \(MAX_GROUP_BY_DIMENSIONS\)/);
  });

  it('refuses a table with more rows per source than MAX_STATISTICS_ROWS, naming the limit', async () => {
    const { errors } = await t.gql(STATS('ENTITY, MONTH, ALLEGATION_TYPE'));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy', limit: 40 });
    expect(errors?.[0]?.message).toMatch(/would return more than 40 rows \(MAX_STATISTICS_ROWS\)/);
    // Under the limit the same source answers.
    const { data } = await t.gql(STATS('ENTITY'));
    expect(data.allegationStatistics.complete).toBe(true);
  });

  it('computes and caches one table for every order of groupBy', async () => {
    const url = t.hub.source('agencies').process.metricsUrl as string;
    const misses = () => counter(url, 'psea_statistics_cache_total', { result: 'miss' });
    const before = await misses();
    const first = await t.gql(STATS('ALLEGATION_TYPE, ENTITY', '{ year: 2015 }'));
    const second = await t.gql(STATS('ENTITY, ALLEGATION_TYPE', '{ year: 2015 }'));
    expect(await misses()).toBe(before + 1);
    const rows = (r: typeof first) =>
      (r.data.allegationStatistics.rows as Array<{ key: object }>).map((x) => JSON.stringify(x)).sort();
    expect(rows(second)).toEqual(rows(first));
    expect(second.data.allegationStatistics.total).toEqual(first.data.allegationStatistics.total);
  });

  it('cancels the SQL of a request the gateway gave up on', async () => {
    const release = await lockTable(superuserUrl, 'case_file');
    try {
      const started = Date.now();
      const { data } = await t.gql(STATS('ENTITY, FINAL_ACTION', '{ year: 2014 }'));
      expect(data.allegationStatistics.missingSources).toEqual(['AGENCIES']);
      expect(Date.now() - started).toBeLessThan(3_000);
      // Without cancellation the statement would wait on the lock until its 4 s timeout.
      let running = await runningStatements(superuserUrl, 'psea_agencies_app');
      for (let i = 0; i < 20 && running > 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        running = await runningStatements(superuserUrl, 'psea_agencies_app');
      }
      expect(running).toBe(0);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await release();
    }
  });

  it('stops a statement at the source’s statement_timeout and reports the source as timed out', async () => {
    const source = t.hub.source('agencies');
    await source.process.stop();
    await source.process.start({ PORT: String(source.port), STATEMENT_TIMEOUT_MS: '300' });
    const release = await lockTable(superuserUrl, 'case_file');
    try {
      const started = Date.now();
      const { data, errors } = await t.gql(STATS('ENTITY, FINAL_ACTION', '{ year: 2013 }'));
      expect(Date.now() - started).toBeLessThan(1_400); // the source answered before the gateway's 1.5 s
      expect(data.allegationStatistics).toMatchObject({ complete: false, missingSources: ['AGENCIES'] });
      expect(errors?.map((e) => e.extensions)).toEqual([
        expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'agencies', reason: 'database-timeout' }),
      ]);
    } finally {
      await release();
      await source.process.stop();
      await t.hub.startSource('agencies');
    }
  });
});
