import { Server, createServer } from 'node:http';
import { once } from 'node:events';
import { ContributionStatus, MAX_CONTRIBUTION_ROWS, Source, encodeStatisticsContribution, zeroCounts } from '@psea/contract';
import { TEST_TOPOLOGIES, TestHub, startTestHub } from './support/test-hub';

/**
 * A statistics contribution as a rogue or broken agencies source might encode it: the shape of
 * a real one, with `tamper` applied to its payload. The figures in it are deliberately large,
 * so a total that took any of them in would show.
 */
function tamperedStatistics(tamper: (payload: Record<string, any>) => void): string {
  const counts = { ...zeroCounts(), allegations: 1000 };
  const encoded = encodeStatisticsContribution({
    source: Source.AGENCIES,
    status: ContributionStatus.OK,
    total: counts,
    rows: [{ key: { source: Source.AGENCIES }, counts }],
    dataVersion: '1',
    answeredAt: new Date().toISOString(),
  });
  const payload = JSON.parse(encoded.slice(3)) as Record<string, any>;
  tamper(payload);
  return encoded.slice(0, 3) + JSON.stringify(payload);
}

const STATISTICS = `{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) {
  total { allegations } rows { key { source } counts { allegations } } complete missingSources notices sources { source status } } }`;

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ env: { SOURCE_TIMEOUT_MS: '1500' }, topology: TEST_TOPOLOGIES[0] });
}, 300_000);
afterAll(async () => {
  await t?.stop();
});

describe.each(TEST_TOPOLOGIES)('when a source is down or slow (%s routing tier)', (topology) => {
  beforeAll(async () => {
    if (t.hub.topology !== topology) await t.hub.useTopology(topology);
  }, 180_000);

  it('reports the agencies source as unavailable when it is down, with exact totals for the others', async () => {
    await t.hub.stopSource('agencies');
    const { data, errors } = await t.gql(STATISTICS);
    const view = data.allegationStatistics;
    expect(view.complete).toBe(false);
    expect(view.missingSources).toEqual(['AGENCIES']);
    expect(view.total.allegations).toBe(103 + 20);
    expect(view.rows).toEqual([
      { key: { source: 'NON_UN_FORCES' }, counts: { allegations: 20 } },
      { key: { source: 'PEACEKEEPING' }, counts: { allegations: 103 } },
    ]);
    expect(view.sources).toContainEqual({ source: 'AGENCIES', status: 'UNAVAILABLE' });
    expect(view.notices.join(' ')).toMatch(/INCOMPLETE: AGENCIES/);
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'agencies', reason: 'unreachable' });
    expect(errors?.[0]?.message).toMatch(/agencies/);
    expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|localhost|http:|ECONNREFUSED|:\d{4,5}/);
  });

  it('keeps serving merged pages without the missing source, and says so', async () => {
    const { data } = await t.gql(
      '{ allegations(filter: { year: 2016 }, first: 500) { items { source } complete missingSources } }',
    );
    expect(data.allegations.complete).toBe(false);
    expect(data.allegations.missingSources).toEqual(['AGENCIES']);
    expect(data.allegations.items).toHaveLength(123);
    expect(data.allegations.items.some((i: { source: string }) => i.source === 'AGENCIES')).toBe(false);
  });

  it('is complete again once the source is back', async () => {
    await t.hub.startSource('agencies');
    const { data, errors } = await t.gql(STATISTICS);
    expect(errors).toBeUndefined();
    expect(data.allegationStatistics.complete).toBe(true);
    expect(data.allegationStatistics.total.allegations).toBe(165);
  });

  it('reports a source that does not answer within its timeout as unavailable', async () => {
    const pid = t.hub.source('non-un-forces').process.pid as number;
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const { data, errors } = await t.gql(STATISTICS);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(data.allegationStatistics.complete).toBe(false);
      expect(data.allegationStatistics.missingSources).toEqual(['NON_UN_FORCES']);
      expect(data.allegationStatistics.total.allegations).toBe(145);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'non-un-forces', reason: 'timeout' });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const { data } = await t.gql(STATISTICS);
    expect(data.allegationStatistics.complete).toBe(true);
  });

  describe('when a source answers statistics that do not decode', () => {
    // What answers on the agencies address meanwhile: every `_entities` call gets `encoded`.
    let encoded = '';
    let rogue: Server;
    beforeAll(async () => {
      await t.hub.stopSource('agencies');
      rogue = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const variables = (JSON.parse(body) as { variables?: { representations?: unknown[] } }).variables;
          response.setHeader('content-type', 'application/json');
          response.end(
            JSON.stringify({
              data: {
                _entities: (variables?.representations ?? []).map(() => ({ __typename: 'StatisticsView', agencies: encoded })),
              },
            }),
          );
        });
      });
      rogue.listen(t.hub.source('agencies').port, '127.0.0.1');
      await once(rogue, 'listening');
    }, 120_000);
    afterAll(async () => {
      rogue.closeAllConnections();
      rogue.close();
      await once(rogue, 'close');
      await t.hub.startSource('agencies');
    }, 120_000);

    it.each<[string, string]>([
      ['a negative count', tamperedStatistics((p) => (p['rows']['counts'][0][0] = -1000))],
      ['more rows than any source may send', tamperedStatistics((p) => (p['rows']['n'] = MAX_CONTRIBUTION_ROWS + 1))],
      ['a key that is no enum value', tamperedStatistics((p) => (p['rows']['keys']['source'][0] = 'ATLANTIS'))],
      ['another version of the encoding', 'c9.' + tamperedStatistics(() => undefined).slice(3)],
    ])('treats a source whose statistics carry %s as missing, never as figures', async (_what, tampered) => {
      encoded = tampered;
      const { data, errors } = await t.gql(STATISTICS);
      const view = data.allegationStatistics;
      expect(view.complete).toBe(false);
      expect(view.missingSources).toEqual(['AGENCIES']);
      expect(view.total.allegations).toBe(103 + 20);
      expect(view.rows).toEqual([
        { key: { source: 'NON_UN_FORCES' }, counts: { allegations: 20 } },
        { key: { source: 'PEACEKEEPING' }, counts: { allegations: 103 } },
      ]);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'agencies', reason: 'malformed' });
    });

    it('takes the same table, well formed, as figures (the rogue answers as a source would)', async () => {
      encoded = tamperedStatistics(() => undefined);
      const { data } = await t.gql(STATISTICS);
      expect(data.allegationStatistics.complete).toBe(true);
      expect(data.allegationStatistics.total.allegations).toBe(103 + 20 + 1000);
    });
  });

  it('treats a crashed source like a stopped one and recovers when it is restarted', async () => {
    await t.hub.killSource('peacekeeping');
    const down = await t.gql(STATISTICS);
    expect(down.data.allegationStatistics.missingSources).toEqual(['PEACEKEEPING']);
    expect(down.data.allegationStatistics.total.allegations).toBe(62);
    await t.hub.startSource('peacekeeping');
    const up = await t.gql(STATISTICS);
    expect(up.data.allegationStatistics.total.allegations).toBe(165);
  });
});
