import { createGatewayTokenSigner, readPrivateKey } from '@psea/auth';
import { Role, encodeCursor, encodeScope, filterFingerprint, normalizeFilter } from '@psea/contract';
import { sql } from './support/database';
import { TestHub, startTestHub } from './support/test-hub';

describe('hardening: what an attacker who read the code would try', () => {
  let t: TestHub;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await startTestHub({ log: (service, line) => logs.push(`${service} ${line}`) });
  }, 120_000);
  afterAll(() => t?.stop());

  describe('metrics', () => {
    it('are not served on the listener callers reach, on the gateway or any source', async () => {
      const services = [t.hub.gatewayUrl, ...[...t.hub.sources.values()].map((s) => s.process.url as string)];
      for (const url of services) {
        expect((await fetch(url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
        expect((await fetch(url.replace(/\/graphql$/, '/health'))).status).toBe(200);
      }
    });

    it('are served on a management listener bound to loopback', async () => {
      const processes = [t.hub.gateway, ...[...t.hub.sources.values()].map((s) => s.process)];
      for (const service of processes) {
        const metricsUrl = new URL(service.metricsUrl as string);
        expect(metricsUrl.hostname).toBe('127.0.0.1');
        expect(metricsUrl.port).not.toBe(new URL(service.url as string).port);
        const response = await fetch(metricsUrl);
        expect(response.status).toBe(200);
        expect(await response.text()).toMatch(/psea_http_request_duration_seconds/);
      }
    });

    it('ask for the token when METRICS_TOKEN is set', async () => {
      const source = t.hub.source('peacekeeping');
      const token = 'a-long-enough-metrics-token';
      await source.process.stop();
      await source.process.start({ PORT: String(source.port), METRICS_TOKEN: token });
      try {
        const url = source.process.metricsUrl as string;
        expect((await fetch(url)).status).toBe(401);
        expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
        const allowed = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        expect(allowed.status).toBe(200);
        expect(await allowed.text()).toMatch(/psea_sql_statements_total/);
      } finally {
        await source.process.stop();
        await t.hub.startSource('peacekeeping');
      }
    });
  });

  describe('internal errors', () => {
    const pageScope = encodeScope({ kind: 'page', filter: { sources: ['AGENCIES'] } as never, first: 5 });
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AllegationPageView { agencies { status items { id } } } } }`;

    it('never leave a source: a fixed message and a request id, the detail only in its log', async () => {
      const superuser = t.hub.cluster?.url('psea_agencies') as string;
      await sql(superuser, 'REVOKE SELECT ON case_file FROM psea_agencies_app');
      try {
        const sign = createGatewayTokenSigner(await readPrivateKey(t.hub.keys.gatewayPrivateKey));
        const response = await fetch(t.hub.source('agencies').process.url as string, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${await sign('agencies', { subject: 'alice', role: Role.COORDINATOR })}`,
          },
          body: JSON.stringify({ query: entities, variables: { r: [{ __typename: 'AllegationPageView', scope: pageScope }] } }),
        });
        const requestId = response.headers.get('x-request-id') as string;
        const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
        expect(requestId).toMatch(/^[0-9a-f-]{32,36}$/);
        expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        expect(JSON.stringify(body)).not.toMatch(/permission|case_file|SELECT/i);
        const logged = logs.filter((line) => line.includes(requestId));
        expect(logged.join('\n')).toMatch(/permission denied for table case_file/);

        // Through the gateway the source is missing, and its detail does not travel either.
        const { data, errors } = await t.gql(
          '{ allegations(filter: { sources: [AGENCIES] }, first: 5) { items { id } complete missingSources } }',
        );
        expect(data.allegations).toMatchObject({ complete: false, missingSources: ['AGENCIES'] });
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'agencies', reason: 'error' });
        expect(JSON.stringify(errors)).not.toMatch(/permission|case_file/i);
      } finally {
        await sql(superuser, 'GRANT SELECT ON case_file TO psea_agencies_app');
      }
    });

    it('answers a forged cursor whose id overflows bigint as bad input', async () => {
      const filter = normalizeFilter({ sources: ['AGENCIES'] });
      const cursor = encodeCursor(
        { month: '2016-01', source: 'AGENCIES' as never, id: '9999999999999999999' },
        filterFingerprint(filter),
      );
      const { data, errors } = await t.gql(
        'query($after: String) { allegations(filter: { sources: [AGENCIES] }, first: 2, after: $after) { items { id } } }',
        { after: cursor },
      );
      expect(data?.allegations ?? null).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      const id = await t.gql('{ allegation(id: "agencies:9999999999999999999") { allegation { id } } }');
      expect(id.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    });
  });
});
