import type { Agent } from 'node:http';
import type { Server } from 'node:http';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Caller } from '@psea/contract';
import { ServiceMetrics, Logger, Tracing, createHttpService, handleGraphQLRequest } from '@psea/service';
import type { GatewayConfig } from './config';
import { SourceDataSource } from './datasources/source-data-source';
import { createSourceAgent } from './datasources/source-fetcher';
import { SourceMetrics } from './datasources/source-metrics';
import type { GatewayContext } from './gateway-context';
import { SystemViewDataSource } from './datasources/system-view-data-source';
import { SystemViewRemoteDataSource } from './datasources/system-view-remote-data-source';
import { createGatewayErrorFormatter } from './format-gateway-error';
import { SYSTEM_VIEW } from '@psea/composition';
import { pageRoutes } from './http/page-routes';
import { authenticateRequest } from './http/authenticate-request';
import { oneScreeningPerRequest } from './limits/one-screening-per-request';
import { armorOptions } from './limits/armor-options';

export interface GatewayApp {
  readonly http: Server;
  stop(): Promise<void>;
}

export type { GatewayContext } from './gateway-context';

export interface GatewayAppOptions {
  readonly config: GatewayConfig;
  readonly supergraphSdl: string;
  /** The system view in this process (embedded), or the URL of its own service (split). */
  readonly systemView: { readonly schema: GraphQLSchema } | { readonly url: string };
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  /** Verifies a caller's `Authorization` header; throws UNAUTHENTICATED. */
  readonly authenticate: (authorization: string | undefined) => Promise<Caller>;
  /** Signs the gateway's short-lived token to a source. */
  readonly signForSource: (audience: string, caller: Caller | 'gateway') => Promise<string>;
  /** Spans of requests and of calls to sources (ids only unless OTLP export is configured). */
  readonly tracing?: Tracing;
}

/** Builds the gateway: Apollo Server over Apollo Gateway, the system view in-process or its own service. */
export async function createGatewayApp(options: GatewayAppOptions): Promise<GatewayApp> {
  const { config, logger, metrics } = options;
  const agents: Agent[] = [];
  const sourceMetrics = new SourceMetrics(
    metrics.registry,
    config.sources.map((s) => s.name),
  );
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    buildService: ({ name }) => {
      if (name === SYSTEM_VIEW) {
        if ('schema' in options.systemView) return new SystemViewDataSource(options.systemView.schema);
        const agent = createSourceAgent(config.maxSocketsPerSource);
        agents.push(agent);
        return new SystemViewRemoteDataSource({
          url: options.systemView.url,
          timeoutMs: config.sourceTimeoutMs,
          agent,
          sign: options.signForSource,
        });
      }
      // The configured URL (sources.json, or <NAME>_URL) wins over the one composed in.
      const registration = config.sources.find((s) => s.name === name);
      if (!registration) throw new Error(`the supergraph names a source that is not registered: ${name}`);
      const url = registration.url;
      const agent = createSourceAgent(config.maxSocketsPerSource);
      agents.push(agent);
      return new SourceDataSource({
        registration,
        url,
        timeoutMs: config.sourceTimeoutMs,
        agent,
        sign: options.signForSource,
        metrics: sourceMetrics,
        logger,
        ...(options.tracing ? { tracing: options.tracing } : {}),
      });
    },
  });
  const armor = new ApolloArmor(armorOptions(config)).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false,
    formatError: createGatewayErrorFormatter(logger),
    validationRules: [...armor.validationRules, oneScreeningPerRequest],
    // Apollo's own landing page loads from a CDN: the hub serves GraphiQL from its own files instead.
    plugins: [...armor.plugins, ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const http = createHttpService({
    logger,
    metrics,
    ...(options.tracing ? { tracing: options.tracing } : {}),
    routes: {
      '/graphql': async (req, res, span) => {
        if (!config.production && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
          res.statusCode = 302;
          res.setHeader('location', '/graphiql/');
          res.end();
          return;
        }
        const caller = await authenticateRequest(options.authenticate, req, res);
        if (!caller) return;
        const context = async (): Promise<GatewayContext> => ({
          caller,
          span,
          logger: logger.child({ requestId: span.traceId }),
        });
        await handleGraphQLRequest(apollo, req, res, context, config.limits.maxBodyBytes);
      },
      ...pageRoutes(options.authenticate, config.production),
    },
  });
  return {
    http,
    stop: async () => {
      await apollo.stop();
      agents.forEach((a) => a.destroy());
    },
  };
}
