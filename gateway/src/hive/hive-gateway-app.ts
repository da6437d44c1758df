import { createGatewayRuntime } from '@graphql-hive/gateway';
import type { Caller } from '@psea/contract';
import { Logger, NO_EXPORT, RequestSpan, ServiceMetrics, Tracing, createHttpService } from '@psea/service';
import type { GatewayApp } from '../app';
import type { GatewayConfig } from '../config';
import { SourceMetrics } from '../datasources/source-metrics';
import { pageRoutes } from '../http/page-routes';
import { SYSTEM_VIEW } from '@psea/composition';
import { hiveGraphQLRoute } from './hive-graphql-route';
import { CallSpans } from './plugins/call-spans';
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
  /** Hive's JavaScript query planner (default), or its Rust one (`@graphql-hive/router-runtime`). */
  readonly queryPlanner?: QueryPlanner;
}

export type QueryPlanner = 'js' | 'rust';

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
  const spans = new CallSpans(options.tracing ?? NO_EXPORT);
  const runtime = createGatewayRuntime<HiveServerContext>({
    supergraph: options.supergraphSdl,
    // Loaded only when asked for: the Rust planner is a native module.
    ...(options.queryPlanner === 'rust'
      ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler }
      : {}),
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
        spans,
      }),
      useSourceFailurePolicy({ sources: config.sources, metrics: sourceMetrics, logger, spans }),
      ...requestLimitPlugins(config),
      useGatewayErrorFormat(logger),
    ],
  });
  const http = createHttpService({
    logger,
    metrics: options.metrics,
    ...(options.tracing ? { tracing: options.tracing } : {}),
    routes: {
      '/graphql': hiveGraphQLRoute(runtime, config, options.authenticate),
      // The same pages as the Apollo gateway's.
      ...pageRoutes(options.authenticate, config.production),
    },
  });
  return {
    http,
    stop: async () => {
      await runtime.dispose();
    },
  };
}
