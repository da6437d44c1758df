import { Agent } from 'node:http';
import type { Server } from 'node:http';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { ServiceMetrics, Logger, createHttpService, handleGraphQLRequest, sendJson } from '@psea/subgraph-kit';
import type { GatewayConfig } from './config';
import { SourceDataSource } from './datasources/source-data-source';
import { createGatewayErrorFormatter } from './format-gateway-error';
import { SYSTEM_VIEW } from './system-view/system-view.schema';

export interface GatewayApp {
  readonly http: Server;
  stop(): Promise<void>;
}

export interface GatewayAppOptions {
  readonly config: GatewayConfig;
  readonly supergraphSdl: string;
  readonly systemViewSchema: GraphQLSchema;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
}

/** Builds the gateway: Apollo Server over Apollo Gateway, the system view in-process. */
export async function createGatewayApp(options: GatewayAppOptions): Promise<GatewayApp> {
  const { config, logger, metrics } = options;
  const agents: Agent[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      if (name === SYSTEM_VIEW) return new LocalGraphQLDataSource(options.systemViewSchema);
      const registration = config.sources.find((s) => s.name === name);
      if (!registration || !url) throw new Error(`the supergraph names a source that is not registered: ${name}`);
      const agent = new Agent({ keepAlive: true, maxSockets: config.maxSocketsPerSource });
      agents.push(agent);
      return new SourceDataSource({ registration, url, timeoutMs: config.sourceTimeoutMs, agent });
    },
  });
  const apollo = new ApolloServer({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // The process owns its signals: it drains HTTP, then stops Apollo, then closes the pool.
    stopOnTerminationSignals: false,
    formatError: createGatewayErrorFormatter(logger),
    plugins: config.production ? [ApolloServerPluginLandingPageDisabled()] : [],
  });
  await apollo.start();
  const http = createHttpService({
    logger,
    metrics,
    routes: {
      '/graphql': (req, res) => handleGraphQLRequest(apollo, req, res, async () => ({})),
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
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
