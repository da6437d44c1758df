import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { Caller, ErrorCode, errorBody } from '@psea/contract';
import { Logger, RequestSpan, ServiceMetrics, Tracing, createHttpService, readBody, sendJson } from '@psea/service';
import type { GatewayApp } from '../app';
import type { GatewayConfig } from '../config';
import { SourceMetrics } from '../datasources/source-metrics';
import { authenticateRequest } from '../http/authenticate-request';
import { SYSTEM_VIEW } from '@psea/composition';
import { useGatewayErrorFormat } from './plugins/error-format.plugin';
import { requestLimitPlugins } from './plugins/request-limits.plugin';
import { useRoutingToken } from './plugins/routing-token.plugin';
import { useSourceFailurePolicy } from './plugins/source-failure.plugin';

export interface HiveGatewayAppOptions {
  readonly config: GatewayConfig;
  readonly supergraphSdl: string;
  /** The system view's own service: Hive Gateway always runs the split topology. */
  readonly systemViewUrl: string;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly authenticate: (authorization: string | undefined) => Promise<Caller>;
  readonly signForSource: (audience: string, caller: Caller | 'gateway') => Promise<string>;
  readonly tracing?: Tracing;
}

/** What Hive Gateway's GraphQL context gets from the route: who is asking. */
interface HiveServerContext {
  readonly caller: Caller;
  readonly span: RequestSpan;
}

/**
 * Hive Gateway on the hub's supergraph, the second federation engine. Around it, the same HTTP
 * service as the Apollo gateway (request ids, metrics, /health); inside it, plugins only for what
 * the hub needs, each reusing the Apollo gateway's module for the concept: caller tokens
 * (packages/auth), the routing-tier token to every subgraph, the request limits, the failure
 * policy and the error formatter.
 */
export async function createHiveGatewayApp(options: HiveGatewayAppOptions): Promise<GatewayApp> {
  const { config, logger } = options;
  const sourceMetrics = new SourceMetrics(
    options.metrics.registry,
    config.sources.map((s) => s.name),
  );
  // Subgraphs are called where the configuration says (sources.json or <NAME>_URL), whatever
  // URL was composed in, as the Apollo gateway does.
  const locations: Record<string, string> = {
    ...Object.fromEntries(config.sources.map((s) => [s.name, s.url])),
    [SYSTEM_VIEW]: options.systemViewUrl,
  };
  const runtime = createGatewayRuntime<HiveServerContext>({
    supergraph: options.supergraphSdl,
    transportEntries: Object.fromEntries(Object.entries(locations).map(([name, location]) => [name, { location }])),
    upstreamTimeout: config.sourceTimeoutMs,
    maskedErrors: false,
    graphiql: false,
    landingPage: false,
    logging: false,
    graphqlEndpoint: '/graphql',
    plugins: () => [
      useRoutingToken({
        audienceByUrl: new Map(Object.entries(locations).map(([name, url]) => [url, name])),
        sign: options.signForSource,
      }),
      useSourceFailurePolicy({ sources: config.sources, metrics: sourceMetrics, logger }),
      ...requestLimitPlugins(config),
      useGatewayErrorFormat(logger),
    ],
  });
  const http = createHttpService({
    logger,
    metrics: options.metrics,
    ...(options.tracing ? { tracing: options.tracing } : {}),
    routes: {
      '/graphql': async (req, res, span) => {
        if (!isJsonPost(req)) {
          refuseForgeable(res);
          return;
        }
        const caller = await authenticateRequest(options.authenticate, req, res);
        if (!caller) return;
        const body = await readBody(req, config.limits.maxBodyBytes);
        if (body.kind === 'too-large') {
          sendJson(
            res,
            413,
            errorBody(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${config.limits.maxBodyBytes} bytes`),
          );
          return;
        }
        const request = new Request(new URL(req.url ?? '/graphql', 'http://gateway.local'), {
          method: 'POST',
          // GraphQL over HTTP's own media type: a request refused before execution answers 400, as Apollo's does.
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: body.text,
        });
        const response = await runtime.fetch(request, { caller, span });
        res.statusCode = response.status;
        response.headers.forEach((value, key) => res.setHeader(key, value));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    },
  });
  return {
    http,
    stop: async () => {
      await runtime.dispose();
    },
  };
}

/** A JSON POST: the only request a browser cannot send cross-site without a preflight. */
function isJsonPost(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

/** Apollo Server's CSRF prevention answers the same way; this router takes JSON POSTs only. */
function refuseForgeable(res: ServerResponse): void {
  sendJson(
    res,
    400,
    errorBody(
      'BAD_REQUEST',
      'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF): send it as a POST with content-type application/json',
    ),
  );
}
