import { Client } from 'pg';
import { screeningStatement } from '@psea/subgraph-kit';
import { definition as agencies } from '../subgraphs/agencies/src/index';
import { TestHub, counter, startTestHub } from './support/test-hub';
import { sql } from './support/database';

describe('the sources’ statistics cache, and its invalidation', () => {
  let t: TestHub;
  const QUERY =
    '{ allegationStatistics(filter: { year: 2016 }, groupBy: [ALLEGATION_TYPE]) { total { allegations } rows { key { allegationType } counts { allegations } } } }';
  const hits = () =>
    counter(t.hub.source('agencies').process.metricsUrl as string, 'psea_statistics_cache_total', { result: 'hit' });

  beforeAll(async () => {
    t = await startTestHub();
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('answers a repeated request from the cache, with the same figures', async () => {
    const first = await t.gql(QUERY);
    const before = await hits();
    const second = await t.gql(QUERY);
    expect(await hits()).toBe(before + 1);
    expect(second.data).toEqual(first.data);
  });

  it('sees a change made directly in the source database (by the entity’s own system) at once', async () => {
    const url = t.hub.source('agencies').databaseUrl;
    const { data: before } = await t.gql(QUERY);
    const [row] = await sql(url, "SELECT id FROM case_file WHERE received_year = 2016 AND misconduct_type = 'abuse' LIMIT 1");
    await sql(url, "UPDATE case_file SET misconduct_type = 'exploitation' WHERE id = $1", [row?.['id']]);
    const { data: after } = await t.gql(QUERY);
    const count = (data: any, type: string) =>
      data.allegationStatistics.rows.find((r: any) => r.key.allegationType === type).counts.allegations;
    expect(count(after, 'SA')).toBe(count(before, 'SA') - 1);
    expect(count(after, 'SE')).toBe(count(before, 'SE') + 1);
    expect(after.allegationStatistics.total.allegations).toBe(165);
  });

  it('looks pseudonyms up by index, not by scanning', async () => {
    const statement = screeningStatement(agencies.mapping, ['a'.repeat(64)]);
    const client = new Client({ connectionString: t.hub.source('agencies').databaseUrl });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = (await client.query(`EXPLAIN ${statement.text}`, statement.values)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).toMatch(/subject_pseudonym_lookup|subject_pseudonym_pkey/);
      expect(plan).not.toMatch(/Seq Scan on subject_pseudonym/);
    } finally {
      await client.end();
    }
  });
});
