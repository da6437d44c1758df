import { SignJWT } from 'jose';
import { GATEWAY_ISSUER, createGatewayTokenSigner, readPrivateKey } from '@psea/auth';
import { DEV_AUDIENCE, DEV_ISSUER } from '@psea/devstack';
import {
  Role,
  Source,
  decodeStatisticsContribution,
  encodeCursor,
  encodeScope,
  filterFingerprint,
  normalizeFilter,
} from '@psea/contract';
import { sql } from './support/database';
import { TestHub, postGraphQL, startTestHub } from './support/test-hub';

describe('hardening: what an attacker who read the code would try', () => {
  let t: TestHub;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await startTestHub({
      env: { AUTH_MAX_TOKEN_AGE_SECONDS: '3600' },
      log: (service, line) => logs.push(`${service} ${line}`),
    });
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
        // The log line travels through the service's stdout: it may arrive after the answer.
        const logged = () => logs.filter((line) => line.includes(requestId)).join('\n');
        for (let i = 0; i < 50 && !/permission denied/.test(logged()); i++) await new Promise((r) => setTimeout(r, 100));
        expect(logged()).toMatch(/permission denied for table case_file/);

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

  describe('caller tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const callerToken = async (header: { typ?: string }, iat: number, exp: number) =>
      new SignJWT({ role: 'coordinator' })
        .setProtectedHeader({ alg: 'ES256', ...header })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject('mallory')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(await readPrivateKey(t.hub.keys.callerPrivateKey));
    const ask = async (token: string) =>
      postGraphQL(t.hub.gatewayUrl, '{ allegationStatistics { total { allegations } } }', undefined, token);

    it('refuses a token older than AUTH_MAX_TOKEN_AGE_SECONDS, even one that has not expired', async () => {
      const old = await ask(await callerToken({ typ: 'at+jwt' }, now() - 2 * 3600, now() + 24 * 3600));
      expect(old.status).toBe(401);
      expect(old.errors?.[0]?.message).toMatch(/older than the maximum token age/);
      const fresh = await ask(await callerToken({ typ: 'at+jwt' }, now(), now() + 24 * 3600));
      expect(fresh.status).toBe(200);
    });

    it('refuses a token without the expected typ (an ID token is not an access token)', async () => {
      for (const header of [{ typ: 'JWT' }, {}]) {
        const response = await ask(await callerToken(header, now(), now() + 300));
        expect(response.status).toBe(401);
        expect(response.errors?.[0]?.message).toMatch(/typ header is not the expected type/);
      }
    });

    it("lets a source accept the gateway's token across a few seconds of clock skew, not a minute", async () => {
      const key = await readPrivateKey(t.hub.keys.gatewayPrivateKey);
      const gatewayToken = (issuedAt: number) =>
        new SignJWT({ role: 'coordinator' })
          .setProtectedHeader({ alg: 'ES256' })
          .setIssuer(GATEWAY_ISSUER)
          .setAudience('peacekeeping')
          .setSubject('alice')
          .setIssuedAt(issuedAt)
          .setExpirationTime(issuedAt + 60)
          .sign(key);
      const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on StatisticsView { peacekeeping } } }';
      const r = [{ __typename: 'StatisticsView', scope: encodeScope({ kind: 'statistics', filter: {}, groupBy: [] }) }];
      const source = t.hub.source('peacekeeping').process.url as string;
      const ahead = await postGraphQL<any>(source, query, { r }, await gatewayToken(now() + 3));
      expect(ahead.status).toBe(200);
      expect(decodeStatisticsContribution(ahead.data._entities[0].peacekeeping, Source.PEACEKEEPING).status).toBe('OK');
      const farAhead = await postGraphQL(source, query, { r }, await gatewayToken(now() + 60));
      expect(farAhead.status).toBe(401);
    });
  });
});
