import { timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { ConfigError } from '@psea/contract';
import { type Env, intVariable } from '../env-variables';
import type { ServiceMetrics } from '../metrics';
import { sendJson } from './send-json';

/** Where a service serves its metrics: never on the listener callers reach. */
export interface ManagementConfig {
  readonly host: string;
  readonly port: number;
  /** When set, /metrics answers only `Authorization: Bearer <token>`. */
  readonly token: string | undefined;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * MANAGEMENT_HOST (default 127.0.0.1), MANAGEMENT_PORT (default the service's port + 5400, or a
 * free port when the service's port is 0) and METRICS_TOKEN. A management address other than
 * loopback needs the token: metrics tell request rates, timings and errors to whoever reads them.
 */
export function readManagementConfig(env: Env, servicePort: number): ManagementConfig {
  const host = env['MANAGEMENT_HOST'] || '127.0.0.1';
  const fallback = servicePort === 0 ? 0 : servicePort + 5400;
  const port = intVariable(env, 'MANAGEMENT_PORT', fallback > 65535 ? 0 : fallback, 0, 65535);
  const token = env['METRICS_TOKEN'] || undefined;
  if (token !== undefined && token.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  if (!LOOPBACK.test(host) && token === undefined) {
    throw new ConfigError(`MANAGEMENT_HOST ${host} is not a loopback address: set METRICS_TOKEN too`);
  }
  return { host, port, token };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The management listener: /metrics (Prometheus text, behind the token when one is set) and /health. */
export function createManagementService(metrics: ServiceMetrics, token: string | undefined): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/health') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (path !== '/metrics') {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      res.setHeader('www-authenticate', 'Bearer');
      sendJson(res, 401, { error: 'a metrics token is required' });
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res.setHeader('content-type', metrics.registry.contentType);
        res.end(text);
      },
      () => sendJson(res, 500, { error: 'metrics unavailable' }),
    );
  });
}
