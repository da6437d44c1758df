import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics';
import { NO_EXPORT, RequestSpan, Tracing } from '../tracing/tracing';
import { parseTraceparent } from '../tracing/traceparent';
import { ErrorCode, errorBody } from '@psea/contract';
import { sendJson } from './send-json';
import { withRequestId } from './request-id';

/** Serves one route; `span` is the request's server span, whose trace id is the request id. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, span: RequestSpan) => Promise<void> | void;

export interface HttpServiceOptions {
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  /** Exact paths, e.g. '/graphql'. */
  readonly routes: Readonly<Record<string, RouteHandler>>;
  /** Spans for requests; ids only (no export) by default. */
  readonly tracing?: Tracing;
}

/** Probes, not requests: no span, and their log lines only at debug level. */
const PROBES = new Set(['/health', '/metrics']);

/**
 * A plain HTTP server with fixed routes, request timing and no error details leaked.
 * Every request continues the caller's W3C trace (`traceparent`) or starts one; its trace id is
 * the request id of every log line about it, here and in the processes it calls, and is sent
 * back as `x-request-id`.
 */
export function createHttpService(options: HttpServiceOptions): Server {
  const tracing = options.tracing ?? NO_EXPORT;
  // Metrics are not among its routes: they are served on the management listener (management.ts).
  const routes: Record<string, RouteHandler> = { ...options.routes };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = routes[path];
    const route = handler ? path : 'unknown';
    const timer = options.metrics.httpRequests.startTimer({ route });
    const started = performance.now();
    const probe = PROBES.has(route);
    const span = tracing.startSpan(`${req.method ?? 'GET'} ${route}`, 'server', parseTraceparent(req.headers.traceparent), {
      'http.request.method': req.method ?? 'GET',
      'http.route': route,
    });
    res.setHeader('x-request-id', span.traceId);
    res.on('finish', () => {
      timer({ status: String(res.statusCode) });
      const entry = {
        requestId: span.traceId,
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      };
      if (probe) options.logger.debug(entry, 'request');
      else options.logger.info(entry, 'request');
      if (!probe) {
        span.setAttributes({ 'http.response.status_code': res.statusCode });
        span.end(res.statusCode >= 500 ? `HTTP ${res.statusCode}` : undefined);
      }
    });
    if (!handler) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    Promise.resolve(withRequestId(span.traceId, () => handler(req, res, span))).catch((error: unknown) => {
      options.logger.error({ err: error, path, requestId: span.traceId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/** Listens and resolves with the URL actually bound (port 0 picks a free port). */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish (at most `graceMs`, then cuts
 * what is left), and closes each keep-alive connection as soon as its request is done, so a
 * SIGTERM ends the service in the time its slowest request needs, not the keep-alive timeout.
 */
export function closeServer(server: Server, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const timer = setTimeout(() => {
      clearInterval(sweep);
      server.closeAllConnections();
      resolve();
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
