import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { counter, TestHub, startTestHub } from './support/test-hub';

const STATISTICS = '{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) { total { allegations } complete } }';

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
}

/** An OTLP/HTTP receiver (JSON encoding), as a collector would run it. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ExportedSpan[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = resourceSpans.resource.attributes.find((a: { key: string }) => a.key === 'service.name')?.value
            .stringValue;
          for (const scope of resourceSpans.scopeSpans ?? [])
            for (const span of scope.spans ?? []) spans.push({ service, ...span, parentSpanId: span.parentSpanId ?? '' });
        }
      }
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

async function until(check: () => boolean, withinMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('operators can see the hub: metrics per source, request ids across processes, traces', () => {
  let t: TestHub;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  const lines: Array<{ service: string; line: string }> = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    t = await startTestHub({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100', LOG_LEVEL: 'info' },
      log: (service, line) => lines.push({ service, line }),
    });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    receiver?.server.close();
  });

  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';

  it("continues the caller's trace across the gateway and every source, exported over OTLP", async () => {
    const token = await t.token({ role: 'coordinator' as never, subject: 'trace-test' });
    const response = await fetch(t.hub.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ query: STATISTICS }),
    });
    expect(((await response.json()) as any).data.allegationStatistics.total.allegations).toBe(165);
    expect(response.headers.get('x-request-id')).toBe(traceId);

    const sources = ['subgraph-peacekeeping', 'subgraph-agencies', 'subgraph-nonUnForces'];
    const expected = [
      ...sources.map((service) => [service, 'POST /graphql']),
      ['gateway', 'POST /graphql'],
      ...['peacekeeping', 'agencies', 'non-un-forces'].map((source) => ['gateway', `call ${source}`]),
    ];
    await until(
      () =>
        expected.every(([service, name]) =>
          receiver.spans.some((x) => x.traceId === traceId && x.service === service && x.name === name),
        ),
      10_000,
    );
    const ours = receiver.spans.filter((s) => s.traceId === traceId);
    const gatewayServer = ours.find((s) => s.service === 'gateway' && s.name === 'POST /graphql');
    expect(gatewayServer?.parentSpanId).toBe(callerSpanId);
    for (const [service, source] of [
      ['subgraph-peacekeeping', 'peacekeeping'],
      ['subgraph-agencies', 'agencies'],
      ['subgraph-nonUnForces', 'non-un-forces'],
    ]) {
      const call = ours.find((s) => s.service === 'gateway' && s.name === `call ${source}`);
      expect(call?.parentSpanId).toBe(gatewayServer?.spanId);
      const served = ours.find((s) => s.service === service && s.name === 'POST /graphql');
      expect(served?.parentSpanId).toBe(call?.spanId);
    }
  });

  it('writes JSON logs in which one request id follows the request through every process', async () => {
    await until(() => lines.filter((l) => l.line.includes(traceId)).length >= 4, 5_000);
    const requestLines = lines
      .filter((l) => l.line.includes(traceId))
      .map((l) => ({ service: l.service, entry: JSON.parse(l.line) }))
      .filter((l) => l.entry.msg === 'request');
    expect(new Set(requestLines.map((l) => l.service))).toEqual(
      new Set(['gateway', 'peacekeeping', 'agencies', 'non-un-forces']),
    );
    for (const l of requestLines) expect(l.entry).toMatchObject({ requestId: traceId, route: '/graphql', status: 200 });
  });

  it('counts calls per source by outcome and reason, times them, and says which source is down', async () => {
    // The gateway's metrics are on its management listener, not the public one.
    const url = t.hub.gateway.metricsUrl as string;
    const before = await counter(url, 'psea_source_requests_total', { source: 'agencies', outcome: 'unavailable' });
    await t.hub.stopSource('agencies');
    try {
      const { data } = await t.gql(STATISTICS);
      expect(data.allegationStatistics.complete).toBe(false);
      expect(
        await counter(url, 'psea_source_requests_total', { source: 'agencies', outcome: 'unavailable', reason: 'unreachable' }),
      ).toBe(before + 1);
      expect(await counter(url, 'psea_source_up', { source: 'agencies' })).toBe(0);
      expect(await counter(url, 'psea_source_up', { source: 'peacekeeping' })).toBe(1);
      expect(
        await counter(url, 'psea_source_request_duration_seconds_count', { source: 'peacekeeping', outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(2);
      const warning = lines.find((l) => l.service === 'gateway' && /"source":"agencies","reason":"unreachable"/.test(l.line));
      expect(JSON.parse(warning?.line ?? '{}')).toMatchObject({
        msg: 'source unavailable',
        requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
    } finally {
      await t.hub.startSource('agencies');
    }
    await t.gql(STATISTICS);
    expect(await counter(url, 'psea_source_up', { source: 'agencies' })).toBe(1);
  });

  it("continues the caller's trace through Hive Gateway to every source and the system view", async () => {
    await t.hub.useTopology('hive');
    const hiveTrace = '5cf92f3577b34da6a3ce929d0e0e4737';
    const token = await t.token({ role: 'coordinator' as never, subject: 'trace-test-hive' });
    const response = await fetch(t.hub.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${hiveTrace}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ query: STATISTICS }),
    });
    expect(((await response.json()) as any).data.allegationStatistics.total.allegations).toBe(165);
    expect(response.headers.get('x-request-id')).toBe(hiveTrace);
    const sources = [
      ['subgraph-peacekeeping', 'peacekeeping'],
      ['subgraph-agencies', 'agencies'],
      ['subgraph-nonUnForces', 'non-un-forces'],
    ];
    await until(
      () =>
        receiver.spans.some((x) => x.traceId === hiveTrace && x.service === 'gateway' && x.name === 'POST /graphql') &&
        sources.every(([service, source]) =>
          [
            [service, 'POST /graphql'],
            ['gateway', `call ${source}`],
          ].every(([s, name]) => receiver.spans.some((x) => x.traceId === hiveTrace && x.service === s && x.name === name)),
        ),
      10_000,
    );
    const ours = receiver.spans.filter((s) => s.traceId === hiveTrace);
    const gatewayServer = ours.find((s) => s.service === 'gateway' && s.name === 'POST /graphql');
    expect(gatewayServer?.parentSpanId).toBe(callerSpanId);
    for (const [service, source] of sources) {
      const call = ours.find((s) => s.service === 'gateway' && s.name === `call ${source}`);
      expect(call?.parentSpanId).toBe(gatewayServer?.spanId);
      const served = ours.find((s) => s.service === service && s.name === 'POST /graphql');
      expect(served?.parentSpanId).toBe(call?.spanId);
    }
    // The system view's own service joins the trace under the request's span.
    const systemView = ours.filter((s) => s.service !== 'gateway' && !sources.some(([service]) => service === s.service));
    expect(systemView.length).toBeGreaterThan(0);
    for (const span of systemView.filter((s) => s.name === 'POST /graphql')) {
      expect(span.parentSpanId).toBe(gatewayServer?.spanId);
    }
  }, 180_000);
});
