import { Client } from 'pg';
import { TestHub, startTestHub } from './support/test-hub';

const STATISTICS = `{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) { total { allegations } complete missingSources } }`;
const CASES = '{ allegations(filter: { year: 2016 }, first: 500) { items { id } complete missingSources } }';

/** Polls until `check` holds, returning how long it took; fails after `withinMs`. */
async function until(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${withinMs} ms`);
}

function exited(pid: number): Promise<void> {
  return until(async () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }, 15_000).then(() => undefined);
}

describe("npm start's supervisor and graceful shutdown", () => {
  let t: TestHub;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await startTestHub({ supervise: { announce: (line) => lines.push(line) } });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  async function complete(): Promise<boolean> {
    const { data } = await t.gql(STATISTICS);
    return data?.allegationStatistics?.complete === true && data.allegationStatistics.total.allegations === 165;
  }

  it('restarts a source killed with SIGKILL, which answers again within seconds, and says so in one line', async () => {
    const pid = t.hub.source('peacekeeping').process.pid as number;
    const port = t.hub.source('peacekeeping').port;
    process.kill(pid, 'SIGKILL');
    await exited(pid);
    const { data } = await t.gql(STATISTICS);
    expect(data.allegationStatistics).toMatchObject({ complete: false, missingSources: ['PEACEKEEPING'] });
    // About 3 s on an idle 2-core machine; the bound leaves room for a loaded one.
    const took = await until(complete, 30_000);
    expect(took).toBeLessThan(30_000);
    expect(t.hub.source('peacekeeping').process.pid).not.toBe(pid);
    expect(t.hub.source('peacekeeping').process.url).toContain(`:${port}/`);
    expect(lines.filter((l) => l.startsWith('peacekeeping'))).toEqual([
      expect.stringMatching(/^peacekeeping exited \(signal SIGKILL\): restarting in 0\.\d s \(restart 1 of at most 5 in 60 s\)$/),
    ]);
  }, 60_000);

  it('restarts the gateway on the same address', async () => {
    const pid = t.hub.gateway.pid as number;
    const url = t.hub.gatewayUrl;
    process.kill(pid, 'SIGKILL');
    await exited(pid);
    // The gateway composes the supergraph from the sources' SDL as it starts.
    await until(complete, 45_000);
    expect(t.hub.gatewayUrl).toBe(url);
    expect(lines.some((l) => /^gateway exited \(signal SIGKILL\): restarting/.test(l))).toBe(true);
  }, 60_000);

  it('restarts PostgreSQL, and the sources serve again without a restart of their own', async () => {
    const sourcePids = [...t.hub.sources.values()].map((s) => s.process.pid);
    const pid = t.hub.cluster?.pid as number;
    process.kill(pid, 'SIGKILL');
    await exited(pid);
    await until(async () => (await t.gql(CASES)).data?.allegations?.items?.length === 165, 45_000);
    expect(lines.some((l) => /^PostgreSQL exited \(signal SIGKILL\): restarting/.test(l))).toBe(true);
    expect([...t.hub.sources.values()].map((s) => s.process.pid)).toEqual(sourcePids);
  }, 60_000);

  it('lets a source finish an in-flight request when stopped with SIGTERM, then exits without a restart', async () => {
    const source = t.hub.source('agencies');
    const pid = source.process.pid as number;
    // Hold the source's statement in flight: an operator's lock on its table.
    const blocker = new Client({ connectionString: source.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE case_file IN ACCESS EXCLUSIVE MODE');
      const answer = t.gql(CASES);
      await until(
        async () =>
          (
            await blocker.query(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
            )
          ).rows[0].n > 0,
        5_000,
      );
      const stopped = source.process.stop();
      await new Promise((r) => setTimeout(r, 300));
      await blocker.query('COMMIT');
      const { data, errors } = await answer;
      expect(errors).toBeUndefined();
      expect(data.allegations).toMatchObject({ complete: true, missingSources: [] });
      expect(data.allegations.items).toHaveLength(165);
      await stopped;
      await exited(pid);
    } finally {
      await blocker.end();
    }
    const after = await t.gql(STATISTICS);
    expect(after.data.allegationStatistics).toMatchObject({ complete: false, missingSources: ['AGENCIES'] });
    expect(lines.some((l) => l.startsWith('agencies'))).toBe(false);
    await t.hub.startSource('agencies');
  });
});
