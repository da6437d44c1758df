import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from './context';
import { SqlRunner } from './database/sql-runner';
import { buildFederatedSchema } from './federation';
import { createErrorFormatter } from './format-error';
import { handleGraphQLRequest, sendJson } from './http/graphql-handler';
import { createHttpService } from './http/http-service';
import { createLoaders } from './loaders';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import { SourceRepository } from './source-repository';
import type { SubgraphDefinition } from './subgraph-definition';
import { contributorResolvers } from './views/contributor-views';

export interface SubgraphApp {
  readonly http: Server;
  readonly apollo: ApolloServer<SubgraphContext>;
  stop(): Promise<void>;
}

export interface SubgraphAppOptions {
  readonly definition: SubgraphDefinition;
  readonly dataSource: DataSource;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly dataNotice: string;
}

/** Builds an entity subgraph's schema and HTTP service, without listening. */
export async function createSubgraphApp(options: SubgraphAppOptions): Promise<SubgraphApp> {
  const { definition, dataSource, logger, metrics } = options;
  const repository = new SourceRepository(definition.source, definition.mapping, new SqlRunner(dataSource, metrics));
  const { resolvers, orphanedTypes, referenceResolvers } = contributorResolvers(
    definition.source,
    definition.contributorField,
    options.dataNotice,
  );
  const schema = await buildFederatedSchema<SubgraphContext>({ resolvers, orphanedTypes, referenceResolvers });
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // The process owns its signals: it drains HTTP, then stops Apollo, then closes the pool.
    stopOnTerminationSignals: false,
    // Traces would tell callers how long each native query took; the hub has its own metrics.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const http = createHttpService({
    logger,
    metrics,
    routes: {
      '/graphql': (req, res) =>
        handleGraphQLRequest(apollo, req, res, async () => {
          const requestId = randomUUID();
          return { requestId, logger: logger.child({ requestId }), loaders: createLoaders(repository) };
        }),
      '/health': async (_req, res) => {
        try {
          await dataSource.query('SELECT 1');
          sendJson(res, 200, { status: 'ok', source: definition.source });
        } catch {
          sendJson(res, 503, { status: 'database unavailable', source: definition.source });
        }
      },
    },
  });
  return {
    http,
    apollo,
    stop: () => apollo.stop(),
  };
}
