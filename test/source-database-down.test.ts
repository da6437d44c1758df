import { sql } from './support/database';
import { GraphQLResponse, TestHub, startTestHub } from './support/test-hub';

const STATISTICS = `{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) {
  total { allegations } rows { key { source } counts { allegations } } complete missingSources sources { source status } } }`;
const CASES = '{ allegations(filter: { year: 2016 }, first: 500) { items { id source } complete missingSources } }';
const SCREENING = '{ screen(subject: { unIndexNumber: "8000001" }) { matched complete missingSources matches { source } } }';

/**
 * What an operator sees when a database goes away: running sessions end, new ones are refused.
 * Done as the cluster's superuser: the source's own roles may not (and must not) do it.
 */
async function refuseConnections(admin: string, database: string): Promise<void> {
  await sql(admin, `ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
  await sql(admin, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
}

async function allowConnections(admin: string, database: string): Promise<void> {
  await sql(admin, `ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
}

function expectPeacekeepingMissing(errors: GraphQLResponse['errors'], reason = 'database'): void {
  expect(errors).toHaveLength(1);
  expect(errors?.[0]?.extensions).toEqual({ code: 'SOURCE_UNAVAILABLE', source: 'peacekeeping', reason });
  expect(errors?.[0]?.message).toMatch(/peacekeeping/);
  // Never internals: no SQL state, driver message, address or stack.
  expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|localhost|postgres|psea_|ECONN|:\d{4,5}|at .*\.js|terminat/i);
}

describe('when a source is up but its database is not', () => {
  let t: TestHub;
  let admin: string;
  let database: string;

  beforeAll(async () => {
    t = await startTestHub();
    admin = (t.hub.cluster as NonNullable<TestHub['hub']['cluster']>).url('postgres');
    database = new URL(t.hub.source('peacekeeping').databaseUrl).pathname.slice(1);
    // Statistics are cached per data version: a warm cache would hide the database.
    await refuseConnections(admin, database);
  }, 120_000);
  afterAll(async () => {
    if (admin) await allowConnections(admin, database).catch(() => undefined);
    await t?.stop();
  });

  it('gives exact statistics for the other sources and names the missing one', async () => {
    const { data, errors } = await t.gql(STATISTICS);
    const view = data.allegationStatistics;
    expect(view.complete).toBe(false);
    expect(view.missingSources).toEqual(['PEACEKEEPING']);
    expect(view.total.allegations).toBe(42 + 20);
    expect(view.rows).toEqual([
      { key: { source: 'AGENCIES' }, counts: { allegations: 42 } },
      { key: { source: 'NON_UN_FORCES' }, counts: { allegations: 20 } },
    ]);
    expect(view.sources).toContainEqual({ source: 'PEACEKEEPING', status: 'UNAVAILABLE' });
    expectPeacekeepingMissing(errors);
  });

  it('gives the merged case page without the source, and says so', async () => {
    const { data, errors } = await t.gql(CASES);
    expect(data.allegations.complete).toBe(false);
    expect(data.allegations.missingSources).toEqual(['PEACEKEEPING']);
    expect(data.allegations.items).toHaveLength(62);
    expect(new Set(data.allegations.items.map((i: { source: string }) => i.source))).toEqual(
      new Set(['AGENCIES', 'NON_UN_FORCES']),
    );
    expectPeacekeepingMissing(errors);
  });

  it('screens against the other sources, and says the screening is incomplete', async () => {
    const { data, errors } = await t.gql(SCREENING);
    expect(data.screen).toEqual({
      matched: true,
      complete: false,
      missingSources: ['PEACEKEEPING'],
      matches: [{ source: 'AGENCIES' }],
    });
    expectPeacekeepingMissing(errors);
  });

  it("still answers the caller's own bad input with BAD_USER_INPUT, not a missing source", async () => {
    const { data, errors } = await t.gql('{ allegations(filter: { year: 2016 }, first: 501) { complete } }');
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('serves the source again once its database is back, without a restart', async () => {
    const pid = t.hub.source('peacekeeping').process.pid;
    await allowConnections(admin, database);
    const statistics = await t.gql(STATISTICS);
    expect(statistics.errors).toBeUndefined();
    expect(statistics.data.allegationStatistics).toMatchObject({
      complete: true,
      missingSources: [],
      total: { allegations: 165 },
    });
    const cases = await t.gql(CASES);
    expect(cases.data.allegations.items).toHaveLength(165);
    const screening = await t.gql(SCREENING);
    expect(screening.data.screen.matches.map((m: { source: string }) => m.source).sort()).toEqual(['AGENCIES', 'PEACEKEEPING']);
    expect(t.hub.source('peacekeeping').process.pid).toBe(pid);
  });
  // A statement timeout (reason database-timeout) is tested in bounded-work.test.ts: the source
  // sets its own statement_timeout per session, so a database-level setting cannot provoke it.
});
