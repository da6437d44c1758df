import { TestHub, startTestHub } from './support/test-hub';

describe('hardening: what an attacker who read the code would try', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub();
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
});
